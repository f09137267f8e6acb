package dev.mlx.runtime.eval;

import dev.mlx.runtime.models.Silhouette;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the named catalog metrics of one set of predictions. A metric that cannot be computed
 * (AUC without probabilities or with one class present, R² of a constant target, AMI without
 * labels) is NaN, written as null.
 */
final class Metrics {
    /** Rows in the silhouette sample. */
    static final int SILHOUETTE_ROWS = 2000;

    private Metrics() {
    }

    /** How to read the predictions: the positive class (binary only), HDBSCAN's noise id, the seed, the distance. */
    record Context(String positive, int noise, long seed, Silhouette.Metric distance) {
    }

    static Map<String, Double> compute(Scored s, List<String> names, Context ctx) {
        Map<String, Double> out = new LinkedHashMap<>();
        switch (s.task) {
            case CLASSIFICATION -> classification(s, names, ctx, out);
            case REGRESSION -> {
                for (String m : names) {
                    out.put(m, RegressionMetrics.value(m, s.y, s.yhat));
                }
            }
            case CLUSTERING -> clustering(s, names, ctx, out);
        }
        return out;
    }

    private static void classification(Scored s, List<String> names, Context ctx, Map<String, Double> out) {
        ClassificationMetrics cm = new ClassificationMetrics(s.actual, s.predicted, s.classes);
        int pos = ctx.positive() == null ? -1 : s.classes.indexOf(ctx.positive());
        for (String m : names) {
            double v = switch (m) {
                case "auc" -> s.probs == null ? Double.NaN
                        : ClassificationMetrics.rankingMetric(s.actual, s.probs, s.classes, ctx.positive(), false);
                case "pr_auc" -> s.probs == null ? Double.NaN
                        : ClassificationMetrics.rankingMetric(s.actual, s.probs, s.classes, ctx.positive(), true);
                case "log_loss" -> s.probs == null ? Double.NaN
                        : ClassificationMetrics.logLoss(s.actual, s.probs, s.classes);
                default -> fromConfusion(cm, m, pos);
            };
            out.put(m, v);
        }
    }

    /** A metric of the confusion matrix alone; {@code pos} is the positive class's index (-1: multiclass). */
    static double fromConfusion(ClassificationMetrics cm, String m, int pos) {
        return switch (m) {
            case "accuracy" -> cm.accuracy();
            case "balanced_accuracy" -> cm.balancedAccuracy();
            case "precision" -> pos >= 0 ? cm.precision[pos] : cm.macro(cm.precision);
            case "recall" -> pos >= 0 ? cm.recall[pos] : cm.macro(cm.recall);
            case "f1" -> pos >= 0 ? cm.f1[pos] : cm.macro(cm.f1);
            case "macro_f1" -> cm.macro(cm.f1);
            case "weighted_f1" -> cm.weightedF1();
            case "macro_precision" -> cm.macro(cm.precision);
            case "macro_recall" -> cm.macro(cm.recall);
            default -> throw new IllegalArgumentException("not a classification metric: " + m);
        };
    }

    private static void clustering(Scored s, List<String> names, Context ctx, Map<String, Double> out) {
        for (String m : names) {
            double v = switch (m) {
                case "silhouette" -> Silhouette.mean(s.indices, s.values, s.cluster, ctx.noise(), ctx.distance(),
                        SILHOUETTE_ROWS, ctx.seed());
                case "wcss" -> ClusteringMetrics.wcss(s.indices, s.values, s.cluster, ctx.noise());
                case "ami", "ari" -> agreement(s, m, ctx.noise());
                default -> throw new IllegalArgumentException("not a clustering metric: " + m);
            };
            out.put(m, v);
        }
    }

    /**
     * AMI or ARI over the rows that have a known label, noise rows counted in their nearest cluster
     * ({@link ClusteringMetrics#noiseToNearest}); NaN when no row has a label.
     */
    private static double agreement(Scored s, String m, int noise) {
        if (s.actual == null) {
            return Double.NaN;
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < s.n; i++) {
            if (s.actual[i] != null) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            return Double.NaN;
        }
        int[] assigned = ClusteringMetrics.noiseToNearest(s.indices, s.values, s.cluster, noise);
        String[] truth = new String[rows.size()];
        int[] cluster = new int[rows.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = s.actual[rows.get(i)];
            cluster[i] = assigned[rows.get(i)];
        }
        return m.equals("ami") ? ClusteringMetrics.ami(truth, cluster) : ClusteringMetrics.ari(truth, cluster);
    }
}
