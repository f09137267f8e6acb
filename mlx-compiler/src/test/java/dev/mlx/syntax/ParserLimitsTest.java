package dev.mlx.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.fmt.Formatter;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile sizes from issue 15: a 3,000-term operator chain overflowed the stack (exit 3), and 100k or
 * 400k pairs of nested braces took seconds to minutes before their one diagnostic. Each now ends in a
 * located syntax error, without a stack overflow, and well inside a generous time limit (the limit
 * only catches a return of the quadratic pass; the test makes no claim about speed).
 */
class ParserLimitsTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private static String experiment(String derive) {
        return "experiment limits {\n"
                + "  scope {\n    task regression\n    target y\n    metric rmse\n  }\n"
                + "  data {\n    source csv \"data.csv\"\n  }\n"
                + "  features {\n    derive z = " + derive + "\n  }\n"
                + "  models {\n    baseline mean\n    linear lin\n  }\n"
                + "}\n";
    }

    private static String chain(int terms) {
        StringBuilder sb = new StringBuilder("a");
        for (int i = 1; i < terms; i++) {
            sb.append(i % 2 == 0 ? " + a" : " - b");
        }
        return sb.toString();
    }

    private static List<Diagnostic> check(Path dir, String text) throws IOException {
        Files.writeString(dir.resolve("data.csv"), "a,b,y\n1,2,3\n2,3,5\n3,5,8\n4,7,11\n5,8,13\n6,9,15\n7,1,8\n8,2,10\n");
        Path mlx = dir.resolve("limits.mlx");
        Files.writeString(mlx, text);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        Checker.check(file, CheckOptions.defaults(), d);
        return d.sorted();
    }

    @Test
    void aChainOfThreeThousandTermsIsOneLocatedErrorNotAStackOverflow(@TempDir Path dir) {
        String text = experiment(chain(3_000));
        List<Diagnostic> found = assertTimeoutPreemptively(GENEROUS, () -> check(dir, text));
        assertEquals(1, found.size(), found.toString());
        Diagnostic d = found.get(0);
        assertEquals(Code.MLX0101, d.code());
        assertTrue(d.message().contains("more than " + Parsing.MAX_OPERATORS + " operators"), d.message());
        // The span points at the first operator past the limit, on the derive's line.
        SourceFile file = SourceFile.of("limits.mlx", text);
        assertEquals(file.line(text.indexOf("derive")), file.line(d.span().start()));
        String before = text.substring(text.indexOf("derive"), d.span().start());
        assertEquals(Parsing.MAX_OPERATORS, before.chars().filter(c -> c == '+' || c == '-').count());
        assertFalse(Formatter.formatChecked(file).ok(), "fmt refuses it with the same error");
    }

    @Test
    void aChainAtTheLimitChecksPlansAndCompilesToJava(@TempDir Path dir) throws IOException {
        String text = experiment(chain(Parsing.MAX_OPERATORS + 1));
        Files.writeString(dir.resolve("data.csv"), "a,b,y\n1,2,3\n2,3,5\n3,5,8\n4,7,11\n5,8,13\n6,9,15\n7,1,8\n8,2,10\n");
        Path mlx = dir.resolve("limits.mlx");
        Files.writeString(mlx, text);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), d.sorted().toString());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
        assertFalse(compiled.classes().isEmpty(), "javac compiled the generated program");
        assertTrue(Formatter.formatChecked(file).ok(), "fmt formats it");
    }

    @Test
    void deepBracesAreOneLocatedErrorAndTheCheckStaysLinear(@TempDir Path dir) {
        for (int pairs : new int[] {100_000, 400_000}) {
            String text = "experiment deep {\n  scope {\n    target y " + "{".repeat(pairs) + "}".repeat(pairs)
                    + "\n  }\n}\n";
            List<Diagnostic> found = assertTimeoutPreemptively(GENEROUS, () -> check(dir, text));
            Diagnostic deep = found.stream().filter(x -> x.message().contains("nest deeper")).findFirst().orElse(null);
            assertNotNull(deep, pairs + " pairs: " + found);
            assertEquals(Code.MLX0101, deep.code());
            assertEquals(text.indexOf('{', text.indexOf("target")) + Parsing.MAX_NESTING - 2, deep.span().start(),
                    "the brace past the limit (the body and the scope already count two)");
            assertFalse(assertTimeoutPreemptively(GENEROUS,
                    () -> Formatter.formatChecked(SourceFile.of("deep.mlx", text))).ok());
        }
    }

    @Test
    void unbalancedDeepBracesOnOneLongLineStayLinear(@TempDir Path dir) {
        // Closing braces below the nesting limit, many of them: the brace pass used to read the whole
        // line for each one.
        String text = "experiment deep {\n  scope { foo " + "{}".repeat(100_000) + " }\n}\n}\n";
        List<Diagnostic> found = assertTimeoutPreemptively(GENEROUS, () -> check(dir, text));
        assertTrue(found.stream().anyMatch(x -> x.code() == Code.MLX0105), found.toString());
    }

    @Test
    void statementsEachGetTheirOwnOperatorBudget(@TempDir Path dir) throws IOException {
        String derive = chain(200) + "\n    derive w = " + chain(200);
        List<Diagnostic> found = check(dir, experiment(derive));
        assertTrue(found.stream().noneMatch(x -> x.code() == Code.MLX0101), found.toString());
    }
}
