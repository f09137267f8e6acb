package dev.mlx.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.LibraryVersions;
import dev.mlx.runtime.Plans;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.report.ReportRenderer;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Scope;
import com.google.gson.JsonArray;
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
import java.util.TreeMap;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * One run on Spark, stage by stage as the local engine's: data (rows without a target set aside), checks,
 * the split by row hashes, the features fitted on the training rows, every model of the ladder trained
 * and scored (cross-validated on the training rows when the file asks), the selection and the release
 * gates; run.json and report.html written by the runtime's own records and renderer, with
 * {@code "engine": "spark"} and the cluster in the environment. {@link SparkMain} runs it in the experiment's
 * history ({@link dev.mlx.runtime.TrackedRun}): a run folder of its own, the tracking store, promotion.
 */
public final class SparkRun implements dev.mlx.runtime.TrackedStages {
    static final String HOLDOUT = "_mlx_holdout";
    static final String FOLD = "_mlx_fold";

    private final Experiment e;
    private final SparkSession spark;
    private final Path base;
    private final Path outDir;
    private final PrintStream out;
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private long started;

    private RunResult.DataSummary data;
    private List<RunResult.Check> checks = List.of();
    private RunResult.SplitSizes split;
    private FeaturesLearned features;
    private Evaluation evaluation;
    private List<RunResult.ExportedFile> exports;
    /** Each model of the ladder as fitted on all training rows (a Spark model, or SparkExport.Baseline). */
    private final Map<String, Object> fittedModels = new LinkedHashMap<>();
    private SparkFeatures.Fitted fittedFeatures;
    /** The run's place in the history and its comparisons with earlier runs; null and nothing outside the history. */
    private dev.mlx.runtime.result.RunRecord record;
    private java.util.function.UnaryOperator<RunResult> compare = java.util.function.UnaryOperator.identity();
    private RunResult written;

    public SparkRun(Experiment e, SparkSession spark, Path base, Path outDir, PrintStream out) {
        this.e = e;
        this.spark = spark;
        this.base = base;
        this.outDir = outDir;
        this.out = out;
    }

    @Override
    public SparkRun history(dev.mlx.runtime.result.RunRecord runRecord, java.util.function.UnaryOperator<RunResult> comparisons) {
        this.record = runRecord;
        this.compare = comparisons;
        return this;
    }

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public RunResult written() {
        return written;
    }

    /** Runs the experiment; 0 when it passed, 1 when it stopped on checks, the feature review or a gate. */
    @Override
    public int run() {
        refuseWhatSparkCannotRun();
        SparkExport.clear(outDir);
        Task task = e.scope().task();
        if (task == Task.CLUSTERING) {
            throw new RunException("the Spark engine does not run clustering yet: use the local engine (`mlx run` without"
                    + " --engine spark)");
        }
        String target = e.scope().target();
        List<String> columns = e.data().columns().stream().map(dev.mlx.runtime.spec.Data.Column::name).toList();

        begin("data");
        Dataset<Row> all = SparkData.load(spark, e.data(), base).persist(StorageLevel.MEMORY_AND_DISK());
        long read = all.count();
        Dataset<Row> table = all.where(col(SparkData.quote(target)).isNotNull());
        long kept = table.count();
        data = new RunResult.DataSummary(e.data().csv() != null ? e.data().csv() : redact(e.data().jdbcUrl()), null,
                (int) read, columns.size(), (int) (read - kept));
        end("data", kept + " rows x " + columns.size() + " columns"
                + (read > kept ? " (" + (read - kept) + " without a target, set aside)" : ""));

        begin("checks");
        checks = SparkChecks.run(e.checks(), all);
        long failed = checks.stream().filter(c -> c.status().equals("fail")).count();
        long warned = checks.stream().filter(c -> c.status().equals("warn")).count();
        end("checks", (checks.size() - failed - warned) + " passed, " + warned + " warned, " + failed + " failed");
        if (failed > 0) {
            checks.stream().filter(c -> c.status().equals("fail")).forEach(c -> out.println("  failed: " + c.check()
                    + " — " + c.observed()));
            return finish("failed checks", "the data failed " + failed + " check" + (failed == 1 ? "" : "s")
                    + "; nothing was trained");
        }

        begin("split");
        boolean classification = task == Task.CLASSIFICATION;
        boolean stratified = e.data().split().stratified() && classification;
        Dataset<Row> hashed = SparkSplit.hashed(table, columns, e.data().id(), e.data().split().seed());
        Dataset<Row> marked = SparkSplit.holdout(hashed, target, stratified, e.data().split().holdout(), HOLDOUT)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> train = marked.where(org.apache.spark.sql.functions.not(col(HOLDOUT)));
        Dataset<Row> test = marked.where(col(HOLDOUT));
        long trainRows = train.count();
        long testRows = test.count();
        split = new RunResult.SplitSizes((int) trainRows, (int) testRows, e.data().split().seed(),
                stratified ? "stratified" : "random");
        end("split", trainRows + " training rows, " + testRows + " holdout rows");

        List<String> classes = classification ? classes(train, target) : null;
        String positive = classification && classes.size() == 2
                ? e.scope().positive() != null ? e.scope().positive() : classes.get(1) : null;
        Column label = label(target, classes);

        begin("features");
        SparkFeatures.Fitted fitted;
        try {
            fitted = SparkFeatures.fit(e, train);
        } catch (SparkFeatures.FeatureReviewFailure f) {
            out.println("  failed: " + f.getMessage());
            return finish("failed feature review", "the transformed data failed the feature review; nothing was trained");
        }
        features = fitted.learned();
        fittedFeatures = fitted;
        Dataset<Row> mTrain = fitted.transform(train).withColumn(SparkModels.LABEL, label)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> mTest = fitted.transform(test).withColumn(SparkModels.LABEL, label)
                .persist(StorageLevel.MEMORY_AND_DISK());
        end("features", fitted.features().size() + " features");

        begin("models");
        int k = e.evaluate().folds();
        List<Dataset<Row>[]> folds = new ArrayList<>();
        List<Evaluation.FoldSize> sizes = new ArrayList<>();
        if (k > 0) {
            Dataset<Row> withFolds = SparkSplit.folds(train.drop(SparkSplit.KEY, SparkSplit.TIE, HOLDOUT), columns,
                    e.data().id(), e.seed(), target, classification && e.evaluate().stratified(), k, FOLD)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            for (int f = 0; f < k; f++) {
                Dataset<Row> foldTrain = withFolds.where(col(FOLD).notEqual(lit(f)));
                Dataset<Row> foldValidation = withFolds.where(col(FOLD).equalTo(lit(f)));
                SparkFeatures.Fitted p = SparkFeatures.fit(e, foldTrain);
                @SuppressWarnings("unchecked")
                Dataset<Row>[] pair = new Dataset[] {p.transform(foldTrain).withColumn(SparkModels.LABEL, label).cache(),
                        p.transform(foldValidation).withColumn(SparkModels.LABEL, label).cache()};
                folds.add(pair);
                sizes.add(new Evaluation.FoldSize(f + 1, (int) pair[0].count(), (int) pair[1].count()));
            }
        }
        List<Evaluation.ModelScores> models = new ArrayList<>();
        List<String> metrics = e.evaluate().metrics();
        for (dev.mlx.runtime.spec.Model m : e.models()) {
            models.add(model(m, task, classes, positive, metrics, mTrain, mTest, folds, fitted.features().size(), trainRows));
        }
        String metric = e.evaluate().selectMetric() != null ? e.evaluate().selectMetric() : e.scope().metric();
        boolean higher = Catalog.get().metric(metric).higherIsBetter();
        String on = k > 0 ? "cv" : "holdout";
        Evaluation.Selection selection = select(models, metric, higher, on);
        List<Evaluation.GateOutcome> gates = gates(models, selection.selected());
        boolean passed = gates.stream().allMatch(Evaluation.GateOutcome::passed);
        evaluation = new Evaluation(task.word(), metric, higher, metrics, e.seed(),
                new Evaluation.CrossValidation(k, e.evaluate().stratified(), sizes), classes, positive, (int) trainRows,
                (int) testRows, models, selection, gates, passed, List.of(), null);
        end("models", models.size() + " models, selected `" + selection.selected() + "`");
        table(models, metric, selection.selected());
        for (Evaluation.GateOutcome g : gates) {
            out.println(String.format(Locale.ROOT, "  gate %-4s %s (observed %s)", g.passed() ? "ok" : "FAIL", g.text(),
                    g.observed() == null ? "n/a" : fmt(g.observed())));
        }
        begin("export");
        Evaluation.ModelScores chosen = models.stream().filter(m -> m.name().equals(selection.selected())).findFirst()
                .orElse(null);
        if (chosen != null && fittedModels.containsKey(chosen.name())) {
            JsonArray profile = SparkProfile.columns(e, train, fitted.learned().inputs().stream()
                    .map(FeaturesLearned.Input::column).toList());
            SparkExport.Outcome o = SparkExport.write(e, chosen.name(), chosen.kind(), fittedModels.get(chosen.name()),
                    fitted.features(), fitted.learned(), classes, profile, chosen.holdout(), outDir,
                    "mlx spark engine (Spark " + spark.version() + ")");
            exports = o.exports();
            end("export", o.notExported() != null ? "not exported: " + o.notExported()
                    : String.join(", ", o.exports().stream().map(RunResult.ExportedFile::path).toList()) + ", "
                    + outDir.resolve(dev.mlx.runtime.serve.Profile.FILE));
        } else {
            end("export", "nothing to export: no model was selected");
        }
        long failedGates = gates.stream().filter(g -> !g.passed()).count();
        if (failedGates > 0) {
            return finish("failed gates", failedGates + " release gate" + (failedGates == 1 ? "" : "s") + " failed");
        }
        return finish("passed", null);
    }

    /** The selected features' fitted block and each model fitted on all training rows, for tests of the export. */
    SparkFeatures.Fitted fittedFeatures() {
        return fittedFeatures;
    }

    Object fittedModel(String name) {
        return fittedModels.get(name);
    }

    /** The checker refuses these before a run; a spec compiled elsewhere is refused here, before any job. */
    private void refuseWhatSparkCannotRun() {
        if (e.explain() != null && e.explain().lime() != null) {
            throw refusal(dev.mlx.catalog.Engine.SPARK.explanation("lime"));
        }
        if (e.explain() != null && !e.explain().dependence().isEmpty()) {
            throw refusal(dev.mlx.catalog.Engine.SPARK.explanation("dependence"));
        }
        if (e.data().split().orderedBy() != null) {
            throw refusal(dev.mlx.catalog.Engine.SPARK.statement("split latest"));
        }
        if (!e.data().split().holdsOut()) {
            throw refusal(dev.mlx.catalog.Engine.SPARK.statement("split none"));
        }
        if (e.evaluate().learningCurve() != null) {
            throw refusal(dev.mlx.catalog.Engine.SPARK.statement("learning curve"));
        }
        for (dev.mlx.runtime.spec.Model m : e.models()) {
            Object strategy = m.kind().equals("baseline") ? m.params().get("strategy") : null;
            dev.mlx.catalog.Engine.Refusal r = strategy == null ? null
                    : dev.mlx.catalog.Engine.SPARK.baselineStrategy(strategy.toString());
            if (r != null) {
                throw refusal(r);
            }
        }
        if (!e.tunes().isEmpty()) {
            throw new RunException("the Spark engine does not tune yet: remove the `tune` statements or use the local engine");
        }
    }

    private static RunException refusal(dev.mlx.catalog.Engine.Refusal r) {
        return new RunException("the Spark engine cannot run " + r.what() + ": use " + r.instead());
    }

    /** The target's classes in the training rows, sorted as text (the local engine's order). */
    private static List<String> classes(Dataset<Row> train, String target) {
        List<String> out = new ArrayList<>();
        for (Row r : train.select(col(SparkData.quote(target)).cast(DataTypes.StringType)).distinct().collectAsList()) {
            out.add(r.getString(0));
        }
        out.sort(null);
        return out;
    }

    /** The label MLlib learns: the class's index in {@code classes}, or the target as a number. */
    static Column label(String target, List<String> classes) {
        Column t = col(SparkData.quote(target));
        if (classes == null) {
            return t.cast(DataTypes.DoubleType);
        }
        Column text = t.cast(DataTypes.StringType);
        Column index = lit(-1.0);
        for (int i = classes.size() - 1; i >= 0; i--) {
            index = when(text.equalTo(lit(classes.get(i))), lit((double) i)).otherwise(index);
        }
        return index;
    }

    private Evaluation.ModelScores model(dev.mlx.runtime.spec.Model m, Task task, List<String> classes, String positive,
                                         List<String> metrics, Dataset<Row> train, Dataset<Row> test,
                                         List<Dataset<Row>[]> folds, int features, long rows) {
        long t0 = System.nanoTime();
        int complexity = Catalog.get().model(m.kind()).complexity();
        // as the local engine reports it: trees and linear SVMs predict a class without a probability
        boolean probabilities = Catalog.get().model(m.kind()).probabilistic() && task == Task.CLASSIFICATION;
        try {
            Map<String, List<Double>> perFold = new LinkedHashMap<>();
            for (Dataset<Row>[] f : folds) {
                SparkScores.Scores s = score(m, task, classes, positive, metrics, f[0], f[1], features, rows, false);
                s.metrics().forEach((name, v) -> perFold.computeIfAbsent(name, x -> new ArrayList<>()).add(nullable(v)));
            }
            SparkScores.Scores holdout = score(m, task, classes, positive, metrics, train, test, features, rows, true);
            Map<String, Evaluation.CvSummary> cv = new LinkedHashMap<>();
            perFold.forEach((name, values) -> cv.put(name, summary(values)));
            Map<String, Double> h = new LinkedHashMap<>();
            holdout.metrics().forEach((name, v) -> h.put(name, nullable(v)));
            Evaluation.Confusion confusion = null;
            if (holdout.confusion() != null) {
                List<List<Integer>> matrix = new ArrayList<>();
                for (int[] row : holdout.confusion()) {
                    matrix.add(java.util.Arrays.stream(row).boxed().toList());
                }
                confusion = new Evaluation.Confusion(classes, matrix);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out.println("          " + m.name() + " (" + m.kind() + ") " + ms + " ms");
            return new Evaluation.ModelScores(m.name(), m.kind(), complexity, probabilities,
                    null, cv, h, null, confusion, null, null, null, null, null, null, null, List.of(), null, null, null, ms, null);
        } catch (RunException | IllegalArgumentException x) {
            out.println("          " + m.name() + " (" + m.kind() + ") failed: " + x.getMessage());
            return new Evaluation.ModelScores(m.name(), m.kind(), complexity, false, x.getMessage(), Map.of(), Map.of(),
                    null, null, null, null, null, null, null, null, null, List.of(), null, null, null,
                    (System.nanoTime() - t0) / 1_000_000, null);
        }
    }

    private SparkScores.Scores score(dev.mlx.runtime.spec.Model m, Task task, List<String> classes, String positive,
                                     List<String> metrics, Dataset<Row> train, Dataset<Row> test, int features, long rows,
                                     boolean keep) {
        Estimator<?> estimator = SparkModels.estimator(m, task, e.seed(), features, classes == null ? 0 : classes.size(), rows);
        Dataset<Row> scored;
        boolean probabilities;
        if (estimator == null) {
            SparkExport.Baseline b = baseline(train, task, classes);
            scored = baseline(test, b);
            // as on the local engine, whose majority baseline (Tribuo's) gives no probabilities: no ranked metrics
            probabilities = false;
            if (keep) {
                fittedModels.put(m.name(), b);
            }
        } else {
            Model<?> fitted = (Model<?>) estimator.fit(train);
            if (keep) {
                fittedModels.put(m.name(), fitted);
            }
            scored = fitted.transform(test);
            probabilities = Catalog.get().model(m.kind()).probabilistic()
                    && java.util.Arrays.asList(scored.columns()).contains(SparkScores.PROBABILITY);
        }
        return task == Task.CLASSIFICATION ? SparkScores.classification(scored, classes, positive, metrics, probabilities)
                : SparkScores.regression(scored, metrics);
    }

    /** What the baseline learns: the training shares of the classes, or the training mean. */
    private static SparkExport.Baseline baseline(Dataset<Row> train, Task task, List<String> classes) {
        if (task != Task.CLASSIFICATION) {
            double mean = train.agg(org.apache.spark.sql.functions.avg(col(SparkModels.LABEL))).first().getDouble(0);
            return new SparkExport.Baseline(null, mean);
        }
        Map<Integer, Long> counts = new TreeMap<>();
        for (Row r : train.groupBy(col(SparkModels.LABEL)).count().collectAsList()) {
            counts.put((int) r.getDouble(0), r.getLong(1));
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double[] shares = new double[classes.size()];
        for (Map.Entry<Integer, Long> c : counts.entrySet()) {
            shares[c.getKey()] = (double) c.getValue() / total;
        }
        return new SparkExport.Baseline(shares, Double.NaN);
    }

    /** The majority class (with the training shares as probabilities; the first class on ties) or the mean, for every row. */
    static Dataset<Row> baseline(Dataset<Row> test, SparkExport.Baseline b) {
        if (b.shares() == null) {
            return test.withColumn(SparkScores.PREDICTION, lit(b.mean()));
        }
        int best = 0;
        for (int k = 1; k < b.shares().length; k++) {
            if (b.shares()[k] > b.shares()[best]) {
                best = k;
            }
        }
        // Spark has no literal of a vector: a function of no column gives every row the shares
        double[] shares = b.shares().clone();
        org.apache.spark.sql.expressions.UserDefinedFunction constant = org.apache.spark.sql.functions.udf(
                (org.apache.spark.sql.api.java.UDF0<org.apache.spark.ml.linalg.Vector>) () ->
                        org.apache.spark.ml.linalg.Vectors.dense(shares), new org.apache.spark.ml.linalg.VectorUDT());
        return test.withColumn(SparkScores.PREDICTION, lit((double) best))
                .withColumn(SparkScores.PROBABILITY, constant.apply());
    }

    private static Double nullable(Double v) {
        return v == null || Double.isNaN(v) ? null : v;
    }

    private static Evaluation.CvSummary summary(List<Double> values) {
        double[] present = values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
        if (present.length == 0) {
            return new Evaluation.CvSummary(null, null, values);
        }
        double mean = java.util.Arrays.stream(present).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : present) {
            ss += (v - mean) * (v - mean);
        }
        Double sd = present.length > 1 ? Math.sqrt(ss / (present.length - 1)) : null;
        return new Evaluation.CvSummary(mean, sd, values);
    }

    private Evaluation.Selection select(List<Evaluation.ModelScores> models, String metric, boolean higher, String on) {
        String best = null;
        double bestValue = Double.NaN;
        for (Evaluation.ModelScores m : models) {
            Double v = value(m, metric, on);
            if (v != null && (best == null || (higher ? v > bestValue : v < bestValue))) {
                best = m.name();
                bestValue = v;
            }
        }
        String selected = best;
        String reason = best == null ? "no model could be scored" : "best " + metric + " on " + on;
        if (best != null && e.evaluate().select() == dev.mlx.runtime.spec.Evaluate.Rule.SIMPLEST) {
            int simplest = Integer.MAX_VALUE;
            for (Evaluation.ModelScores m : models) {
                Double v = value(m, metric, on);
                if (v != null && Math.abs(v - bestValue) <= e.evaluate().tolerance() && m.complexity() < simplest) {
                    simplest = m.complexity();
                    selected = m.name();
                }
            }
            reason = "simplest within " + e.evaluate().tolerance() + " of the best " + metric + " on " + on;
        }
        return new Evaluation.Selection(e.evaluate().select().word(), metric, on, higher,
                e.evaluate().select() == dev.mlx.runtime.spec.Evaluate.Rule.SIMPLEST ? e.evaluate().tolerance() : null,
                best, selected, reason);
    }

    private static Double value(Evaluation.ModelScores m, String metric, String on) {
        if (m.error() != null) {
            return null;
        }
        if (on.equals("cv")) {
            Evaluation.CvSummary s = m.cv().get(metric);
            return s == null ? null : s.mean();
        }
        return m.holdout().get(metric);
    }

    private List<Evaluation.GateOutcome> gates(List<Evaluation.ModelScores> models, String selected) {
        Evaluation.ModelScores chosen = models.stream().filter(m -> m.name().equals(selected)).findFirst().orElse(null);
        List<Evaluation.GateOutcome> out = new ArrayList<>();
        for (Scope.Gate g : e.scope().gates()) {
            if (!(g instanceof Scope.MetricGate mg)) {
                throw refusal(dev.mlx.catalog.Engine.SPARK.statement("latency"));
            }
            String on = mg.on().word();
            Double observed = chosen == null ? null : value(chosen, mg.metric(), on.equals("cv") ? "cv" : "holdout");
            boolean ok = observed != null && switch (mg.op()) {
                case EQ -> observed == mg.threshold();
                case NE -> observed != mg.threshold();
                case LT -> observed < mg.threshold();
                case LE -> observed <= mg.threshold();
                case GT -> observed > mg.threshold();
                case GE -> observed >= mg.threshold();
            };
            out.add(new Evaluation.GateOutcome(mg.text(), mg.metric(), mg.op().symbol(), mg.threshold(), on, observed, ok,
                    observed == null ? "not measured" : null));
        }
        return out;
    }

    private void table(List<Evaluation.ModelScores> models, String metric, String selected) {
        out.println(String.format(Locale.ROOT, "  %-22s %-22s %s", "model", metric + " (cv)", "holdout"));
        for (Evaluation.ModelScores m : models) {
            Evaluation.CvSummary s = m.cv().get(metric);
            String cv = s == null || s.mean() == null ? "-" : fmt(s.mean()) + (s.sd() == null ? "" : " ± " + fmt(s.sd()));
            Double h = m.holdout().get(metric);
            String holdout = m.error() != null ? "failed: " + m.error() : h == null ? "-" : fmt(h);
            out.println(String.format(Locale.ROOT, "  %-22s %-22s %s%s", m.name(), cv, holdout,
                    m.name().equals(selected) ? "   <- selected" : ""));
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private void begin(String stage) {
        started = System.nanoTime();
        out.print(String.format(Locale.ROOT, "%-10s", stage));
        out.flush();
    }

    private void end(String stage, String summary) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        timings.put(stage, ms);
        out.println(summary + " (" + ms + " ms)");
    }

    /**
     * The data review's frame: the rows read and no column summaries (the review block's summaries, plots
     * and correlations are not computed on Spark yet).
     */
    private DataReview review() {
        return new DataReview(data == null ? 0 : data.rows(), false, List.of(), null, null, null, null);
    }

    /** Where it ran: the driver's JVM, and the cluster Spark reports. */
    private RunResult.Environment environment() {
        Map<String, String> cluster = new TreeMap<>();
        cluster.put("master", spark.sparkContext().master());
        cluster.put("application_id", spark.sparkContext().applicationId());
        cluster.put("spark", spark.version());
        cluster.put("scala", scala.util.Properties.versionNumberString());
        cluster.put("default_parallelism", Integer.toString(spark.sparkContext().defaultParallelism()));
        cluster.put("shuffle_partitions", spark.conf().get("spark.sql.shuffle.partitions"));
        return new RunResult.Environment(System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                LibraryVersions.of("org.tribuo", "tribuo-core"), LibraryVersions.of("tech.tablesaw", "tablesaw-core"),
                System.getProperty("java.vendor"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                "spark", cluster);
    }

    private int finish(String status, String message) {
        RunResult finished = new RunResult(new RunResult.Mlx(e.source().mlxVersion()), Plans.describe(e),
                new RunResult.Source(e.source().fileName(), e.source().sha256(), e.source().text(), null), record, e.seed(),
                environment(), data, review(), checks, split, features, null, evaluation, null, null, exports, status, timings, null,
                null, null);
        RunResult run = compare.apply(finished);
        written = run;
        Path json = outDir.resolve("run.json");
        try {
            Files.createDirectories(outDir);
        } catch (IOException x) {
            throw new RunException("cannot create " + outDir + ": " + x.getMessage(), x);
        }
        RunJson.write(json, run);
        Path report = outDir.resolve("report.html");
        try {
            Files.writeString(report, ReportRenderer.render(run), StandardCharsets.UTF_8);
        } catch (IOException x) {
            throw new RunException("cannot write " + report + ": " + x.getMessage(), x);
        }
        out.println("report: " + report);
        if (message != null) {
            out.println("stopped: " + message + " (see " + json + ")");
            return 1;
        }
        out.println("done: " + json);
        return 0;
    }

    /** A JDBC URL without its password, for the record. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }
}
