package dev.mlx.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.ast.BlockKind;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every bundled example checks clean, strictly (no warnings either), bound to its real data. */
class ExamplesCheckTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("examples"))) {
            return s.filter(p -> p.toString().endsWith(".mlx")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleChecksClean() throws IOException {
        List<Path> files = examples();
        assertTrue(files.size() >= 6, "expected at least six examples");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            SourceFile file = SourceFile.read(p);
            List<Diagnostic> diags = Checker.diagnostics(file, new CheckOptions(true, java.util.Map.of(), true, ProfileCache.NONE));
            StringBuilder sb = new StringBuilder();
            diags.forEach(d -> sb.append(new HumanRenderer(false).render(d)));
            assertEquals(0, diags.size(), sb.toString());
            CheckResult r = Checker.check(file, CheckOptions.defaults(), d -> { });
            assertNotNull(r.data(), "the example's data was bound");
        }));
    }

    @Test
    void flagshipUsesEveryBlock() throws IOException {
        SourceFile file = SourceFile.read(Path.of("examples/penguins/penguins.mlx"));
        CheckResult r = Checker.check(file, CheckOptions.defaults(), d -> { });
        for (BlockKind k : BlockKind.values()) {
            if (k != BlockKind.UNKNOWN) {
                assertNotNull(r.experiment().section(k), "flagship lacks `" + k.keyword() + "`");
            }
        }
    }

    @Test
    void setOverridesAParameterAndBadValuesAreReported() throws IOException {
        SourceFile file = SourceFile.read(Path.of("examples/penguins/penguins.mlx"));
        CheckResult r = Checker.check(file, new CheckOptions(false, java.util.Map.of("seed", "7"), true, ProfileCache.NONE), d -> { });
        assertEquals("7", r.parameters().get("seed"));
        List<Diagnostic> bad = Checker.diagnostics(file, new CheckOptions(false, java.util.Map.of("sed", "7", "folds", "x"), true, ProfileCache.NONE));
        assertEquals(List.of("MLX0208", "MLX0209"), bad.stream().map(d -> d.code().name()).sorted().toList());
    }
}
