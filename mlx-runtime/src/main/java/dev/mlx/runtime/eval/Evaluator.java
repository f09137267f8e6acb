package dev.mlx.runtime.eval;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.Folds;
import dev.mlx.runtime.base.Parallel;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.RowKeys;
import dev.mlx.runtime.eval.EvaluationResult.FoldSize;
import dev.mlx.runtime.eval.EvaluationResult.Gate;
import dev.mlx.runtime.eval.EvaluationResult.Selection;
import dev.mlx.runtime.eval.EvaluationResult.Summary;
import dev.mlx.runtime.eval.tune.TuneResult;
import dev.mlx.runtime.eval.tune.Tuner;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.KMeansRangeTrainer;
import dev.mlx.runtime.models.MatrixTrainer;
import dev.mlx.runtime.models.Quiet;
import dev.mlx.runtime.models.Silhouette;
import dev.mlx.runtime.models.Trainers;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Scope;
import dev.mlx.runtime.spec.Tune;
import dev.mlx.runtime.models.tree.TreeProtos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Trainer;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Evaluates the model ladder of an experiment. First every {@code tune} statement searches its
 * model's hyperparameters on the training rows alone ({@link Tuner}), and the model is evaluated
 * with the best values from then on. With {@code folds > 0}, k-fold cross-validation on
 * the training rows: in each fold the feature pipeline is fitted on that fold's training rows only
 * (through {@code fitter}) and every model is trained there and scored on the fold's validation
 * rows. Then the pipeline is fitted on all training rows, every model is trained on them and scored
 * on the holdout (with {@code split none} there is none: the training rows are all the rows, the
 * cross-validation scores are the only ones and this fit is the final model), with details (per class, confusion, curves, residuals, clusters), slices, model
 * size, training time and single-row latency. Finally the model is selected, compared and gated.
 * Every fit uses a fresh trainer seeded from the model (or the experiment), and folds are seeded by
 * the experiment seed, so the metrics are identical for identical inputs.
 */
public final class Evaluator {
    /** The largest serialised model kept in memory for its export; a larger one is serialised again then. */
    static final int KEEP_SERIALIZED_BYTES = 32 << 20;

    /** Replaced by {@link #run} with every tuned model in place of its spec as written. */
    private Experiment spec;
    private final Task task;
    private final Function<Table, FittedPipeline> fitter;
    private final List<String> metrics;
    private final String decide;
    private final boolean higher;
    private final String on;
    private List<String> classes;
    private String positive;
    /** Whether the folds keep their predictions: with no holdout they are each row's only unbiased score. */
    private boolean outOfFold;

    private Evaluator(Experiment spec, Function<Table, FittedPipeline> fitter) {
        this.spec = spec;
        this.task = spec.scope().task();
        this.fitter = fitter;
        // the checker guarantees every metric named is one of the task's
        this.decide = spec.evaluate().selectMetric();
        this.higher = Catalog.get().metric(decide).higherIsBetter();
        this.metrics = metricsToCompute(spec, decide);
        this.on = spec.evaluate().folds() > 0 ? "cv" : "holdout";
    }

    /**
     * Runs the evaluation. {@code train} and {@code test} are the raw tables of the split;
     * {@code fitter} fits the feature pipeline on the table it is given.
     */
    public static EvaluationResult evaluate(Experiment spec, Table train, Table test, Function<Table, FittedPipeline> fitter) {
        return evaluate(spec, train, test, fitter, line -> { });
    }

    /** As above, telling {@code progress} about every model trained and every fold, as it happens. */
    public static EvaluationResult evaluate(Experiment spec, Table train, Table test, Function<Table, FittedPipeline> fitter,
                                            java.util.function.Consumer<String> progress) {
        return evaluate(spec, train, test, fitter, progress, null, null);
    }

    /**
     * As above, with the training and holdout rows already transformed by {@code fitter.apply(train)}
     * (the caller reviewed them): they are used as they are instead of being transformed again.
     */
    public static EvaluationResult evaluate(Experiment spec, Table train, Table test, Function<Table, FittedPipeline> fitter,
                                            java.util.function.Consumer<String> progress, FeatureMatrix trainM,
                                            FeatureMatrix testM) {
        Quiet.install();
        Evaluator e = new Evaluator(spec, fitter);
        e.progress = progress;
        e.preparedTrain = trainM;
        e.preparedTest = testM;
        return e.run(train, test);
    }

    private FeatureMatrix preparedTrain;
    private FeatureMatrix preparedTest;

    private java.util.function.Consumer<String> progress = line -> { };

    /** The requested metrics, then the deciding one and those of the gates, each once. */
    static List<String> metricsToCompute(Experiment spec, String decide) {
        List<String> names = new ArrayList<>(spec.evaluate().metrics());
        names.add(decide);
        names.add(spec.scope().metric());
        for (Scope.Gate g : spec.scope().gates()) {
            if (g instanceof Scope.MetricGate m) {
                names.add(m.metric());
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private EvaluationResult run(Table train, Table test) {
        List<TuneResult> tuning = new ArrayList<>();
        for (Tune t : spec.tunes()) { // on the training rows only, before anything sees the holdout
            Experiment current = spec; // with the tunes before this one applied
            TuneResult tuned = Tuner.tune(spec, train, fitter, t,
                    (model, seed, trainM, validationM, metric) -> foldScore(current, model, seed, trainM, validationM, metric),
                    Parallel.threads(), progress);
            tuning.add(tuned);
            spec = tuned.applyTo(spec);
        }
        FittedPipeline pipeline = fitter.apply(train);
        FeatureMatrix trainM = preparedTrain != null ? preparedTrain : pipeline.transform(train);
        FeatureMatrix testM = preparedTest != null ? preparedTest : pipeline.transform(test);
        requireTruth(trainM, "training");
        if (testM.rows() > 0) { // split none holds nothing out
            requireTruth(testM, "test");
        }
        if (task == Task.CLASSIFICATION) {
            classes = union(List.of(), trainM, testM);
            positive = classes.size() == 2 ? positive(spec.scope().positive(), classes) : null;
        }
        List<ModelResult> results = new ArrayList<>();
        for (Model m : spec.models()) {
            ModelSpec ms = Catalog.get().model(m.kind());
            results.add(new ModelResult(m.name(), m.kind(), ms == null ? Integer.MAX_VALUE : ms.complexity()));
        }
        holdout(results, trainM, testM, train, test, pipeline);
        outOfFold = testM.rows() == 0 && task != Task.CLUSTERING; // split none: the folds' predictions stand in for a holdout's
        List<FoldSize> sizes = spec.evaluate().folds() > 0 ? crossValidate(train, results) : List.of();

        Selection selection = Selector.select(results, decide, spec.evaluate().select(), spec.evaluate().tolerance(), on,
                higher);
        ModelResult best = find(results, selection.best());
        ModelResult baseline = results.stream().filter(r -> r.kind().equals("baseline")).findFirst().orElse(null);
        for (ModelResult r : results) {
            r.vsBest = Selector.compare(r, best, decide, on);
            r.vsBaseline = Selector.compare(r, baseline, decide, on);
        }
        for (ModelResult r : results) {
            if (!r.name().equals(selection.selected())) {
                r.holdoutScored = null; // only the selected model's holdout predictions are written out
                r.serialized = null; // and only its file
            }
        }
        List<Gate> gates = Gates.check(spec.scope().gates(), find(results, selection.selected()));
        EvaluationResult result = new EvaluationResult(task, decide, higher, metrics, spec.seed(), spec.evaluate().folds(),
                spec.evaluate().stratified() && task == Task.CLASSIFICATION, sizes, classes, positive,
                trainM.rows(), testM.rows(), results, selection, gates, pipeline);
        result.tuning = List.copyOf(tuning);
        if (spec.evaluate().learningCurve() != null && task != Task.CLUSTERING && selection.selected() != null
                && !find(results, selection.selected()).failed()) {
            Model chosen = spec.models().get(results.indexOf(find(results, selection.selected())));
            result.learningCurve = LearningCurves.compute(spec, chosen, train, fitter, progress);
        }
        result.holdoutRowIds = testM.rowIds();
        if (outOfFold && find(results, selection.selected()).holdoutScored != null) {
            result.holdoutRowIds = indices(train.rowCount()).stream().mapToInt(Integer::intValue).toArray();
            result.outOfFold = true;
        }
        return result;
    }

    private static ModelResult find(List<ModelResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ holdout

    /**
     * Every model trained on all training rows and scored on the holdout, the models in parallel
     * (a method, so the data can go before CV). Single-row latency is measured afterwards, one model
     * at a time, so that no other training competes with the timing.
     */
    private void holdout(List<ModelResult> results, FeatureMatrix trainM, FeatureMatrix testM, Table train, Table test,
                         FittedPipeline pipeline) {
        Supplier<Dataset<?>> data = once(() -> Datasets.dataset(trainM, task));
        List<Example<?>> examples = Scored.examples(testM, task);
        List<Integer> order = indices(results.size());
        List<Long> millis = Parallel.map(order, i -> {
            long t0 = System.nanoTime();
            holdout(spec.models().get(i), results.get(i), trainM, data, testM, examples, test);
            return (System.nanoTime() - t0) / 1_000_000;
        });
        List<Table> latencyRows = LatencyMeter.rows(test.rowCount() > 0 ? test : train);
        for (int i : order) {
            ModelResult r = results.get(i);
            if (r.model != null) {
                try {
                    r.latency = LatencyMeter.measure(r.model, pipeline, task, latencyRows);
                } catch (RuntimeException e) {
                    r.error = message(e);
                    r.model = null;
                }
            }
            boolean scored = testM.rows() > 0;
            progress.accept(String.format(java.util.Locale.ROOT, "%s %-20s %s (%d ms)", scored ? "holdout " : "final   ", r.name(),
                    r.failed() ? "failed" : scored ? "trained and scored" : "trained on all rows", millis.get(i)));
        }
    }

    private void holdout(Model m, ModelResult r, FeatureMatrix trainM, Supplier<Dataset<?>> data, FeatureMatrix testM,
                         List<Example<?>> examples, Table test) {
        try {
            Trainer<?> trainer = Trainers.trainer(m, task, spec.seed());
            long t0 = System.nanoTime();
            org.tribuo.Model<?> model = fit(trainer, trainM, data);
            r.trainMillis = (System.nanoTime() - t0) / 1_000_000;
            r.model = model;
            r.probabilities = task == Task.CLASSIFICATION && Catalog.get().model(m.kind()).probabilistic()
                    && model.generatesProbabilities();
            if (trainer instanceof KMeansRangeTrainer k) {
                r.kScores = new LinkedHashMap<>(k.lastScores());
            }
            byte[] bytes = serialize(model);
            r.modelBytes = bytes == null ? -1 : bytes.length;
            r.serialized = bytes != null && bytes.length <= KEEP_SERIALIZED_BYTES ? bytes : null;
            if (testM.rows() == 0) { // split none: the final fit on every row, scored by cross-validation alone
                return;
            }
            Metrics.Context ctx = context(m);
            Scored s = Scored.of(model, testM, examples, task, classes, r.probabilities);
            r.holdoutScored = s;
            r.holdout = Metrics.compute(s, metrics, ctx);
            Details.fill(r, s, positive, ctx.noise());
            r.slices = Slices.compute(spec.evaluate().slices(), test, rowIds(testM), s, metrics, ctx);
        } catch (RuntimeException e) {
            r.error = message(e);
            r.model = null;
        }
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** Labels (classification) or targets (regression) must be there to score against. */
    private void requireTruth(FeatureMatrix m, String which) {
        if ((task == Task.CLASSIFICATION && m.labels() == null) || (task == Task.REGRESSION && m.targets() == null)) {
            throw new RunException("the " + which + " rows have no target column `" + spec.scope().target() + "`");
        }
    }

    private static int[] rowIds(FeatureMatrix m) {
        if (m.rowIds() != null) {
            return m.rowIds();
        }
        int[] ids = new int[m.rows()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private Metrics.Context context(Model m) {
        Object d = m.params().get("distance");
        return new Metrics.Context(positive, dev.mlx.runtime.models.ClusterNoise.of(m.kind()), spec.seed(),
                Silhouette.Metric.of(d == null ? null : d.toString()));
    }

    // ------------------------------------------------------------------ cross-validation

    private List<FoldSize> crossValidate(Table train, List<ModelResult> results) {
        int k = spec.evaluate().folds();
        String[] strata = null;
        String target = spec.scope().target();
        if (task == Task.CLASSIFICATION && spec.evaluate().stratified() && target != null && train.containsColumn(target)) {
            Column<?> col = train.column(target);
            strata = new String[train.rowCount()];
            for (int i = 0; i < strata.length; i++) {
                strata[i] = col.isMissing(i) ? null : col.getString(i);
            }
        }
        RowKeys.Hashes hashes = RowKeys.forFolds(train, spec.data(), spec.seed());
        List<int[]> folds = Folds.split(hashes.key(), hashes.tie(), k, strata);
        // Folds in parallel, and inside each fold its models: every fit has its own fresh trainer and
        // every score lands in its own (fold, model) cell, so the order they finish in changes nothing.
        List<FoldOutcome> outcomes = Parallel.map(indices(k), f -> fold(train, folds.get(f), results));
        List<FoldSize> sizes = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            FoldOutcome o = outcomes.get(f);
            sizes.add(new FoldSize(f + 1, o.trainRows(), o.validationRows()));
            progress.accept("cv fold " + (f + 1) + "/" + k + ": " + o.trainRows() + " training rows, " + o.validationRows()
                    + " validation rows, " + results.stream().filter(x -> !x.failed()).count() + " models");
        }
        List<int[]> positions = new ArrayList<>();
        for (int[] fold : folds) {
            positions.add(fold);
        }
        for (int i = 0; i < results.size(); i++) {
            ModelResult r = results.get(i);
            if (r.failed()) {
                continue;
            }
            Map<String, List<Double>> acc = new LinkedHashMap<>();
            for (int f = 0; f < k && r.error == null; f++) {
                Object cell = outcomes.get(f).scores().get(i);
                if (cell instanceof String error) { // the first failing fold, as a run fold by fold would stop at
                    r.error = "fold " + (f + 1) + ": " + error;
                    r.model = null;
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Double> scores = (Map<String, Double>) cell;
                    scores.forEach((name, v) -> acc.computeIfAbsent(name, x -> new ArrayList<>()).add(v));
                }
            }
            if (r.error == null) {
                acc.forEach((name, values) -> r.cv.put(name, summary(values)));
            }
            if (r.error == null && outOfFold) {
                List<Scored> parts = new ArrayList<>();
                for (int f = 0; f < k; f++) {
                    parts.add(outcomes.get(f).scored().get(i));
                }
                Scored merged = Scored.outOfFold(parts, positions, train.rowCount());
                if (merged != null) { // every row once, by the fold model that did not train on it
                    r.holdoutScored = merged;
                    Details.fill(r, merged, positive, context(spec.models().get(i)).noise());
                }
            }
        }
        return sizes;
    }

    /**
     * One fold: its sizes, and per model its metrics (a map), its failure (a string) or null when
     * skipped; and per model its predictions on the fold's validation rows when they are kept (else null).
     */
    private record FoldOutcome(int trainRows, int validationRows, List<Object> scores, List<Scored> scored) {
        FoldOutcome {
            scores = java.util.Collections.unmodifiableList(new ArrayList<>(scores)); // nulls allowed: List.copyOf has none
            scored = java.util.Collections.unmodifiableList(new ArrayList<>(scored));
        }
    }

    private FoldOutcome fold(Table train, int[] validation, List<ModelResult> results) {
        int[] training = Folds.complement(train.rowCount(), validation);
        Table foldTrain = train.rows(training);
        Table foldValidation = train.rows(validation);
        FittedPipeline p = fitter.apply(foldTrain);
        FeatureMatrix mt = p.transform(foldTrain);
        FeatureMatrix mv = p.transform(foldValidation);
        List<String> foldClasses = task == Task.CLASSIFICATION ? union(classes, mt, mv) : null;
        Supplier<Dataset<?>> data = once(() -> Datasets.dataset(mt, task));
        List<Example<?>> examples = Scored.examples(mv, task);
        Scored[] kept = new Scored[results.size()];
        List<Object> scores = Parallel.map(indices(results.size()), i -> {
            ModelResult r = results.get(i);
            if (r.failed()) {
                return null;
            }
            Model m = spec.models().get(i);
            try {
                org.tribuo.Model<?> model = fit(Trainers.trainer(m, task, spec.seed()), mt, data);
                Scored s = Scored.of(model, mv, examples, task, foldClasses, r.probabilities);
                if (outOfFold) {
                    kept[i] = s; // each model writes its own cell
                }
                return Metrics.compute(s, metrics, context(m));
            } catch (RuntimeException e) {
                return message(e);
            }
        });
        return new FoldOutcome(mt.rows(), mv.rows(), scores, java.util.Arrays.asList(kept));
    }

    /**
     * The {@code metric} of {@code model} trained (with trainer seed {@code seed}) on {@code train} and
     * scored on {@code validation}, as the cross-validation above scores a fold; NaN when the metric
     * cannot be computed. The tuner's {@link dev.mlx.runtime.eval.tune.FoldScorer}; a failing model throws.
     */
    public static double foldScore(Experiment spec, Model model, long seed, FeatureMatrix train, FeatureMatrix validation,
                                   String metric) {
        Task task = spec.scope().task();
        List<String> classes = task == Task.CLASSIFICATION ? union(List.of(), train, validation) : null;
        String positive = classes != null && classes.size() == 2 ? positive(spec.scope().positive(), classes) : null;
        org.tribuo.Model<?> fitted = fit(Trainers.trainer(model, task, seed), train, () -> Datasets.dataset(train, task));
        boolean probabilities = task == Task.CLASSIFICATION && Catalog.get().model(model.kind()).probabilistic()
                && fitted.generatesProbabilities();
        Scored s = Scored.of(fitted, validation, Scored.examples(validation, task), task, classes, probabilities);
        Object d = model.params().get("distance");
        Metrics.Context ctx = new Metrics.Context(positive, dev.mlx.runtime.models.ClusterNoise.of(model.kind()), spec.seed(), Silhouette.Metric.of(d == null ? null : d.toString()));
        return Metrics.compute(s, List.of(metric), ctx).get(metric);
    }

    static Summary summary(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = n == 0 ? Double.NaN : n == 1 ? 0 : Math.sqrt(ss / (n - 1));
        return new Summary(mean, sd, values);
    }

    // ------------------------------------------------------------------ helpers

    /** Fits on the matrix when the trainer can ({@link MatrixTrainer}), else on the Tribuo dataset, built on first use. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.tribuo.Model<?> fit(Trainer<?> trainer, FeatureMatrix m, Supplier<Dataset<?>> data) {
        if (trainer instanceof MatrixTrainer<?> mt) {
            return mt.train(m);
        }
        return ((Trainer) trainer).train((Dataset) data.get());
    }

    /** {@code make}'s value, computed on the first call and kept: models that need no dataset never build one. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** The model in Tribuo's protobuf format (its size is reported; the selected one's bytes are exported), or null. */
    private static byte[] serialize(org.tribuo.Model<?> model) {
        try {
            return TreeProtos.serialize(model).toByteArray();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String message(RuntimeException e) {
        if (System.getenv("MLX_DEBUG") != null) {
            e.printStackTrace(); // a model's failure is recorded, not thrown: show where it came from
        }
        if (e instanceof RunException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Sorted union of {@code known} and the labels of the matrices. */
    private static List<String> union(List<String> known, FeatureMatrix... ms) {
        TreeSet<String> all = new TreeSet<>(known);
        for (FeatureMatrix m : ms) {
            if (m.labels() != null) {
                for (String s : m.labels()) {
                    if (s != null) {
                        all.add(s);
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    /** The class named by the file (matched exactly, then ignoring case, then as a number); else the last class. */
    static String positive(String named, List<String> classes) {
        if (named != null) {
            if (classes.contains(named)) {
                return named;
            }
            for (String c : classes) {
                if (c.equalsIgnoreCase(named)) {
                    return c;
                }
            }
            try {
                double v = Double.parseDouble(named);
                for (String c : classes) {
                    try {
                        if (Double.parseDouble(c) == v) {
                            return c;
                        }
                    } catch (NumberFormatException ignored) {
                        // not a number: no match
                    }
                }
            } catch (NumberFormatException ignored) {
                // the named class is not a number
            }
            throw new RunException("the positive class `" + named + "` is not among the target's values: "
                    + String.join(", ", classes));
        }
        return classes.get(classes.size() - 1);
    }
}
