package dev.mlx.runtime.result;

import com.google.gson.annotations.SerializedName;
import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation found: per model (in ladder order) the CV and holdout metrics (in the order
 * requested) with their details, the comparisons, the selection, the gates and the tuning. A metric
 * that could not be computed is null. {@code classes} (sorted) and {@code positive} only for
 * classification; {@code tuning} has one entry per {@code tune} statement; {@code learningCurve}
 * only when {@code evaluate} asks for one.
 */
public record Evaluation(String task, String metric, boolean higherIsBetter, List<String> metrics, long seed,
                         CrossValidation cv, @Nullable List<String> classes, @Nullable String positive, int trainRows,
                         int testRows, List<ModelScores> models, Selection selection, List<GateOutcome> gates, boolean passed,
                         List<Tuning> tuning, @OmitIfNull LearningCurve learningCurve) {
    public Evaluation {
        metrics = List.copyOf(metrics);
        classes = classes == null ? null : List.copyOf(classes);
        models = List.copyOf(models);
        gates = List.copyOf(gates);
        tuning = List.copyOf(tuning);
    }

    /** The selected model's scores, or null when the selection names none of the models. */
    public ModelScores selected() {
        for (ModelScores m : models) {
            if (m.name().equals(selection.selected())) {
                return m;
            }
        }
        return null;
    }

    /** 0 folds: holdout only. */
    public record CrossValidation(int folds, boolean stratified, List<FoldSize> sizes) {
        public CrossValidation {
            sizes = List.copyOf(sizes);
        }
    }

    public record FoldSize(int fold, int trainRows, int validationRows) {
    }

    /**
     * Everything measured for one model. A model whose training failed has {@code error} and no
     * metrics. Classification adds per-class scores, the confusion matrix (rows actual) and ROC/PR
     * curves; regression residuals and (actual, predicted) pairs; clustering cluster sizes (HDBSCAN's
     * outliers under {@code "noise"}, not a cluster), the share of holdout rows called noise (models
     * that mark noise only) and the silhouette per k. {@code vsBaseline} is null for the baseline itself.
     */
    public record ModelScores(String name, String kind, int complexity, boolean probabilities, @Nullable String error,
                              Map<String, CvSummary> cv, Map<String, @Nullable Double> holdout,
                              @OmitIfNull List<PerClass> perClass, @OmitIfNull Confusion confusion, @OmitIfNull List<Curve> roc,
                              @OmitIfNull List<Curve> pr, @OmitIfNull Map<String, @Nullable Double> residuals,
                              @OmitIfNull List<List<@Nullable Double>> pairs, @OmitIfNull Map<String, Long> clusters,
                              @OmitIfNull Double noiseShare, @OmitIfNull Map<String, @Nullable Double> kScores, List<Slice> slices,
                              @Nullable Comparison vsBest, @Nullable Comparison vsBaseline, @Nullable Latency latencyMs,
                              @Nullable Long trainMs, @Nullable Long modelBytes) {
        public ModelScores {
            cv = Copies.map(cv);
            holdout = Copies.map(holdout);
            perClass = Copies.list(perClass);
            roc = Copies.list(roc);
            pr = Copies.list(pr);
            residuals = Copies.map(residuals);
            pairs = pairs == null ? null : Copies.list(pairs.stream().map(Copies::list).toList());
            clusters = Copies.map(clusters);
            kScores = Copies.map(kScores);
            slices = List.copyOf(slices);
        }
    }

    /** The mean and sample sd over the folds where the metric could be computed, and every fold's value. */
    public record CvSummary(@Nullable Double mean, @Nullable Double sd, List<@Nullable Double> folds) {
        public CvSummary {
            folds = Copies.list(folds);
        }
    }

    public record PerClass(@SerializedName("class") String label, @Nullable Double precision, @Nullable Double recall,
                           @Nullable Double f1, int support) {
    }

    public record Confusion(List<String> labels, List<List<Integer>> matrix) {
        public Confusion {
            labels = List.copyOf(labels);
            matrix = List.copyOf(matrix.stream().map(List::copyOf).toList());
        }
    }

    /** Points of a ROC curve (fpr, tpr, threshold) or a PR curve (recall, precision, threshold) of one class. */
    public record Curve(@SerializedName("class") String label, List<List<@Nullable Double>> points) {
        public Curve {
            points = Copies.list(points.stream().map(Copies::list).toList());
        }
    }

    /** Holdout metrics per value of a raw column; {@code note} says why there are none. */
    public record Slice(String column, @Nullable String note, List<SliceGroup> groups) {
        public Slice {
            groups = List.copyOf(groups);
        }
    }

    public record SliceGroup(String value, int rows, Map<String, @Nullable Double> metrics) {
        public SliceGroup {
            metrics = Copies.map(metrics);
        }
    }

    /** This model minus {@code against} on the deciding metric: mean difference, its sd and the paired t. */
    public record Comparison(String against, @Nullable Double difference, @Nullable Double sd, @Nullable Double t, int folds) {
    }

    /** Single-row prediction time in milliseconds (pipeline of one raw row + predict). */
    public record Latency(@Nullable Double p50, @Nullable Double p90, @Nullable Double p95, @Nullable Double p99,
                          @Nullable Double mean, int calls) {
    }

    /** How the model was chosen: {@code on} is cv or holdout. */
    public record Selection(String rule, String metric, String on, boolean higherIsBetter, @Nullable Double tolerance,
                            @Nullable String best, @Nullable String selected, @Nullable String reason) {
    }

    /** A release gate with what was observed: null (and failed) when it could not be measured. */
    public record GateOutcome(String text, String metric, String op, @Nullable Double threshold, @Nullable String on,
                              @Nullable Double observed, boolean passed, @Nullable String note) {
    }

    /**
     * What one {@code tune} statement tried, cross-validated on the training rows only: the search
     * space, every trial, the best (null when none could be scored) and the tuned model's settings.
     */
    public record Tuning(String model, String kind, String search, String metric, boolean higherIsBetter, int folds,
                         boolean stratified, long seed, int trialsRequested, int trialsRun, List<Dimension> space,
                         List<Trial> trials, @Nullable BestTrial best, Map<String, @Nullable Scalar> tunedParams, long ms) {
        public Tuning {
            space = List.copyOf(space);
            trials = List.copyOf(trials);
            tunedParams = Copies.map(tunedParams);
        }
    }

    /** A dimension of the search: {@code choices}, or a range {@code lo}..{@code hi} (log scale, whole numbers). */
    public record Dimension(String name, @OmitIfNull List<@Nullable Scalar> choices, @OmitIfNull Double lo, @OmitIfNull Double hi,
                            @OmitIfNull Boolean log, @OmitIfNull Boolean integer) {
        public Dimension {
            choices = Copies.list(choices);
        }
    }

    public record Trial(int trial, Map<String, @Nullable Scalar> params, long seed, @Nullable Double mean, @Nullable Double sd,
                        List<@Nullable Double> folds, long ms, @Nullable String error) {
        public Trial {
            params = Copies.map(params);
            folds = Copies.list(folds);
        }
    }

    public record BestTrial(int trial, Map<String, @Nullable Scalar> params, @Nullable Double mean, @Nullable Double sd) {
        public BestTrial {
            params = Copies.map(params);
        }
    }

    /**
     * {@code learning curve}: the selected model's metric at growing shares of the training rows,
     * cross-validated, and whether more data would help.
     *
     * @param model         the model the curve is of (the selected one)
     * @param folds         the cross-validation folds every size was scored on
     * @param points        one per size, smallest first
     * @param gain          the mean gain, fold by fold, from the second-last size to the last, signed so
     *                      that positive is better (null when it could not be measured)
     * @param gainSe        the standard error of {@code gain} over the folds
     * @param moreDataHelps whether the last step gained more than twice its standard error and more
     *                      than half a percent of the metric: the curve has not flattened
     * @param verdict       the verdict in words, with the numbers it rests on
     */
    public record LearningCurve(String model, String metric, boolean higherIsBetter, int folds, List<CurvePoint> points,
                                @Nullable Double gain, @Nullable Double gainSe, boolean moreDataHelps, String verdict) {
        public LearningCurve {
            points = List.copyOf(points);
        }
    }

    /**
     * One size of a learning curve: the share of each fold's training rows, the rows that is (mean
     * over the folds), and the metric's mean, sd and value per fold (null where it could not be scored).
     */
    public record CurvePoint(double size, int trainRows, @Nullable Double mean, @Nullable Double sd,
                             List<@Nullable Double> folds) {
        public CurvePoint {
            folds = Copies.list(folds);
        }
    }
}
