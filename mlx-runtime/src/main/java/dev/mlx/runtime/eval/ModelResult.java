package dev.mlx.runtime.eval;

import dev.mlx.runtime.eval.EvaluationResult.Comparison;
import dev.mlx.runtime.eval.EvaluationResult.Curve;
import dev.mlx.runtime.eval.EvaluationResult.Latency;
import dev.mlx.runtime.eval.EvaluationResult.PerClass;
import dev.mlx.runtime.eval.EvaluationResult.Slice;
import dev.mlx.runtime.eval.EvaluationResult.Summary;
import dev.mlx.runtime.result.Evaluation;
import java.util.ArrayList;
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
    /** The share of holdout rows a model that marks noise (HDBSCAN) called noise; null for other models. */
    Double noiseShare;
    Map<Integer, Double> kScores = Map.of();
    List<Slice> slices = List.of();
    Comparison vsBest;
    Comparison vsBaseline;
    Latency latency;
    long trainMillis = -1;
    long modelBytes = -1;
    /**
     * The model in Tribuo's protobuf format, as its size was measured, so that exporting it does not
     * serialise it a second time (Tribuo's serialisation reflects over every tree node); null when
     * it is above {@link Evaluator#KEEP_SERIALIZED_BYTES} or dropped (models that were not selected).
     */
    byte[] serialized;
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

    /**
     * The bytes {@code model.serializeToFile} would write for {@link #model()}, kept from measuring its
     * size; null when they were not kept (then serialise the model). Read-only.
     */
    public byte[] serialized() {
        return serialized;
    }

    /** The model trained on all training rows; null when training failed. */
    public Model<?> model() {
        return model;
    }

    /** What was measured, for run.json and the report. */
    Evaluation.ModelScores toResult() {
        Map<String, Evaluation.CvSummary> cvs = new LinkedHashMap<>();
        for (Map.Entry<String, Summary> e : cv.entrySet()) {
            cvs.put(e.getKey(), new Evaluation.CvSummary(EvaluationResult.num(e.getValue().mean()),
                    EvaluationResult.num(e.getValue().sd()), nums(e.getValue().folds())));
        }
        List<Evaluation.PerClass> perClasses = null;
        Evaluation.Confusion matrix = null;
        List<Evaluation.Curve> rocs = null;
        List<Evaluation.Curve> prs = null;
        if (confusion != null) {
            perClasses = new ArrayList<>();
            for (PerClass c : perClass) {
                perClasses.add(new Evaluation.PerClass(c.label(), EvaluationResult.num(c.precision()),
                        EvaluationResult.num(c.recall()), EvaluationResult.num(c.f1()), c.support()));
            }
            List<List<Integer>> rows = new ArrayList<>();
            for (int[] row : confusion) {
                rows.add(java.util.Arrays.stream(row).boxed().toList());
            }
            matrix = new Evaluation.Confusion(confusionLabels, rows);
            rocs = curves(roc);
            prs = curves(pr);
        }
        Map<String, Long> clusters = null;
        Map<String, Double> kScores = null;
        if (!clusterSizes.isEmpty()) {
            clusters = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : clusterSizes.entrySet()) {
                clusters.put(e.getKey(), (long) e.getValue());
            }
            kScores = new LinkedHashMap<>();
            for (Map.Entry<Integer, Double> e : this.kScores.entrySet()) {
                kScores.put(String.valueOf(e.getKey()), EvaluationResult.num(e.getValue()));
            }
        }
        List<Evaluation.Slice> slices = new ArrayList<>();
        for (EvaluationResult.Slice s : this.slices) {
            List<Evaluation.SliceGroup> groups = new ArrayList<>();
            for (EvaluationResult.Group g : s.groups()) {
                groups.add(new Evaluation.SliceGroup(g.value(), g.rows(), metrics(g.metrics())));
            }
            slices.add(new Evaluation.Slice(s.column(), s.note(), groups));
        }
        Evaluation.Latency latencyMs = latency == null ? null : new Evaluation.Latency(EvaluationResult.num(latency.p50()),
                EvaluationResult.num(latency.p90()), EvaluationResult.num(latency.p95()), EvaluationResult.num(latency.p99()),
                EvaluationResult.num(latency.mean()), latency.calls());
        return new Evaluation.ModelScores(name, kind, complexity, probabilities, error, cvs, metrics(holdout), perClasses, matrix,
                rocs, prs, residuals.isEmpty() ? null : metrics(residuals), residuals.isEmpty() ? null : points(pairs), clusters,
                noiseShare, kScores, slices, comparison(vsBest), comparison(vsBaseline), latencyMs, trainMillis < 0 ? null : trainMillis,
                modelBytes < 0 ? null : modelBytes);
    }

    private static Evaluation.Comparison comparison(Comparison c) {
        return c == null ? null : new Evaluation.Comparison(c.against(), EvaluationResult.num(c.difference()),
                EvaluationResult.num(c.sd()), EvaluationResult.num(c.t()), c.folds());
    }

    private static List<Evaluation.Curve> curves(List<Curve> curves) {
        List<Evaluation.Curve> out = new ArrayList<>();
        for (Curve c : curves) {
            out.add(new Evaluation.Curve(c.label(), points(c.points())));
        }
        return out;
    }

    private static List<List<Double>> points(List<double[]> points) {
        List<List<Double>> out = new ArrayList<>();
        for (double[] p : points) {
            List<Double> q = new ArrayList<>();
            for (double v : p) {
                q.add(EvaluationResult.num(v));
            }
            out.add(q);
        }
        return out;
    }

    private static Map<String, Double> metrics(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, EvaluationResult.num(v)));
        return out;
    }

    private static List<Double> nums(List<Double> xs) {
        List<Double> out = new ArrayList<>();
        xs.forEach(x -> out.add(EvaluationResult.num(x)));
        return out;
    }
}
