package dev.mlx.runtime.explain;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The deciding metric of predictions against the holdout truth, for permutation importance. The
 * evaluation's metric code is private to its package, so the metrics a supervised run can decide by
 * are computed here with the same definitions (binary precision/recall/F1 of the positive class,
 * else macro; AUC and PR AUC of the positive class, else the macro one-vs-rest mean). Only
 * differences between two scores of the same model are reported, so the scale is what matters.
 */
final class HoldoutScore {
    private static final Set<String> SUPPORTED = Set.of("accuracy", "balanced_accuracy", "precision", "recall", "f1",
            "macro_f1", "weighted_f1", "macro_precision", "macro_recall", "auc", "pr_auc", "log_loss",
            "mse", "rmse", "mae", "r2", "mape");

    private HoldoutScore() {
    }

    static boolean supports(String metric) {
        return SUPPORTED.contains(metric);
    }

    /** The metric; NaN when it cannot be computed (e.g. AUC without probabilities). */
    static double score(String metric, Predictor.Preds p, List<String> classes, String positive) {
        if (p.values() != null) {
            return regression(metric, p.matrix().targets(), p.values());
        }
        String[] actual = p.matrix().labels();
        String[] predicted = p.labels();
        int k = classes.size();
        int n = actual.length;
        double[] tp = new double[k];
        double[] support = new double[k];
        double[] predictedCount = new double[k];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int a = classes.indexOf(actual[i]);
            int b = classes.indexOf(predicted[i]);
            if (a >= 0) {
                support[a]++;
            }
            if (b >= 0) {
                predictedCount[b]++;
            }
            if (a >= 0 && a == b) {
                tp[a]++;
                correct++;
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            precision[c] = predictedCount[c] == 0 ? 0 : tp[c] / predictedCount[c];
            recall[c] = support[c] == 0 ? 0 : tp[c] / support[c];
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        int pos = positive == null ? -1 : classes.indexOf(positive);
        return switch (metric) {
            case "accuracy" -> n == 0 ? Double.NaN : (double) correct / n;
            case "balanced_accuracy" -> present(recall, support);
            case "precision" -> pos >= 0 ? precision[pos] : present(precision, support);
            case "recall" -> pos >= 0 ? recall[pos] : present(recall, support);
            case "f1" -> pos >= 0 ? f1[pos] : present(f1, support);
            case "macro_f1" -> present(f1, support);
            case "macro_precision" -> present(precision, support);
            case "macro_recall" -> present(recall, support);
            case "weighted_f1" -> {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += f1[c] * support[c];
                }
                yield n == 0 ? Double.NaN : s / n;
            }
            case "auc", "pr_auc" -> p.probs() == null ? Double.NaN : ranking(actual, p.probs(), classes, pos,
                    metric.equals("pr_auc"));
            case "log_loss" -> p.probs() == null ? Double.NaN : logLoss(actual, p.probs(), classes);
            default -> Double.NaN;
        };
    }

    /** Mean over the classes present in the truth. */
    private static double present(double[] v, double[] support) {
        double s = 0;
        int m = 0;
        for (int c = 0; c < v.length; c++) {
            if (support[c] > 0) {
                s += v[c];
                m++;
            }
        }
        return m == 0 ? Double.NaN : s / m;
    }

    private static double logLoss(String[] actual, double[][] probs, List<String> classes) {
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            int a = classes.indexOf(actual[i]);
            double q = a < 0 ? 0 : probs[i][a];
            s -= Math.log(Math.max(q, 1e-15));
        }
        return actual.length == 0 ? Double.NaN : s / actual.length;
    }

    private static double ranking(String[] actual, double[][] probs, List<String> classes, int pos, boolean pr) {
        if (pos >= 0) {
            return oneVsRest(actual, probs, classes.get(pos), pos, pr);
        }
        double s = 0;
        int m = 0;
        for (int c = 0; c < classes.size(); c++) {
            double v = oneVsRest(actual, probs, classes.get(c), c, pr);
            if (!Double.isNaN(v)) {
                s += v;
                m++;
            }
        }
        return m == 0 ? Double.NaN : s / m;
    }

    /** ROC AUC (ties counted half) or average precision of class {@code c}; NaN when one side is empty. */
    private static double oneVsRest(String[] actual, double[][] probs, String label, int c, boolean pr) {
        int n = actual.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probs[b][c], probs[a][c]));
        long positives = Arrays.stream(actual).filter(label::equals).count();
        long negatives = n - positives;
        if (positives == 0 || (!pr && negatives == 0)) {
            return Double.NaN;
        }
        if (pr) {
            double ap = 0;
            int tp = 0;
            int i = 0;
            while (i < n) {
                int j = i;
                int tpGroup = 0;
                while (j < n && probs[order[j]][c] == probs[order[i]][c]) {
                    if (label.equals(actual[order[j]])) {
                        tpGroup++;
                    }
                    j++;
                }
                tp += tpGroup;
                ap += (double) tpGroup / positives * ((double) tp / j);
                i = j;
            }
            return ap;
        }
        // Mann-Whitney: for each positive, the negatives scored below it, ties half.
        double sum = 0;
        int i = 0;
        long negSeen = 0;
        while (i < n) {
            int j = i;
            long posGroup = 0;
            long negGroup = 0;
            while (j < n && probs[order[j]][c] == probs[order[i]][c]) {
                if (label.equals(actual[order[j]])) {
                    posGroup++;
                } else {
                    negGroup++;
                }
                j++;
            }
            // negatives ranked above this group are not below it
            sum += posGroup * (negatives - negSeen - negGroup) + 0.5 * posGroup * negGroup;
            negSeen += negGroup;
            i = j;
        }
        return sum / ((double) positives * negatives);
    }

    private static double regression(String metric, double[] y, double[] yhat) {
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        double se = 0;
        double ae = 0;
        double ape = 0;
        int apeRows = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - yhat[i];
            se += d * d;
            ae += Math.abs(d);
            if (y[i] != 0) {
                ape += Math.abs(d / y[i]);
                apeRows++;
            }
            mean += y[i];
        }
        mean /= n;
        double tot = 0;
        for (double v : y) {
            tot += (v - mean) * (v - mean);
        }
        return switch (metric) {
            case "mse" -> se / n;
            case "rmse" -> Math.sqrt(se / n);
            case "mae" -> ae / n;
            case "r2" -> tot == 0 ? Double.NaN : 1 - se / tot;
            case "mape" -> apeRows == 0 ? Double.NaN : ape / apeRows;
            default -> Double.NaN;
        };
    }
}
