package dev.mlx.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import dev.mlx.testing.Golden;
import dev.mlx.diag.Diagnostic;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import dev.mlx.syntax.Parsing;
import dev.mlx.syntax.Tok;
import dev.mlx.syntax.TokenType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden pairs ({@code NAME.in.mlx} → {@code NAME.out.mlx}; {@code -Dmlx.update=true} rewrites the
 * outputs), plus the two promises of a formatter on every golden input and every example:
 * formatting twice changes nothing, and the formatted file means exactly what the original meant.
 */
class FormatterTest {
    private static final Path GOLDEN = Repo.module("src/test/resources/fmt");
    private static final Path EXAMPLES = Path.of("examples");

    // ---- golden files

    @TestFactory
    Stream<DynamicTest> goldenPairs() throws IOException {
        List<Path> inputs = goldenInputs();
        assertTrue(inputs.size() >= 10, "golden inputs missing: " + inputs);
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            Path out = in.resolveSibling(in.getFileName().toString().replace(".in.mlx", ".out.mlx"));
            String actual = Formatter.format(read(in));
            Golden.assertMatches(out, actual, "formatting " + in);
        }));
    }

    // ---- fmt(fmt(x)) == fmt(x) and parse(fmt(x)) == parse(x), on every input we have

    @TestFactory
    Stream<DynamicTest> idempotentAndMeaningPreserving() throws IOException {
        List<Path> all = new ArrayList<>(goldenInputs());
        all.addAll(examples());
        return all.stream().map(path -> DynamicTest.dynamicTest(path.toString(), () -> {
            String original = read(path);
            String once = Formatter.format(original);
            assertEquals(once, Formatter.format(once), "formatting twice changed " + path);
            assertEquals(significantTokens(original), significantTokens(once), "tokens changed in " + path);
            assertEquals(ast(original), ast(once), "syntax tree changed in " + path);
            assertTrue(once.endsWith("\n") && !once.endsWith("\n\n"), "must end in exactly one newline");
            assertFalse(once.contains("\r") || once.contains("\n\n\n") || once.contains("\t"), "layout left over");
            assertFalse(once.lines().anyMatch(l -> l.endsWith(" ")), "trailing whitespace in " + path);
        }));
    }

    @Test
    void theComparisonsCanTellFilesApart() {
        String a = "experiment x {\n  models { forest rf { trees 200 } }\n}\n";
        String b = "experiment x {\n  models { forest rf { trees 300 } }\n}\n";
        String spacedOut = "experiment  x {\n\n  models {   forest rf {trees 200}\n  }\n}\n";
        assertNotEquals(ast(a), ast(b));
        assertNotEquals(significantTokens(a), significantTokens(b));
        assertEquals(ast(a), ast(spacedOut), "spans must not take part in the comparison");
        assertTrue(ast(a).contains("Model(") && ast(a).contains("trees") && !ast(a).contains("Span"), ast(a));
    }

    // ---- rules a user would notice, asserted directly (the golden files could be regenerated wrong)

    @Test
    void oneLineBlocksExpandButValueGroupsStay() {
        String out = Formatter.format("experiment x { review { summary; outliers iqr 1.5 }; models { forest rf"
                + " {trees 200,max_depth 12} }; checks { plan in { \"a\" , \"b\" } } }");
        assertEquals("""
                experiment x {
                  review {
                    summary
                    outliers iqr 1.5
                  }
                  models {
                    forest rf { trees 200, max_depth 12 }
                  }
                  checks {
                    plan in {"a", "b"}
                  }
                }
                """, out);
    }

    @Test
    void spacing() {
        String out = Formatter.format("experiment x {\n checks { missing ( a )<=1 % ; b in 0 .. 9; c-1 > -2; (c)-1 > 0 }\n"
                + " features { derive r=a/( b+1 )*2 ; clip d to -5..5 }\n"
                + " feedback { abtest a vs b split 90 / 10 }\n models { mlp { hidden [ 64 , 32 ] } }\n}\n");
        assertTrue(out.contains("    missing(a) <= 1%\n"), out);
        assertTrue(out.contains("    b in 0..9\n"), out);
        assertTrue(out.contains("    c - 1 > -2\n    (c) - 1 > 0\n"), out);
        assertTrue(out.contains("    derive r = a / (b + 1) * 2\n"), out);
        assertTrue(out.contains("    clip d to -5..5\n"), out);
        assertTrue(out.contains("split 90/10"), out);
        assertTrue(out.contains("mlp { hidden [64, 32] }"), out);
    }

    @Test
    void commentsAndBlankLines() {
        String out = Formatter.format("// top\nexperiment x {\n\n\n  scope {   // why\n\n task y   // note  \n"
                + "        // own line\n\n\n\n target z\n\n }\n\n}\n\n\n");
        assertEquals("""
                // top
                experiment x {
                  scope {  // why
                    task y  // note
                    // own line

                    target z
                  }
                }
                """, out);
    }

    @Test
    void crlfBecomesLf() throws IOException {
        String lf = read(GOLDEN.resolve("churn.in.mlx"));
        assertEquals(Formatter.format(lf), Formatter.format(lf.replace("\n", "\r\n")));
        assertTrue(Files.readString(GOLDEN.resolve("crlf.in.mlx")).contains("\r\n"), "the CRLF golden lost its CRs");
    }

    // ---- refusing broken input

    @Test
    void syntaxErrorsAreRefusedWithDiagnostics() throws IOException {
        SourceFile file = SourceFile.of("refused.mlx", read(GOLDEN.resolve("refused.mlx")));
        Formatter.FormatResult result = Formatter.formatChecked(file);
        assertFalse(result.ok());
        assertNull(result.text());
        assertFalse(result.errors().isEmpty());
        assertTrue(result.errors().stream().allMatch(Diagnostic::isError));
        assertThrows(IllegalArgumentException.class, () -> Formatter.format(file.text()));
    }

    // ---- the command

    private static List<Path> goldenInputs() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".in.mlx")).sorted().toList();
        }
    }

    private static List<Path> examples() throws IOException {
        if (!Files.isDirectory(EXAMPLES)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".mlx")).sorted().toList();
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** What the parser sees, minus layout: separators (`;` or newline) are one thing to it. */
    private static List<String> significantTokens(String text) {
        return Parsing.lex(text).stream()
                .filter(t -> t.kind() != Tok.Kind.WHITESPACE && t.kind() != Tok.Kind.NEWLINE && !t.is(TokenType.SEMI))
                .map(t -> t.type() + " " + (t.kind() == Tok.Kind.COMMENT ? t.text().stripTrailing() : t.text()))
                .toList();
    }

    /** The syntax tree as text with every span left out, so only what was written is compared. */
    private static String ast(String text) {
        List<Diagnostic> errors = new ArrayList<>();
        Parsing.Result parsed = Parsing.parse(SourceFile.of("t.mlx", text), errors::add);
        assertTrue(errors.isEmpty() && parsed.experiment() != null, () -> "does not parse: " + errors);
        return render(parsed.experiment());
    }

    private static String render(Object o) {
        if (o instanceof Record r) {
            List<String> parts = new ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Span.class) {
                    continue;
                }
                try {
                    parts.add(c.getName() + "=" + render(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return r.getClass().getSimpleName() + "(" + String.join(", ", parts) + ")";
        }
        if (o instanceof List<?> list) {
            return list.stream().map(FormatterTest::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(o);
    }
}
