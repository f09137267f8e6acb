package dev.mlx.runtime;

import com.google.gson.JsonArray;
import dev.mlx.catalog.ExportFormat;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.AtomicFiles;
import dev.mlx.runtime.base.OutputPaths;
import dev.mlx.runtime.base.Parallel;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.checks.CheckOutcome;
import dev.mlx.runtime.checks.CheckRunner;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.data.Tables;
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
import dev.mlx.runtime.report.ReportRenderer;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.FeatureReview;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.ModelExplanations;
import dev.mlx.runtime.result.Provenance;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.review.Reviewer;
import dev.mlx.runtime.spec.Deploy;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * One run, stage by stage: data, review, checks, split, features (with the feature review), models
 * and evaluation, explanations, export. Everything lands in {@code run.json} in the output folder, with the
 * selected model and the holdout predictions beside it; docs/run-json.md documents its keys.
 */
final class Stages implements TrackedStages {
    static final String MODEL_FILE = "model.tribuo";
    static final String PROVENANCE_FILE = "provenance.json";
    static final String REPORT_FILE = "report.html";
    private static final int MAX_INLINE_PROVENANCE = 256 * 1024;

    private final Experiment e;
    private final Path base;
    private final Path outDir;
    private final Console console;
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final String jar;
    /** The folders outside {@code outDir} that {@code --allow-outside} lets the file's outputs name. */
    private List<Path> allowOutside = List.of();
    private final int threads;

    // the parts of run.json, as the stages reach them
    private RunResult.DataSummary data;
    private DataReview review;
    private List<RunResult.Check> checks = List.of();
    private RunResult.SplitSizes split;
    private FeaturesLearned features;
    private FeatureReview inspect;
    private Evaluation evaluation;
    private Provenance provenance;
    private ModelExplanations explained;
    private List<RunResult.ExportedFile> exports;
    /** The run's place in the history, and how to compare it with earlier runs; null outside the history. */
    private dev.mlx.runtime.result.RunRecord record;
    private java.util.function.UnaryOperator<RunResult> compare = java.util.function.UnaryOperator.identity();
    /** run.json as written, once the run reached a status. */
    private RunResult written;

    /** A run not started from a compiled jar's own command line (serving's first run, retraining, tests). */
    Stages(Experiment e, Path base, Path outDir, PrintStream out) {
        this(e, base, outDir, out, null, Parallel.defaultThreads());
    }

    /** A run on {@code threads} threads ({@link Parallel}): the results are the same for any number. */
    Stages(Experiment e, Path base, Path outDir, PrintStream out, String jar, int threads) {
        this.jar = jar;
        this.threads = threads;
        this.e = e;
        this.base = base;
        this.outDir = outDir;
        this.console = new Console(out, 8);
    }

    /** Lets the outputs the file names be written inside these folders too (absolute paths only). */
    Stages allowOutside(List<Path> folders) {
        this.allowOutside = List.copyOf(folders);
        return this;
    }

    /**
     * Records the run in the history: run.json gets {@code record} as {@code run}, and {@code compare}
     * adds the comparisons with earlier runs to the finished result before it is written.
     */
    @Override
    public Stages history(dev.mlx.runtime.result.RunRecord runRecord, java.util.function.UnaryOperator<RunResult> comparisons) {
        this.record = runRecord;
        this.compare = comparisons;
        return this;
    }

    /** run.json as the run wrote it, or null when it stopped before reaching a status. */
    @Override
    public RunResult written() {
        return written;
    }

    /** Runs every stage on the run's pool of threads, so that whatever they do in parallel shares it. */
    @Override
    public int run() {
        return Parallel.call(threads, this::stages);
    }

    private int stages() {
        SerialFilter.install();
        refuseOutputsOutside();
        clearPreviousOutputs();
        Task task = e.scope().task();
        String target = e.scope().target();

        console.begin("data");
        // The file's hash on the other core while this one parses it.
        CompletableFuture<String> sha256 = e.data().csv() == null ? null
                : CompletableFuture.supplyAsync(() -> DataLoader.sha256(base.resolve(e.data().csv()).normalize()));
        Table table = DataLoader.load(e.data(), base);
        int rowsRead = table.rowCount();
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
        data = new RunResult.DataSummary(e.data().csv() != null ? e.data().csv() : redact(e.data().jdbcUrl()),
                sha256 == null ? null : join(sha256), rowsRead, table.columnCount(), withoutTarget);
        time("data", console.end(table.rowCount() + " rows x " + table.columnCount() + " columns"
                + (withoutTarget > 0 ? " (" + withoutTarget + " without a target, set aside)" : "")));

        console.begin("review");
        Map<String, String> schema = new java.util.LinkedHashMap<>();
        e.data().columns().forEach(col -> schema.put(col.name(), col.type().word()));
        review = Reviewer.review(e.review(), table, target, task, schema);
        time("review", console.end(e.review().summary() ? "summary of " + table.columnCount() + " columns" : "done"));

        console.begin("checks");
        List<CheckOutcome> outcomes = CheckRunner.run(e.checks(), table);
        List<RunResult.Check> written = new ArrayList<>();
        List<CheckOutcome> failed = new ArrayList<>();
        int warned = 0;
        for (CheckOutcome o : outcomes) {
            written.add(new RunResult.Check(o.text(), o.passed() ? "pass" : o.warn() ? "warn" : "fail", o.observed(), o.detail()));
            if (!o.passed() && !o.warn()) {
                failed.add(o);
            } else if (!o.passed()) {
                warned++;
            }
        }
        checks = written;
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
        Split.Rows rows = Split.rows(table, e.data(), target, task == Task.CLASSIFICATION);
        Table[] parts = split(table, rows);
        // predictions.csv names each holdout row by its data row in the source, so it can be joined back.
        int[] holdoutDataRows = new int[rows.test().length];
        for (int i = 0; i < holdoutDataRows.length; i++) {
            holdoutDataRows[i] = dataRows == null ? rows.test()[i] : dataRows[rows.test()[i]];
        }
        // Without a holdout predictions.csv holds every row, each predicted out of fold.
        int[] trainDataRows = new int[e.data().split().holdsOut() ? 0 : rows.train().length];
        for (int i = 0; i < trainDataRows.length; i++) {
            trainDataRows[i] = dataRows == null ? rows.train()[i] : dataRows[rows.train()[i]];
        }
        table = null; // from here on only the two parts are needed: let the whole table go
        Table train = parts[0];
        Table test = parts[1];
        boolean holdsOut = e.data().split().holdsOut();
        split = new RunResult.SplitSizes(train.rowCount(), test.rowCount(), e.data().split().seed(),
                !holdsOut ? "none" : e.data().split().orderedBy() != null ? "latest by " + e.data().split().orderedBy()
                        : e.data().split().stratified() && task == Task.CLASSIFICATION ? "stratified" : "random");
        time("split", console.end(holdsOut ? train.rowCount() + " training rows, " + test.rowCount() + " holdout rows"
                : train.rowCount() + " rows, no holdout: cross-validation on all of them"));

        console.begin("features");
        Function<Table, FittedPipeline> fit = t -> Pipeline.fit(e.features(), t, target, e.data().id(), task);
        FittedFeatures fitted = (FittedFeatures) fit.apply(train);
        FeatureMatrix mTrain = fitted.transform(train);
        FeatureMatrix mTest = fitted.transform(test);
        // When only missing values can fail the feature review (the default), they are counted here and
        // the rest of the review runs beside the training (which keeps one core), landing in run.json
        // afterwards; so does serving.json's profile of the training columns.
        long[] missing = Inspector.overviewOnly(e.inspect()) ? Inspector.missingCounts(mTrain) : null;
        CompletableFuture<FeatureReview> deferred = missing != null
                && (e.inspect() == null || !e.inspect().noMissing() || Inspector.missingFailure(mTrain.names(), missing) == null)
                ? CompletableFuture.supplyAsync(() -> Inspector.inspect(e.inspect(), mTrain, mTest, task, missing)) : null;
        inspect = deferred != null ? null : Inspector.inspect(e.inspect(), mTrain, mTest, task);
        CompletableFuture<JsonArray> profile = CompletableFuture.supplyAsync(
                () -> dev.mlx.runtime.serve.Profile.columns(e, train, fitted.inputColumns()));
        features = new FeaturesLearned(fitted.describe(), fitted.featureNames().size(), Plans.inputs(fitted.inputColumns(), review));
        time("features", console.end(fitted.featureNames().size() + " features from " + fitted.inputColumns().size()
                + " columns"));
        if (inspect != null && !inspect.failures().isEmpty()) {
            inspect.failures().forEach(f -> console.line("  failed: " + f));
            return finish("failed feature review", "the transformed data failed the feature review; nothing was trained");
        }

        console.begin("models");
        // The pipeline fitted on the whole training table is reused; folds fit their own.
        console.line("");
        EvaluationResult result = Evaluator.evaluate(e, train, test, t -> t == train ? fitted : fit.apply(t),
                line -> console.line("          " + line), mTrain, mTest);
        console.resume("models");
        evaluation = result.toResult();
        provenance(result.selectedModel());
        if (deferred != null) {
            inspect = join(deferred);
        }
        time("models", console.end(result.models().size() + " models, selected `" + result.selected().name() + "`"));
        table(result, holdsOut);

        console.begin("explain");
        // Without a holdout the explanations read the rows the final model was fitted on: all of them.
        explained = Explainer.explain(e, result, train, holdsOut ? test : train);
        time("explain", console.end(Explainer.summary(explained)));

        console.begin("export");
        List<String> files = export(result, holdsOut ? test : train, holdsOut ? holdoutDataRows : trainDataRows);
        files.add(dev.mlx.runtime.serve.Served.write(e, result, join(profile), outDir).toString());
        exports = withServed(exports);
        time("export", console.end(String.join(", ", files)));

        List<EvaluationResult.Gate> gates = result.gates();
        long failedGates = gates.stream().filter(g -> !g.passed()).count();
        for (EvaluationResult.Gate g : gates) {
            console.line(String.format(Locale.ROOT, "  gate %-4s %s (observed %s)", g.passed() ? "ok" : "FAIL", g.text(),
                    g.observed() == null ? "n/a" : fmt(g.observed())));
        }
        if (failedGates > 0) {
            return finish("failed gates", failedGates + " release gate" + (failedGates == 1 ? "" : "s") + " failed");
        }
        // A model of the ladder that could not be trained is a failed run: the file asked for it.
        List<String> failedModels = new ArrayList<>();
        for (dev.mlx.runtime.eval.ModelResult m : result.models()) {
            if (m.failed()) {
                failedModels.add("`" + m.name() + "` (" + m.error() + ")");
            }
        }
        if (!failedModels.isEmpty()) {
            return finish("failed models", failedModels.size() + " model" + (failedModels.size() == 1 ? "" : "s")
                    + " could not be trained: " + String.join(", ", failedModels));
        }
        return finish("passed", null);
    }

    /** Where it ran: Java, the OS, and the library versions as their own jars record them. */
    static RunResult.Environment environment() {
        return new RunResult.Environment(System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                LibraryVersions.of("org.tribuo", "tribuo-core"), LibraryVersions.of("tech.tablesaw", "tablesaw-core"),
                System.getProperty("java.vendor"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    /** run.json of the stages reached so far, ending with {@code status}. */
    private RunResult result(String status) {
        return new RunResult(new RunResult.Mlx(e.source().mlxVersion()), Plans.describe(e),
                new RunResult.Source(e.source().fileName(), e.source().sha256(), e.source().text(), jar), record, e.seed(), environment(),
                data, review, checks, split, features, inspect, evaluation, provenance, explained, exports, status, timings, null, null, null);
    }

    /**
     * Tribuo's own record of how the selected model was made, in OLCUT's marshalled form so that
     * {@code ProvenanceUtil.unmarshalProvenance} can read it back. An ensemble records every member:
     * past {@link #MAX_INLINE_PROVENANCE} characters it goes beside run.json, so the run record stays readable.
     */
    private void provenance(org.tribuo.Model<?> model) {
        Provenance.Objects objects = new Provenance.Objects(TribuoProvenance.of(model));
        String json = RunJson.print(RunJson.tree(objects, Provenance.class));
        if (json.length() <= MAX_INLINE_PROVENANCE) {
            provenance = objects;
            return;
        }
        Path file = outDir.resolve(PROVENANCE_FILE);
        try {
            AtomicFiles.writeString(file, json);
        } catch (IOException ex) {
            throw new RunException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        provenance = new Provenance.InFile(PROVENANCE_FILE, objects.objects().size(), json.length());
    }

    /** Previous outputs go first: a run that stops early must not leave an older model to be served. */
    /**
     * The report and export paths the file names, checked before anything is read, cleared or
     * written: a run refused for them leaves the folder as it was, rather than a model and a
     * run.json that serve would take for a passed run.
     */
    private void refuseOutputsOutside() {
        if (e.report() != null) {
            OutputPaths.resolve(outDir, e.report(), allowOutside, "the report");
        }
        for (Deploy.Export x : e.deploy() == null ? List.<Deploy.Export>of() : e.deploy().exports()) {
            OutputPaths.resolve(outDir, x.path(), allowOutside, "the export");
        }
    }

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

    private void time(String stage, long ms) {
        timings.put(stage, ms);
    }

    private void table(EvaluationResult r, boolean holdout) {
        String metric = r.metric();
        // split none: the cross-validation is the only score, so there is no holdout column to leave empty
        console.line(holdout ? String.format(Locale.ROOT, "  %-22s %-22s %s", "model", metric + " (cv)", "holdout")
                : String.format(Locale.ROOT, "  %-22s %s", "model", metric + " (cv, no holdout)"));
        for (ModelResult m : r.models()) {
            String cv = "-";
            if (m.cv() != null && m.cv().get(metric) != null) {
                cv = fmt(m.cv().get(metric).mean()) + " ± " + fmt(m.cv().get(metric).sd());
            }
            Double h = m.holdout() == null ? null : m.holdout().get(metric);
            String failed = m.failed() ? "failed: " + m.error() : null;
            String selected = m.name().equals(r.selected().name()) ? "   <- selected" : "";
            if (holdout) {
                console.line(String.format(Locale.ROOT, "  %-22s %-22s %s%s", m.name(), cv, failed != null ? failed
                        : h == null ? "-" : fmt(h), selected));
            } else {
                console.line(String.format(Locale.ROOT, "  %-22s %s%s", m.name(), failed != null ? failed : cv, selected));
            }
        }
    }

    /** {@code scored} and {@code dataRows}: the holdout, or with {@code split none} all rows (predicted out of fold). */
    private List<String> export(EvaluationResult r, Table scored, int[] dataRows) {
        List<String> written = new ArrayList<>();
        List<RunResult.ExportedFile> exported = new ArrayList<>();
        Path model = outDir.resolve(MODEL_FILE);
        Export.tribuo(r.selectedModel(), r.selected().serialized(), r.pipeline(), model);
        exported.add(exported("tribuo", model, true, null));
        written.add(model.toString());
        for (Deploy.Export x : e.deploy().exports()) {
            Path p = OutputPaths.resolve(outDir, x.path(), allowOutside, "the export");
            if (x.format() == ExportFormat.ONNX) {
                boolean ok = Export.onnx(r.selectedModel(), p);
                exported.add(exported("onnx", p, ok, ok ? null : Export.whyNoOnnx(r.selectedModel())));
                if (ok) {
                    written.add(p.toString());
                }
            } else {
                Export.tribuo(r.selectedModel(), r.selected().serialized(), r.pipeline(), p);
                exported.add(exported("tribuo", p, true, null));
                written.add(p.toString());
            }
        }
        exports = exported;
        Path predictions = outDir.resolve("predictions.csv");
        if (e.data().split().holdsOut()) {
            Predict.writeHoldout(r, scored, dataRows, e, predictions);
            written.add(predictions.toString());
        } else if (Predict.writeOutOfFold(r, scored, dataRows, e, predictions)) {
            written.add(predictions.toString());
        }
        return written;
    }

    private static RunResult.ExportedFile exported(String format, Path p, boolean ok, String why) {
        if (!ok) {
            return new RunResult.ExportedFile(format, p.toString(), false, null, null, null, null, why);
        }
        try {
            String pipeline = format.equals("tribuo") ? DataLoader.sha256(Export.pipelinePath(p)) : null;
            return new RunResult.ExportedFile(format, p.toString(), true, Files.size(p), DataLoader.sha256(p), pipeline, null, null);
        } catch (IOException ex) {
            throw new RunException("cannot read back " + p + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The exports with what serving.json records: model.tribuo marked as the served model when it is
     * one, and each A/B variant's files added, so that run.json alone holds every hash serving checks.
     */
    private List<RunResult.ExportedFile> withServed(List<RunResult.ExportedFile> files) {
        List<RunResult.ExportedFile> out = new ArrayList<>();
        List<dev.mlx.runtime.serve.Profile.Variant> variants = dev.mlx.runtime.serve.Profile.read(outDir).variants;
        for (RunResult.ExportedFile f : files) {
            RunResult.ExportedFile marked = f;
            for (dev.mlx.runtime.serve.Profile.Variant v : variants) {
                if (f == files.get(0) && v.file().equals(MODEL_FILE)) {
                    marked = new RunResult.ExportedFile(f.format(), f.path(), f.written(), f.bytes(), f.sha256(), f.pipelineSha256(),
                            v.name(), f.reason());
                }
            }
            out.add(marked);
        }
        for (dev.mlx.runtime.serve.Profile.Variant v : variants) {
            if (!v.file().equals(MODEL_FILE)) {
                Path p = outDir.resolve(v.file());
                try {
                    out.add(new RunResult.ExportedFile("tribuo", p.toString(), true, Files.size(p), v.sha256(), v.pipelineSha256(),
                            v.name(), null));
                } catch (IOException ex) {
                    throw new RunException("cannot read back " + p + ": " + ex.getMessage(), ex);
                }
            }
        }
        return out;
    }


    private int finish(String status, String message) {
        RunResult run = compare.apply(result(status));
        written = run;
        Path json = outDir.resolve("run.json");
        RunJson.write(json, run);
        writeReport(run);
        if (message != null) {
            console.line("stopped: " + message + " (see " + json + ")");
            return Runner.FAILED;
        }
        console.line("done: " + json);
        return Runner.OK;
    }

    /** The HTML report beside run.json, and where the {@code report} statement asks for one. */
    private void writeReport(RunResult run) {
        String html = ReportRenderer.render(run);
        List<Path> targets = new ArrayList<>();
        targets.add(outDir.resolve(REPORT_FILE));
        if (e.report() != null) {
            targets.add(OutputPaths.resolve(outDir, e.report(), allowOutside, "the report"));
        }
        for (Path p : targets) {
            try {
                AtomicFiles.writeString(p, html);
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
        // split none: an empty holdout has the columns and none of the rows
        CompletableFuture<Table> holdout = CompletableFuture.supplyAsync(() -> Tables.rows(table, rows.test()));
        Table train = Tables.rows(table, rows.train());
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
