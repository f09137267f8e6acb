package dev.mlx.runtime.eval;

import dev.mlx.runtime.eval.EvaluationResult.Comparison;
import dev.mlx.runtime.eval.EvaluationResult.Curve;
import dev.mlx.runtime.eval.EvaluationResult.Latency;
import dev.mlx.runtime.eval.EvaluationResult.PerClass;
import dev.mlx.runtime.eval.EvaluationResult.Slice;
import dev.mlx.runtime.eval.EvaluationResult.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;

/**
 * Everything measured for one model of the ladder. Filled by the {@link Evaluator}; read-only
 * afterwards. Metric maps hold NaN for a metric that could not be computed. A model whose training
 * failed has {@link #error()} set and nothing else.
 */
public final class ModelResult {
    /** The holdout predictions, kept for the selected model's predictions.csv (cleared for the others). */
    Scored holdoutScored;

    final String name;
    final String kind;
    final int complexity;
    boolean probabilities;
    String error;
    final Map<String, Summary> cv = new LinkedHashMap<>();
    Map<String, Double> holdout = new LinkedHashMap<>();
    List<PerClass> perClass = List.of();
    List<String> confusionLabels = List.of();
    int[][] confusion;
    List<Curve> roc = List.of();
    List<Curve> pr = List.of();
    Map<String, Double> residuals = Map.of();
    List<double[]> pairs = List.of();
    Map<String, Integer> clusterSizes = Map.of();
    Map<Integer, Double> kScores = Map.of();
    List<Slice> slices = List.of();
    Comparison vsBest;
    Comparison vsBaseline;
    Latency latency;
    long trainMillis = -1;
    long modelBytes = -1;
    Model<?> model;

    ModelResult(String name, String kind, int complexity) {
        this.name = name;
        this.kind = kind;
        this.complexity = complexity;
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    /** The catalog's complexity rank (simplest first). */
    public int complexity() {
        return complexity;
    }

    /** Whether the model gives class probabilities (AUC, log loss, LIME). */
    public boolean probabilities() {
        return probabilities;
    }

    /** Why training or prediction failed; null when it did not. */
    public String error() {
        return error;
    }

    public boolean failed() {
        return error != null;
    }

    /** Cross-validation mean, sd and per-fold values by metric; empty without CV. */
    public Map<String, Summary> cv() {
        return java.util.Collections.unmodifiableMap(cv);
    }

    /** Holdout metrics of the model trained on all training rows. */
    public Map<String, Double> holdout() {
        return java.util.Collections.unmodifiableMap(holdout);
    }

    public List<PerClass> perClass() {
        return perClass;
    }

    /** Row and column labels of {@link #confusion()}. */
    public List<String> confusionLabels() {
        return confusionLabels;
    }

    /** Holdout confusion matrix: rows actual, columns predicted; null unless classification. */
    public int[][] confusion() {
        return confusion == null ? null : confusion.clone();
    }

    public List<Curve> roc() {
        return roc;
    }

    public List<Curve> pr() {
        return pr;
    }

    public Map<String, Double> residuals() {
        return residuals;
    }

    public List<double[]> pairs() {
        return pairs;
    }

    public Map<String, Integer> clusterSizes() {
        return clusterSizes;
    }

    /** Silhouette per k when k-means chose k from a range. */
    public Map<Integer, Double> kScores() {
        return kScores;
    }

    public List<Slice> slices() {
        return slices;
    }

    public Comparison vsBest() {
        return vsBest;
    }

    public Comparison vsBaseline() {
        return vsBaseline;
    }

    public Latency latency() {
        return latency;
    }

    /** Wall-clock milliseconds of the final training on all training rows. */
    public long trainMillis() {
        return trainMillis;
    }

    /** Size of the model in Tribuo's protobuf format. */
    public long modelBytes() {
        return modelBytes;
    }

    /** The model trained on all training rows; null when training failed. */
    public Model<?> model() {
        return model;
    }
}
