package dev.mlx.runtime;

import dev.mlx.runtime.base.JsonFiles;
import dev.mlx.runtime.base.RunException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.io.ObjectMarshalledProvenance;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.checks.CheckOutcome;
import dev.mlx.runtime.checks.CheckRunner;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.eval.EvaluationResult;
import dev.mlx.runtime.eval.Evaluator;
import dev.mlx.runtime.eval.ModelResult;
import dev.mlx.runtime.explain.Explainer;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedFeatures;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.features.Inspector;
import dev.mlx.runtime.features.Pipeline;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.models.SerialFilter;
import dev.mlx.runtime.report.Reports;
import dev.mlx.runtime.review.Reviewer;
import dev.mlx.runtime.spec.Deploy;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * One run, stage by stage: data, review, checks, split, features (with the feature review), models
 * and evaluation, explanations, export. Everything lands in {@code run.json} in the output folder, with the
 * selected model and the holdout predictions beside it; docs/run-json.md documents its keys.
 */
final class Stages {
    static final String MODEL_FILE = "model.tribuo";
    static final String PROVENANCE_FILE = "provenance.json";
    static final String REPORT_FILE = "report.html";
    private static final int MAX_INLINE_PROVENANCE = 256 * 1024;

    private final Experiment e;
    private final Path base;
    private final Path outDir;
    private final Console console;
    private final JsonObject run = new JsonObject();
    private final JsonObject timings = new JsonObject();

    private final String jar;

    /** A run not started from a compiled jar's own command line (serving's first run, retraining, tests). */
    Stages(Experiment e, Path base, Path outDir, PrintStream out) {
        this(e, base, outDir, out, null);
    }

    Stages(Experiment e, Path base, Path outDir, PrintStream out, String jar) {
        this.jar = jar;
        this.e = e;
        this.base = base;
        this.outDir = outDir;
        this.console = new Console(out, 8);
    }

    int run() {
        SerialFilter.install();
        clearPreviousOutputs();
        header();
        Task task = e.scope().task();
        String target = e.scope().target();

        console.begin("data");
        // The file's hash on the other core while this one parses it.
        CompletableFuture<String> sha256 = e.data().csv() == null ? null
                : CompletableFuture.supplyAsync(() -> DataLoader.sha256(base.resolve(e.data().csv()).normalize()));
        Table table = DataLoader.load(e.data(), base);
        JsonObject data = new JsonObject();
        data.addProperty("source", e.data().csv() != null ? e.data().csv() : redact(e.data().jdbcUrl()));
        if (sha256 != null) {
            data.addProperty("sha256", join(sha256));
        }
        data.addProperty("rows", table.rowCount());
        data.addProperty("columns", table.columnCount());
        int withoutTarget = 0;
        int[] dataRows = null; // the data row of each row left, when rows were set aside; else the same index
        if (target != null && task != Task.CLUSTERING) {
            // Rows without the answer can be neither learned from nor scored: set aside, and counted.
            withoutTarget = table.column(target).countMissing();
            if (withoutTarget > 0) {
                dataRows = table.column(target).isNotMissing().toArray();
                table = table.dropWhere(table.column(target).isMissing());
            }
        }
        data.addProperty("rowsWithoutTarget", withoutTarget);
        run.add("data", data);
        time("data", console.end(table.rowCount() + " rows x " + table.columnCount() + " columns"
                + (withoutTarget > 0 ? " (" + withoutTarget + " without a target, set aside)" : "")));

        console.begin("review");
        run.add("review", Reviewer.review(e.review(), table, target, task));
        time("review", console.end(e.review().summary() ? "summary of " + table.columnCount() + " columns" : "done"));

        console.begin("checks");
        List<CheckOutcome> outcomes = CheckRunner.run(e.checks(), table);
        JsonArray checks = new JsonArray();
        List<CheckOutcome> failed = new ArrayList<>();
        int warned = 0;
        for (CheckOutcome o : outcomes) {
            JsonObject c = new JsonObject();
            c.addProperty("check", o.text());
            c.addProperty("status", o.passed() ? "pass" : o.warn() ? "warn" : "fail");
            c.addProperty("observed", o.observed());
            if (o.detail() != null) {
                c.addProperty("detail", o.detail());
            }
            checks.add(c);
            if (!o.passed() && !o.warn()) {
                failed.add(o);
            } else if (!o.passed()) {
                warned++;
            }
        }
        run.add("checks", checks);
        time("checks", console.end(outcomes.size() - failed.size() - warned + " passed, " + warned + " warned, "
                + failed.size() + " failed"));
        if (!failed.isEmpty()) {
            for (CheckOutcome o : failed) {
                console.line("  failed: " + o.text() + " — " + o.observed());
            }
            return finish("failed checks", "the data failed " + failed.size() + " check" + (failed.size() == 1 ? "" : "s")
                    + "; nothing was trained");
        }

        console.begin("split");
        Split.Rows rows = Split.rows(table, e.data().split(), target, task == Task.CLASSIFICATION);
        Table[] parts = split(table, rows);
        // predictions.csv names each holdout row by its data row in the source, so it can be joined back.
        int[] holdoutDataRows = new int[rows.test().length];
        for (int i = 0; i < holdoutDataRows.length; i++) {
            holdoutDataRows[i] = dataRows == null ? rows.test()[i] : dataRows[rows.test()[i]];
        }
        table = null; // from here on only the two parts are needed: let the whole table go
        Table train = parts[0];
        Table test = parts[1];
        JsonObject split = new JsonObject();
        split.addProperty("train", train.rowCount());
        split.addProperty("holdout", test.rowCount());
        split.addProperty("seed", e.data().split().seed());
        split.addProperty("how", e.data().split().orderedBy() != null ? "latest by " + e.data().split().orderedBy()
                : e.data().split().stratified() && task == Task.CLASSIFICATION ? "stratified" : "random");
        run.add("split", split);
        time("split", console.end(train.rowCount() + " training rows, " + test.rowCount() + " holdout rows"));

        console.begin("features");
        Function<Table, FittedPipeline> fit = t -> Pipeline.fit(e.features(), t, target, e.data().id(), task);
        FittedFeatures fitted = (FittedFeatures) fit.apply(train);
        FeatureMatrix mTrain = fitted.transform(train);
        FeatureMatrix mTest = fitted.transform(test);
        // When only missing values can fail the feature review (the default), they are counted here and
        // the rest of the review runs beside the training (which keeps one core), landing in run.json
        // afterwards; so does serving.json's profile of the training columns.
        long[] missing = Inspector.overviewOnly(e.inspect()) ? Inspector.missingCounts(mTrain) : null;
        CompletableFuture<JsonObject> deferred = missing != null
                && (e.inspect() == null || !e.inspect().noMissing() || Inspector.missingFailure(mTrain.names(), missing) == null)
                ? CompletableFuture.supplyAsync(() -> Inspector.inspect(e.inspect(), mTrain, mTest, task, missing)) : null;
        JsonObject inspect = deferred != null ? new JsonObject() : Inspector.inspect(e.inspect(), mTrain, mTest, task);
        CompletableFuture<JsonArray> profile = CompletableFuture.supplyAsync(
                () -> dev.mlx.runtime.serve.Profile.columns(e, train, fitted.inputColumns()));
        JsonObject features = new JsonObject();
        features.add("steps", fitted.describe());
        features.addProperty("count", fitted.featureNames().size());
        features.add("inputs", Plans.inputs(fitted.inputColumns(), run.getAsJsonObject("review")));
        run.add("features", features);
        run.add("inspect", inspect);
        time("features", console.end(fitted.featureNames().size() + " features from " + fitted.inputColumns().size()
                + " columns"));
        JsonArray inspectFailures = inspect.has("failures") ? inspect.getAsJsonArray("failures") : new JsonArray();
        if (inspectFailures.size() > 0) {
            inspectFailures.forEach(f -> console.line("  failed: " + f.getAsString()));
            return finish("failed feature review", "the transformed data failed the feature review; nothing was trained");
        }

        console.begin("models");
        // The pipeline fitted on the whole training table is reused; folds fit their own.
        console.line("");
        EvaluationResult result = Evaluator.evaluate(e, train, test, t -> t == train ? fitted : fit.apply(t),
                line -> console.line("          " + line), mTrain, mTest);
        console.resume("models");
        run.add("evaluation", JsonParser.parseString(result.toJson()));
        provenance(result.selectedModel());
        if (deferred != null) {
            run.add("inspect", join(deferred)); // replaces the placeholder, in its place
        }
        time("models", console.end(result.models().size() + " models, selected `" + result.selected().name() + "`"));
        table(result);

        console.begin("explain");
        JsonObject explained = Explainer.explain(e, result, train, test);
        run.add("explain", explained);
        time("explain", console.end(Explainer.summary(explained)));

        console.begin("export");
        List<String> written = export(result, test, holdoutDataRows);
        written.add(dev.mlx.runtime.serve.Served.write(e, result, join(profile), outDir).toString());
        time("export", console.end(String.join(", ", written)));

        List<EvaluationResult.Gate> gates = result.gates();
        long failedGates = gates.stream().filter(g -> !g.passed()).count();
        for (EvaluationResult.Gate g : gates) {
            console.line(String.format(Locale.ROOT, "  gate %-4s %s (observed %s)", g.passed() ? "ok" : "FAIL", g.text(),
                    g.observed() == null ? "n/a" : fmt(g.observed())));
        }
        if (failedGates > 0) {
            return finish("failed gates", failedGates + " release gate" + (failedGates == 1 ? "" : "s") + " failed");
        }
        return finish("passed", null);
    }

    private void header() {
        JsonObject mlx = new JsonObject();
        mlx.addProperty("version", e.source().mlxVersion());
        run.add("mlx", mlx);
        JsonObject exp = new JsonObject();
        exp.addProperty("name", e.name());
        exp.addProperty("question", e.question());
        exp.addProperty("task", e.scope().task().word());
        exp.addProperty("target", e.scope().target());
        exp.addProperty("positive", e.scope().positive());
        exp.addProperty("metric", e.scope().metric());
        Plans.describe(e, exp);
        run.add("experiment", exp);
        JsonObject source = new JsonObject();
        source.addProperty("file", e.source().fileName());
        source.addProperty("sha256", e.source().sha256());
        source.addProperty("text", e.source().text());
        source.addProperty("jar", jar);
        run.add("source", source);
        run.addProperty("seed", e.seed());
        JsonObject env = new JsonObject();
        env.addProperty("java", System.getProperty("java.version"));
        env.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.addProperty("tribuo", org.tribuo.Tribuo.VERSION);
        env.addProperty("tablesaw", version(Table.class));
        env.addProperty("javaVendor", System.getProperty("java.vendor"));
        env.addProperty("cores", Runtime.getRuntime().availableProcessors());
        env.addProperty("maxHeapBytes", Runtime.getRuntime().maxMemory());
        run.add("environment", env);
    }

    /**
     * Tribuo's own record of how the selected model was made (trainer and hyperparameters, data
     * source, feature and output domains, versions, training time), in OLCUT's marshalled form so
     * that {@code ProvenanceUtil.unmarshalProvenance} can read it back.
     */
    private void provenance(org.tribuo.Model<?> model) {
        List<ObjectMarshalledProvenance> marshalled = ProvenanceUtil.marshalProvenance(model.getProvenance());
        String json = new JsonProvenanceSerialization(false).serializeToString(marshalled);
        if (json.length() <= MAX_INLINE_PROVENANCE) {
            run.add("provenance", JsonParser.parseString(json));
            return;
        }
        // An ensemble records every member: beside run.json, so the run record stays readable.
        Path file = outDir.resolve(PROVENANCE_FILE);
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new RunException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        JsonObject ref = new JsonObject();
        ref.addProperty("file", PROVENANCE_FILE);
        ref.addProperty("objects", marshalled.size());
        ref.addProperty("bytes", json.length());
        run.add("provenance", ref);
    }

    /** Previous outputs go first: a run that stops early must not leave an older model to be served. */
    private void clearPreviousOutputs() {
        for (String name : List.of("run.json", MODEL_FILE, MODEL_FILE + ".pipeline", "predictions.csv", PROVENANCE_FILE,
                dev.mlx.runtime.serve.Profile.FILE, REPORT_FILE)) {
            try {
                Files.deleteIfExists(outDir.resolve(name));
            } catch (IOException ex) {
                throw new RunException("cannot clear " + outDir.resolve(name) + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** A JDBC URL without its password, for the record. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    private static String version(Class<?> c) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private void time(String stage, long ms) {
        timings.addProperty(stage, ms);
    }

    private void table(EvaluationResult r) {
        String metric = r.metric();
        console.line(String.format(Locale.ROOT, "  %-22s %-22s %s", "model", metric + " (cv)", "holdout"));
        for (ModelResult m : r.models()) {
            String cv = "-";
            if (m.cv() != null && m.cv().get(metric) != null) {
                cv = fmt(m.cv().get(metric).mean()) + " ± " + fmt(m.cv().get(metric).sd());
            }
            Double h = m.holdout() == null ? null : m.holdout().get(metric);
            String holdout = m.failed() ? "failed: " + m.error() : h == null ? "-" : fmt(h);
            console.line(String.format(Locale.ROOT, "  %-22s %-22s %s%s", m.name(), cv, holdout,
                    m.name().equals(r.selected().name()) ? "   <- selected" : ""));
        }
    }

    private List<String> export(EvaluationResult r, Table test, int[] holdoutDataRows) {
        List<String> written = new ArrayList<>();
        JsonArray exports = new JsonArray();
        Path model = outDir.resolve(MODEL_FILE);
        Export.tribuo(r.selectedModel(), r.pipeline(), model);
        exports.add(exported("tribuo", model, true, null));
        written.add(model.toString());
        for (Deploy.Export x : e.deploy().exports()) {
            Path p = base.resolve(x.path()).normalize();
            if (x.format().equals("onnx")) {
                boolean ok = Export.onnx(r.selectedModel(), p);
                exports.add(exported("onnx", p, ok, ok ? null : Export.whyNoOnnx(r.selectedModel())));
                if (ok) {
                    written.add(p.toString());
                }
            } else {
                Export.tribuo(r.selectedModel(), r.pipeline(), p);
                exports.add(exported("tribuo", p, true, null));
                written.add(p.toString());
            }
        }
        run.add("exports", exports);
        Path predictions = outDir.resolve("predictions.csv");
        Predict.writeHoldout(r, test, holdoutDataRows, e, predictions);
        written.add(predictions.toString());
        return written;
    }

    private static JsonObject exported(String format, Path p, boolean ok, String why) {
        JsonObject o = new JsonObject();
        o.addProperty("format", format);
        o.addProperty("path", p.toString());
        o.addProperty("written", ok);
        if (ok) {
            try {
                o.addProperty("bytes", Files.size(p));
                o.addProperty("sha256", DataLoader.sha256(p));
            } catch (IOException ex) {
                throw new RunException("cannot read back " + p + ": " + ex.getMessage(), ex);
            }
        } else {
            o.addProperty("reason", why);
        }
        return o;
    }

    private int finish(String status, String message) {
        run.addProperty("status", status);
        run.add("timings", timings);
        Path json = outDir.resolve("run.json");
        JsonFiles.write(json, run);
        writeReport();
        if (message != null) {
            console.line("stopped: " + message + " (see " + json + ")");
            return Runner.FAILED;
        }
        console.line("done: " + json);
        return Runner.OK;
    }

    /** The HTML report beside run.json, and where the {@code report} statement asks for one. */
    private void writeReport() {
        String html = Reports.render(run);
        List<Path> targets = new ArrayList<>();
        targets.add(outDir.resolve(REPORT_FILE));
        if (e.report() != null) {
            targets.add(base.resolve(e.report()).normalize());
        }
        for (Path p : targets) {
            try {
                Files.createDirectories(p.toAbsolutePath().getParent());
                Files.writeString(p, html, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new RunException("cannot write " + p + ": " + ex.getMessage(), ex);
            }
        }
        console.line("report: " + targets.get(0));
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** The training and holdout rows of {@code table}, copied on both cores. */
    private static Table[] split(Table table, Split.Rows rows) {
        CompletableFuture<Table> holdout = CompletableFuture.supplyAsync(() -> table.rows(rows.test()));
        Table train = table.rows(rows.train());
        return new Table[] {train, join(holdout)};
    }

    /** The future's value; what it threw is rethrown as itself (a RunException stays one). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException x) {
            if (x.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (x.getCause() instanceof Error err) {
                throw err;
            }
            throw x;
        }
    }
}
