package dev.mlx.runtime;

import com.google.gson.JsonObject;
import dev.mlx.runtime.base.JsonFiles;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.report.ReportRenderer;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.serve.FeedbackReport;
import dev.mlx.runtime.serve.ModelServer;
import dev.mlx.runtime.serve.Profile;
import dev.mlx.runtime.serve.ServeOptions;
import dev.mlx.runtime.serve.Served;
import dev.mlx.runtime.serve.Store;
import dev.mlx.runtime.spec.Experiment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code serve} and {@code report}: the commands that work on the model of the last run and on its
 * feedback store ({@code retrain} is {@link Retrain}). Bad setup is a {@link RunException}, which
 * {@link JarCommand} turns into a message and exit code 1, as for {@code run}.
 */
final class Serving {
    private Serving() {
    }

    /** Serves the model of the last run in {@code outDir} (running the experiment first when there is none), or benchmarks it. */
    static int serve(Experiment e, JarSubcommands.ServeSubcommand c, JarCommand jar, Path outDir, PrintStream out)
            throws InterruptedException {
        Path base = jar.baseDir();
        // the store first: a refused URL stops serve before it runs anything
        String storeUrl = c.benchRequests() > 0 ? null : c.storeUrl(e, base, outDir, out);
        if (!Files.exists(outDir.resolve(Profile.FILE)) || !Files.exists(outDir.resolve(Stages.MODEL_FILE))) {
            out.println("no model in " + outDir + " yet: running the experiment first");
            int code = jar.tracked(e, folder -> new Stages(e, base, folder, out).allowOutside(jar.allowOutside));
            if (code != Runner.OK) {
                throw new RunException("the run did not pass, so there is no model to serve (see " + outDir.resolve("run.json") + ")");
            }
        }
        String status = runStatus(outDir);
        if (!"passed".equals(status)) {
            throw new RunException("the last run in " + outDir + " did not pass (" + status + "): its model is not served; "
                    + "fix the experiment and run it again");
        }
        Served served = Served.load(outDir);
        if (c.benchRequests() > 0) {
            JsonObject b = dev.mlx.runtime.serve.Bench.run(e, served, c.benchRequests(), c.host);
            out.print(dev.mlx.runtime.serve.Bench.text(b));
            JsonFiles.write(outDir.resolve("bench.json"), b);
            out.println("written: " + outDir.resolve("bench.json"));
            return b.get("passed").getAsBoolean() ? Runner.OK : Runner.FAILED;
        }
        int port = c.port != null ? c.port : e.deploy() != null && e.deploy().port() > 0 ? e.deploy().port() : 8080;
        double window = e.feedback() != null && e.feedback().windowDays() > 0 ? e.feedback().windowDays() : 7;
        ServeOptions options = new ServeOptions(c.host, port, c.maxBody, c.maxBatch, c.timeout, c.production,
                storeUrl, window);
        ModelServer server = new ModelServer(e, served, options);
        int bound = server.start();
        Thread hook = new Thread(server::close, "mlx-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serving `" + e.name() + "` (" + String.join(", ", served.variants.keySet()) + ") on http://"
                + c.host + ":" + bound + (server.store() == null ? "" : "; logging to " + server.store().label()));
        out.flush();
        server.await();
        return Runner.OK;
    }

    /** The last run's status; a run.json that is not one is a {@link RunException} naming the problem's JSON path. */
    private static String runStatus(Path outDir) {
        Path runJson = outDir.resolve("run.json");
        return Files.isRegularFile(runJson) ? RunJson.read(runJson).status() : "no run.json";
    }

    /** The online evaluation and drift from the store at {@code url}, printed, written and folded into the run's report. */
    static int report(Experiment e, String url, Path outDir, PrintStream out) {
        Served served = Served.load(outDir);
        double window = e.feedback() != null && e.feedback().windowDays() > 0 ? e.feedback().windowDays() : 7;
        try (Store store = Store.open(url)) {
            JsonObject r = dev.mlx.runtime.serve.FeedbackReport.both(e, served.profile, store, window);
            out.print(dev.mlx.runtime.serve.FeedbackReport.text(r));
            JsonFiles.write(outDir.resolve("feedback.json"), r);
            out.println("written: " + outDir.resolve("feedback.json"));
            if (foldIntoReport(outDir, r)) {
                out.println("written: " + outDir.resolve(Stages.REPORT_FILE) + " (with the online results)");
            }
        }
        return Runner.OK;
    }

    /**
     * The online results and drift join the run's record: run.json gets {@code online} and
     * {@code drift} as numbers and report.html is drawn again, so its feedback and drift sections
     * show them. False when there is no run.json to add to; a run.json that is not one is a
     * {@link RunException} naming the problem's JSON path.
     */
    static boolean foldIntoReport(Path outDir, JsonObject feedback) {
        Path runFile = outDir.resolve("run.json");
        if (!Files.isRegularFile(runFile)) {
            return false;
        }
        RunResult run = RunJson.read(runFile).withFeedback(FeedbackReport.online(feedback), FeedbackReport.drift(feedback));
        rewrite(outDir, run);
        return true;
    }

    /** Writes run.json and draws report.html again from it. */
    static void rewrite(Path outDir, RunResult run) {
        RunJson.write(outDir.resolve("run.json"), run);
        // a new file moved into place: the old one may be a link into the run's own folder, which keeps its report
        Path tmp = outDir.resolve(Stages.REPORT_FILE + ".tmp");
        try {
            Files.writeString(tmp, ReportRenderer.render(run), java.nio.charset.StandardCharsets.UTF_8);
            Files.move(tmp, outDir.resolve(Stages.REPORT_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException ex) {
            throw new RunException("cannot write " + outDir.resolve(Stages.REPORT_FILE) + ": " + ex.getMessage(), ex);
        }
    }
}
