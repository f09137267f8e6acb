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
import dev.mlx.cli.Main;
import dev.mlx.runtime.serve.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * and relative outputs land in the output folder. The runs that {@code serve} (when the folder holds
 * no model yet) and {@code retrain} start follow the same flag, in the jar and in {@code mlx}.
 */
class OutputPathsRunTest {
    @Test
    void aRunWritesOutsideItsFolderOnlyWithTheFlag(@TempDir Path dir) throws Exception {
        Path victim = writeExperiment(dir);
        Path shared = victim.getParent();
        SourceFile file = SourceFile.read(dir.resolve("paths.mlx"));
        Diagnostics refused = new Diagnostics(file);
        Checker.check(file, CheckOptions.defaults(), refused);
        assertTrue(refused.sorted().stream().anyMatch(x -> x.code().name().equals("MLX0412")), refused.sorted().toString());

        // Compiled by someone who allowed the folder; run by someone who did not.
        ExperimentCompiler.Compiled compiled = compileAllowing(file, shared);
        Path out = dir.resolve("out");
        CapturedRun refusedRun = CapturedRun.of(compiled, dir, "--out", out.toString());
        assertEquals(1, refusedRun.exit(), refusedRun.output());
        assertEquals("precious", Files.readString(victim), "the run must not overwrite the file");
        assertTrue(refusedRun.output().contains("--allow-outside"), refusedRun.output());

        assertEquals(0, CapturedRun.of(compiled, dir, "--out", out.toString(), "--allow-outside", shared.toString()).exit());
        assertTrue(Files.readString(victim).contains("<html"), "written with the flag");
        assertTrue(Files.isRegularFile(out.resolve("models/paths.tribuo")), "a relative export is inside --out");
    }

    /** The jar's serve, when it must run the experiment first, and its retrain pass the flag on to that run. */
    @Test
    void serveAndRetrainInTheJarPassTheFlagToTheirRuns(@TempDir Path dir) throws Exception {
        Path victim = writeExperiment(dir);
        Path shared = victim.getParent();
        ExperimentCompiler.Compiled compiled = compileAllowing(SourceFile.read(dir.resolve("paths.mlx")), shared);
        Path out = dir.resolve("out");

        // the port is taken, so serve stops with exit 1 once its first run is done instead of listening
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            CapturedRun refused = CapturedRun.of(compiled, dir, "serve", "--port", port, "--out", out.toString());
            assertEquals(1, refused.exit(), refused.output());
            assertTrue(refused.output().contains("--allow-outside"), refused.output());
            assertEquals("precious", Files.readString(victim));
            assertFalse(Files.exists(out.resolve("model.tribuo")), "a refused run leaves no model for serve to take");
            CapturedRun served = CapturedRun.of(compiled, dir, "serve", "--port", port, "--out", out.toString(), "--allow-outside", shared.toString());
            assertEquals(1, served.exit(), served.output());
            assertTrue(served.output().contains("running the experiment first") && served.output().contains("cannot listen"),
                    served.output());
        }
        assertTrue(Files.readString(victim).contains("<html"), "serve's first run wrote the report with the flag");

        String store = labelledStore(dir.resolve("store.db"));
        Files.writeString(victim, "precious");
        CapturedRun kept = CapturedRun.of(compiled, dir, "retrain", "--store", store, "--out", out.toString());
        assertEquals(1, kept.exit(), kept.output());
        assertEquals("precious", Files.readString(victim), "the new run must not overwrite the file");
        assertTrue(kept.output().contains("--allow-outside"), kept.output());
        CapturedRun retrained = CapturedRun.of(compiled, dir, "retrain", "--store", store, "--out", out.toString(),
                "--allow-outside", shared.toString());
        assertTrue(retrained.exit() == 0 || retrained.exit() == 4, retrained.output());
        assertTrue(Files.readString(victim).contains("<html"), "the new run wrote the report with the flag");
    }

    /** {@code mlx serve} and {@code mlx retrain} take the flag, check with it and pass it to the jar's command. */
    @Test
    void mlxServeAndRetrainTakeTheFlag(@TempDir Path dir) throws Exception {
        Path victim = writeExperiment(dir);
        Path shared = victim.getParent();
        String file = dir.resolve("paths.mlx").toString();
        Path out = dir.resolve("out");

        CapturedRun unchecked = mlx("serve", file, "--out", out.toString(), "--port", "0");
        assertEquals(1, unchecked.exit(), unchecked.output());
        assertTrue(unchecked.output().contains("MLX0412"), unchecked.output());
        // the port is taken, so serve stops with exit 1 once its first run is done instead of listening
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CapturedRun served = mlx("serve", file, "--out", out.toString(), "--port", Integer.toString(taken.getLocalPort()),
                    "--allow-outside", shared.toString());
            assertEquals(1, served.exit(), served.output());
            assertTrue(served.output().contains("cannot listen"), served.output());
        }
        assertTrue(Files.readString(victim).contains("<html"), "mlx serve's first run wrote the report with the flag");
        assertTrue(Files.isRegularFile(out.resolve("model.tribuo")));

        String store = labelledStore(dir.resolve("store.db"));
        Files.writeString(victim, "precious");
        CapturedRun refused = mlx("retrain", file, "--out", out.toString(), "--store", store);
        assertEquals(1, refused.exit(), refused.output());
        assertEquals("precious", Files.readString(victim));
        CapturedRun retrained = mlx("retrain", file, "--out", out.toString(), "--store", store, "--allow-outside", shared.toString());
        assertTrue(retrained.exit() == 0 || retrained.exit() == 4, retrained.output());
        assertTrue(Files.readString(victim).contains("<html"), "mlx retrain's new run wrote the report with the flag");
        CapturedRun report = mlx("feedback", "report", file, "--out", out.toString(), "--store", store,
                "--allow-outside", shared.toString());
        assertEquals(0, report.exit(), report.output());
    }

    /** An experiment in {@code dir} whose report is {@code dir/shared/victim.html}, a file holding "precious". */
    private static Path writeExperiment(Path dir) throws Exception {
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
        return victim;
    }

    private static ExperimentCompiler.Compiled compileAllowing(SourceFile file, Path shared) {
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE,
                List.of(shared)), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        return ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
    }

    /** A store with 20 answered predictions, each with its true label, as serving would have logged them. */
    private static String labelledStore(Path db) throws Exception {
        String url = "jdbc:sqlite:" + db;
        try (Store store = Store.open(url)) {
            for (int r = 0; r < 20; r++) {
                String id = "p" + r;
                String label = r % 2 == 0 ? "even" : "odd";
                store.log(new Store.Prediction(id, id, 1_000L + r, "selected", false, "{\"x\": " + (100 + r) + "}", "even",
                        null, null));
                assertEquals(Store.Ack.STORED, store.feedback(id, label).get());
            }
        }
        return url;
    }

    private static CapturedRun mlx(String... args) {
        PrintStream console = System.out;
        PrintStream errors = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();
        int exit;
        try {
            PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            PrintWriter w = new PrintWriter(text, true);
            exit = Main.run(args, w, w);
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
        return new CapturedRun(exit, text + captured.toString(StandardCharsets.UTF_8));
    }
}
