package dev.mlx.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.Fix;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.diag.JsonRenderer;
import dev.mlx.diag.Label;
import dev.mlx.diag.ShortRenderer;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import dev.mlx.syntax.Parsing;
import dev.mlx.syntax.Tok;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bad input is a value, never an exception: any text goes through the parser and the checker, and
 * every diagnostic points inside the text and renders in every format.
 *
 * <p>{@code mvn verify} runs only the seeds in {@code src/test/resources/dev/mlx/fuzz/CheckerFuzzTestInputs/<method>/}.
 * To fuzz one method (Jazzer fuzzes one per run), and keep what it finds as new seeds:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='CheckerFuzzTest#arbitraryText'}. The checker never reads
 * data here, so a run depends on the text alone.
 */
class CheckerFuzzTest {
    private static final CheckOptions NO_DATA = new CheckOptions(false, Map.of(), false, ProfileCache.NONE);

    /** Valid experiments to damage: the examples, or one built in when they cannot be found. */
    private static final List<String> BASES = loadBases();

    private static final String BUILT_IN = """
            experiment fuzz "A base for splicing" {
              params { seed = 7 }
              scope { task classification; target species; metric macro_f1 }
              data {
                source csv "data/penguins.csv"
                id penguin_id
                types { species: category, `odd name`: number }
                missing "", "NA"
                split holdout 20% stratified seed $seed
              }
              checks { rows >= 10; share(species == "Adelie") >= 5% warn; beak_length_mm in 25..70 }
              features { derive r = beak_length_mm / (beak_depth_mm + 1); onehot island top 3 }
              models { baseline; xgboost x { trees 10, eta 0.1 }; tune x { eta in 0.01..0.3 log } trials 3 }
              evaluate { cv 3 folds; metrics accuracy, macro_f1; select best by macro_f1 }
              deploy { serve port 8080 }
              feedback { online macro_f1 window 7 days }
              report "out/fuzz.html"
            }
            """;

    /** Any text at all. */
    @FuzzTest(maxDuration = "5m")
    void arbitraryText(FuzzedDataProvider data) {
        checkNeverThrows(data.consumeRemainingAsString());
    }

    /**
     * A valid experiment with a stretch cut out and fuzz text put in its place: reaches the checker's
     * passes behind a parse that mostly succeeds, which random text rarely does.
     */
    @FuzzTest(maxDuration = "5m")
    void splicedIntoExample(FuzzedDataProvider data) {
        String base = BASES.get(data.consumeInt(0, BASES.size() - 1));
        int at = data.consumeInt(0, base.length());
        int cut = data.consumeInt(0, Math.min(64, base.length() - at));
        String insert = data.consumeRemainingAsString();
        checkNeverThrows(base.substring(0, at) + insert + base.substring(at + cut));
    }

    static void checkNeverThrows(String text) {
        SourceFile file = SourceFile.of("fuzz.mlx", text);

        List<Diagnostic> parsed = new ArrayList<>();
        Parsing.Result result = Parsing.parse(file, parsed::add);
        verifyTokens(file, result.tokens());
        verify(file, parsed);

        List<Diagnostic> checked = new ArrayList<>();
        Diagnostics capped = new Diagnostics(file);
        Checker.check(file, NO_DATA, d -> {
            checked.add(d);
            capped.report(d);
        });
        verify(file, checked);
        // Through the sink the CLI uses: file filled in, repeats dropped, capped and sorted.
        List<Diagnostic> shown = capped.sorted();
        assertTrue(shown.size() <= Diagnostics.DEFAULT_LIMIT);
        render(file, shown);
    }

    /**
     * Spans are UTF-16 offsets: each token's span must cover exactly its text, or every caret after
     * it is drawn in the wrong place (and editors colour the wrong characters).
     */
    private static void verifyTokens(SourceFile file, List<Tok> tokens) {
        assertNotNull(tokens);
        int length = file.text().length();
        for (Tok t : tokens) {
            assertTrue(t.span().end() <= length, () -> t + " ends past the text (" + length + " characters)");
            assertEquals(t.text(), file.text(t.span()), () -> t + " does not cover its own text");
        }
    }

    private static void verify(SourceFile file, List<Diagnostic> diagnostics) {
        int length = file.text().length();
        for (Diagnostic d : diagnostics) {
            assertNotNull(d.code(), "diagnostic without a code");
            assertNotNull(d.severity(), () -> d.code() + " without a severity");
            assertFalse(d.message() == null || d.message().isBlank(), () -> d.code() + " has no message");
            for (Label l : d.labels()) {
                assertInside(l.span(), length, d);
            }
            for (Fix f : d.fixes()) {
                assertInside(f.span(), length, d);
            }
        }
        render(file, diagnostics);
    }

    private static void assertInside(Span span, int length, Diagnostic d) {
        assertNotNull(span, () -> d.code() + " has a label or fix without a span");
        assertTrue(span.end() <= length,
                () -> d.code() + " `" + d.message() + "` points at " + span.start() + ".." + span.end()
                        + " past the end of a text of " + length + " characters");
    }

    private static void render(SourceFile file, List<Diagnostic> diagnostics) {
        HumanRenderer plain = new HumanRenderer(false);
        HumanRenderer color = new HumanRenderer(true);
        ShortRenderer line = new ShortRenderer();
        List<Diagnostic> withFile = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Diagnostic f = d.file() == null
                    ? new Diagnostic(d.code(), d.severity(), d.message(), file, d.labels(), d.notes(), d.helps(), d.fixes())
                    : d;
            withFile.add(f);
            assertFalse(plain.render(f).isEmpty());
            assertFalse(color.render(f).isEmpty());
            assertFalse(line.render(f).isEmpty());
            // A diagnostic without a file must render too: a stage may report before the sink fills it.
            plain.render(d);
            line.render(d);
        }
        String json = new JsonRenderer().render(withFile);
        assertEquals(withFile.size(), JsonParser.parseString(json).getAsJsonArray().size(), json);
    }

    private static List<String> loadBases() {
        List<String> out = new ArrayList<>();
        Path examples = Repo.root("examples");
        if (Files.isDirectory(examples)) {
            try (Stream<Path> files = Files.walk(examples, 2)) {
                files.filter(p -> p.toString().endsWith(".mlx")).sorted().forEach(p -> {
                    try {
                        out.add(Files.readString(p, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.add(BUILT_IN);
        return List.copyOf(out);
    }
}
