package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, failure 7, end to end: a compiled experiment whose report and export name a place
 * outside the output folder writes nothing there unless its run is given {@code --allow-outside},
 * and relative outputs land in the output folder.
 */
class OutputPathsRunTest {
    @Test
    void aRunWritesOutsideItsFolderOnlyWithTheFlag(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int r = 0; r < 60; r++) {
            csv.append(r).append(',').append(r % 2 == 0 ? "even" : "odd").append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString());
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path victim = shared.resolve("victim.html");
        Files.writeString(victim, "precious");
        Files.writeString(dir.resolve("paths.mlx"), """
                experiment paths {
                  scope { task classification; target label }
                  data { source csv "rows.csv"; split holdout 25% stratified seed 3 }
                  models { baseline majority }
                  evaluate { holdout; metrics accuracy; select best by accuracy }
                  deploy { export tribuo "models/paths.tribuo" }
                  report "VICTIM"
                }
                """.replace("VICTIM", victim.toString()));
        SourceFile file = SourceFile.read(dir.resolve("paths.mlx"));
        Diagnostics refused = new Diagnostics(file);
        Checker.check(file, CheckOptions.defaults(), refused);
        assertTrue(refused.sorted().stream().anyMatch(x -> x.code().name().equals("MLX0412")), refused.sorted().toString());

        // Compiled by someone who allowed the folder; run by someone who did not.
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE,
                List.of(shared)), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
        Path out = dir.resolve("out");
        PrintStream console = System.out;
        PrintStream errors = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            exit = ExperimentCompiler.runInProcess(compiled, dir, new String[] {"--out", out.toString()});
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
        assertEquals(1, exit, captured.toString(StandardCharsets.UTF_8));
        assertEquals("precious", Files.readString(victim), "the run must not overwrite the file");
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("--allow-outside"),
                captured.toString(StandardCharsets.UTF_8));

        exit = ExperimentCompiler.runInProcess(compiled, dir,
                new String[] {"--out", out.toString(), "--allow-outside", shared.toString()});
        assertEquals(0, exit);
        assertTrue(Files.readString(victim).contains("<html"), "written with the flag");
        assertTrue(Files.isRegularFile(out.resolve("models/paths.tribuo")), "a relative export is inside --out");
    }
}
