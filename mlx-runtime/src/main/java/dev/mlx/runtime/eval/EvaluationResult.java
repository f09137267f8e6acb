package dev.mlx.runtime.eval;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.eval.tune.TuneResult;
import dev.mlx.runtime.features.FittedPipeline;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;

/**
 * What the evaluation found: per model the CV and holdout metrics with their details, the
 * comparisons, the selected model and the gates. {@link #toJson()} writes it for the report in a
 * fixed order: models in ladder order, metrics in the order requested, classes sorted, and
 * {@code null} for anything that could not be computed. Its shape:
 * <pre>{@code
 * { "task": "classification", "metric": "macro_f1", "higher_is_better": true,
 *   "metrics": ["accuracy", "macro_f1", "auc"], "seed": 42,
 *   "cv": {"folds": 5, "stratified": true, "sizes": [{"fold": 1, "train_rows": 80, "validation_rows": 20}, ...]},
 *   "classes": ["a", "b"], "positive": "b",                      // classification; positive only when binary
 *   "train_rows": 100, "test_rows": 25,
 *   "models": [
 *     { "name": "logistic", "kind": "logistic", "complexity": 10, "probabilities": true, "error": null,
 *       "cv": {"accuracy": {"mean": 0.9, "sd": 0.02, "folds": [0.9, ...]}, ...},   // {} without CV
 *       "holdout": {"accuracy": 0.91, ...},
 *       "per_class": [{"class": "a", "precision": .., "recall": .., "f1": .., "support": 12}],
 *       "confusion": {"labels": ["a", "b"], "matrix": [[11, 1], [2, 11]]},           // rows actual
 *       "roc": [{"class": "b", "points": [[fpr, tpr, threshold], ...]}],             // <= 200 points each;
 *       "pr": [{"class": "b", "points": [[recall, precision, threshold], ...]}],      // binary: the positive class
 *       "residuals": {"mean": .., "sd": .., "mean_abs": .., "min": .., "p05": .., ..., "max": ..},  // regression
 *       "pairs": [[actual, predicted], ...],                                          // regression, <= 500
 *       "clusters": {"0": 40, "1": 35}, "k_scores": {"2": 0.61, "3": 0.55},          // clustering
 *       "slices": [{"column": "sex", "note": null, "groups": [{"value": "F", "rows": 12, "metrics": {...}}]}],
 *       "vs_best": {"against": "xgb", "difference": -0.02, "sd": 0.01, "t": -4.5, "folds": 5},
 *       "vs_baseline": {...},                                                         // null for itself
 *       "latency_ms": {"p50": 0.08, "p90": .., "p95": .., "p99": 0.2, "mean": .., "calls": 200},
 *       "train_ms": 120, "model_bytes": 5120 } ],
 *   "selection": {"rule": "simplest", "metric": "macro_f1", "on": "cv", "higher_is_better": true,
 *                 "tolerance": 0.01, "best": "xgb", "selected": "logistic", "reason": "..."},
 *   "gates": [{"text": "macro_f1 >= 0.9 on cv", "metric": "macro_f1", "op": ">=", "threshold": 0.9, "on": "cv",
 *              "observed": 0.93, "passed": true, "note": null}],
 *   "passed": true,
 *   "tuning": [{"model": "xgb", "search": "tpe", "metric": "auc", "trials": [...], "best": {...}, ...}] }
 * }</pre>
 * {@code tuning} has one entry per {@code tune} statement, in the shape of
 * {@link TuneResult#json()} ({@code []} without tuning); the models' results above are those of the
 * tuned models. Times ({@code latency_ms}, {@code train_ms}, the tuning {@code ms}) vary between
 * runs; every metric is identical for identical data and seeds.
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
    /** Row numbers (0-based, in the holdout table) of the holdout feature matrix's rows. */
    int[] holdoutRowIds;

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

    /** The result as JSON, in the shape documented on this class. */
    public String toJson() {
        return ResultJson.write(this);
    }
}
