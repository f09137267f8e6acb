package dev.mlx.runtime.eval;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.eval.tune.TuneResult;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.result.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;

/**
 * What the evaluation found: per model the CV and holdout metrics with their details, the
 * comparisons, the selected model and the gates. {@link #toResult()} gives it for run.json and the
 * report ({@link Evaluation}) in a fixed order: models in ladder order, metrics in the order
 * requested, classes sorted, and null for anything that could not be computed. Times
 * ({@code latency_ms}, {@code train_ms}, the tuning {@code ms}) vary between runs; every metric is
 * identical for identical data and seeds.
 */
public final class EvaluationResult {
    /** Mean and sample sd over the folds where the metric could be computed, and every fold's value. */
    public record Summary(double mean, double sd, List<Double> folds) {
        public Summary {
            folds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(folds));
        }
    }

    public record PerClass(String label, double precision, double recall, double f1, int support) {
    }

    /** Points of a ROC curve (fpr, tpr, threshold) or PR curve (recall, precision, threshold) for one class. */
    public record Curve(String label, List<double[]> points) {
    }

    public record Group(String value, int rows, Map<String, Double> metrics) {
    }

    /** Holdout metrics per value of a raw column; {@code note} says why there are none. */
    public record Slice(String column, String note, List<Group> groups) {
        public Slice {
            groups = List.copyOf(groups);
        }
    }

    /**
     * This model minus {@code against} on the deciding metric: the mean difference over the folds
     * (or the holdout difference without CV), its sd and the paired t statistic (null when undefined).
     */
    public record Comparison(String against, double difference, Double sd, Double t, int folds) {
    }

    /** Single-row prediction time (pipeline transform of one raw row + predict), milliseconds. */
    public record Latency(double p50, double p90, double p95, double p99, double mean, int calls) {
        /** p50, p90, p95, p99 or mean. */
        public double get(String percentile) {
            return switch (percentile) {
                case "p50" -> p50;
                case "p90" -> p90;
                case "p95" -> p95;
                case "p99" -> p99;
                case "mean" -> mean;
                default -> throw new IllegalArgumentException("unknown percentile " + percentile);
            };
        }
    }

    /** A release gate with what was observed; {@code observed} null (and failed) when it could not be measured. */
    public record Gate(String text, String metric, String op, double threshold, String on, Double observed,
                       boolean passed, String note) {
    }

    /** How the model was chosen: {@code on} is cv or holdout. */
    public record Selection(String rule, String metric, String on, boolean higherIsBetter, double tolerance, String best,
                            String selected, String reason) {
    }

    public record FoldSize(int fold, int trainRows, int validationRows) {
    }

    final Task task;
    final String metric;
    final boolean higherIsBetter;
    final List<String> metrics;
    final long seed;
    final int folds;
    final boolean stratified;
    final List<FoldSize> foldSizes;
    final List<String> classes;
    final String positive;
    final int trainRows;
    final int testRows;
    final List<ModelResult> models;
    final Selection selection;
    final List<Gate> gates;
    final FittedPipeline pipeline;
    /** One per {@code tune} statement, in order; set by the evaluator after construction. */
    List<TuneResult> tuning = List.of();
    /** The learning curve of the selected model, when asked for; set by the evaluator after construction. */
    Evaluation.LearningCurve learningCurve;
    /**
     * Row numbers (0-based, in the holdout table) of the holdout feature matrix's rows; with
     * {@link #outOfFold()}, of the training table (all rows).
     */
    int[] holdoutRowIds;
    /** Set by the evaluator when the held-out predictions are the folds' (split none); see {@link #outOfFold()}. */
    boolean outOfFold;

    /**
     * Whether {@link #holdoutPredictions()} are out of fold: with {@code split none} there is no
     * holdout, and every training row is scored once by the cross-validation model that did not train
     * on it. The selected model's details (confusion, curves, residuals) are those predictions too.
     */
    public boolean outOfFold() {
        return outOfFold;
    }

    /**
     * The selected model's predictions on the holdout rows, as scored during evaluation: so that
     * predictions.csv needs no second pass. {@code probabilities} has columns in {@code classes}
     * order, or is null; regression fills {@code values}, clustering {@code clusters}.
     */
    public record HoldoutPredictions(int[] rowIds, List<String> classes, String[] predicted, double[][] probabilities,
                                     double[] values, int[] clusters) {
    }

    /** The selected model's holdout predictions, or null when they were not kept. */
    public HoldoutPredictions holdoutPredictions() {
        Scored s = selected().holdoutScored;
        if (s == null || holdoutRowIds == null) {
            return null;
        }
        return new HoldoutPredictions(holdoutRowIds, s.classes, s.predicted, s.probs, s.yhat, s.cluster);
    }

    EvaluationResult(Task task, String metric, boolean higherIsBetter, List<String> metrics, long seed, int folds,
                     boolean stratified, List<FoldSize> foldSizes, List<String> classes, String positive, int trainRows,
                     int testRows, List<ModelResult> models, Selection selection, List<Gate> gates, FittedPipeline pipeline) {
        this.task = task;
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
        this.metrics = List.copyOf(metrics);
        this.seed = seed;
        this.folds = folds;
        this.stratified = stratified;
        this.foldSizes = List.copyOf(foldSizes);
        this.classes = classes == null ? null : List.copyOf(classes);
        this.positive = positive;
        this.trainRows = trainRows;
        this.testRows = testRows;
        this.models = List.copyOf(models);
        this.selection = selection;
        this.gates = List.copyOf(gates);
        this.pipeline = pipeline;
    }

    public Task task() {
        return task;
    }

    /** The deciding metric. */
    public String metric() {
        return metric;
    }

    /** The metrics computed, in order. */
    public List<String> metrics() {
        return metrics;
    }

    /** Every model of the ladder, in ladder order. */
    public List<ModelResult> models() {
        return models;
    }

    public ModelResult model(String name) {
        for (ModelResult m : models) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** Sorted class labels (classification), else null. */
    public List<String> classes() {
        return classes;
    }

    /** The positive class of a binary target, else null. */
    public String positive() {
        return positive;
    }

    public List<FoldSize> foldSizes() {
        return foldSizes;
    }

    public Selection selection() {
        return selection;
    }

    public ModelResult selected() {
        return model(selection.selected());
    }

    /** The selected Tribuo model, trained on all training rows. */
    public Model<?> selectedModel() {
        return selected().model();
    }

    /** The pipeline fitted on all training rows: the one every final model was trained behind. */
    public FittedPipeline pipeline() {
        return pipeline;
    }

    /** What every {@code tune} statement tried and found, in order (empty without tuning). */
    public List<TuneResult> tuning() {
        return tuning;
    }

    public List<Gate> gates() {
        return gates;
    }

    /** Whether every gate passed (true without gates). */
    public boolean passed() {
        return gates.stream().allMatch(Gate::passed);
    }

    /** The result for run.json and the report. */
    public Evaluation toResult() {
        List<Evaluation.FoldSize> sizes = new ArrayList<>();
        for (FoldSize f : foldSizes) {
            sizes.add(new Evaluation.FoldSize(f.fold(), f.trainRows(), f.validationRows()));
        }
        List<Evaluation.ModelScores> scores = new ArrayList<>();
        for (ModelResult m : models) {
            scores.add(m.toResult());
        }
        Selection s = selection;
        List<Evaluation.GateOutcome> outcomes = new ArrayList<>();
        for (Gate g : gates) {
            outcomes.add(new Evaluation.GateOutcome(g.text(), g.metric(), g.op(), num(g.threshold()), g.on(),
                    g.observed() == null ? null : num(g.observed()), g.passed(), g.note()));
        }
        return new Evaluation(task.word(), metric, higherIsBetter, metrics, seed, new Evaluation.CrossValidation(folds, stratified,
                sizes), classes, classes == null ? null : positive, trainRows, testRows, scores,
                new Evaluation.Selection(s.rule(), s.metric(), s.on(), s.higherIsBetter(), num(s.tolerance()), s.best(), s.selected(),
                        s.reason()), outcomes, passed(), tuning.stream().map(TuneResult::toResult).toList(),
                learningCurve);
    }

    /** A number for the results: NaN and infinities, which JSON cannot hold, as null. */
    static Double num(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? null : d;
    }
}
