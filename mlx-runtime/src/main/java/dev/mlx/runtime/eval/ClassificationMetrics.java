package dev.mlx.runtime.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics from actual and predicted labels (and class probabilities when the model
 * gives them). Binary precision, recall and F1 are those of the positive class; multiclass ones are
 * macro averages over the classes that occur in the truth or the predictions. A ratio with a zero
 * denominator counts 0, as usual.
 */
final class ClassificationMetrics {
    /** Probabilities are clipped away from 0 and 1 before the logarithm. */
    static final double EPS = 1e-15;

    final List<String> classes;
    final int[][] confusion;
    final int n;
    final double[] precision;
    final double[] recall;
    final double[] f1;
    final int[] support;
    final int[] predictedCount;

    ClassificationMetrics(String[] actual, String[] predicted, List<String> classes) {
        this(confusion(actual, predicted, classes), classes);
    }

    /** From a confusion matrix (rows actual, columns predicted, in {@code classes} order), as an engine collects it. */
    ClassificationMetrics(int[][] confusion, List<String> classes) {
        this.classes = classes;
        this.confusion = confusion;
        int k = classes.size();
        int total = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                total += v;
            }
        }
        this.n = total;
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        support = new int[k];
        predictedCount = new int[k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                support[a] += confusion[a][p];
                predictedCount[p] += confusion[a][p];
            }
        }
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            precision[c] = ratio(tp, predictedCount[c]);
            recall[c] = ratio(tp, support[c]);
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
    }

    /** Rows are actual classes, columns predicted, both in {@code classes} order. */
    static int[][] confusion(String[] actual, String[] predicted, List<String> classes) {
        Map<String, Integer> index = index(classes);
        int[][] cm = new int[classes.size()][classes.size()];
        for (int i = 0; i < actual.length; i++) {
            Integer a = index.get(actual[i]);
            Integer p = index.get(predicted[i]);
            if (a == null || p == null) {
                throw new IllegalStateException("label outside the class list: " + actual[i] + " / " + predicted[i]);
            }
            cm[a][p]++;
        }
        return cm;
    }

    static Map<String, Integer> index(List<String> classes) {
        Map<String, Integer> m = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            m.put(classes.get(c), c);
        }
        return m;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    double accuracy() {
        int correct = 0;
        for (int c = 0; c < classes.size(); c++) {
            correct += confusion[c][c];
        }
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** Mean recall over the classes present in the truth. */
    double balancedAccuracy() {
        double sum = 0;
        int m = 0;
        for (int c = 0; c < classes.size(); c++) {
            if (support[c] > 0) {
                sum += recall[c];
                m++;
            }
        }
        return m == 0 ? Double.NaN : sum / m;
    }

    /** The mean of {@code perClass} over classes that occur in the truth or the predictions. */
    double macro(double[] perClass) {
        double sum = 0;
        int m = 0;
        for (int c = 0; c < classes.size(); c++) {
            if (support[c] > 0 || predictedCount[c] > 0) {
                sum += perClass[c];
                m++;
            }
        }
        return m == 0 ? Double.NaN : sum / m;
    }

    double weightedF1() {
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            sum += support[c] * f1[c];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Cross-entropy of the probability of the actual class. */
    static double logLoss(String[] actual, double[][] probs, List<String> classes) {
        Map<String, Integer> index = index(classes);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double total = 0;
            for (double p : probs[i]) {
                total += p;
            }
            double p = total > 0 ? probs[i][index.get(actual[i])] / total : 0;
            sum -= Math.log(Math.min(1 - EPS, Math.max(EPS, p)));
        }
        return actual.length == 0 ? Double.NaN : sum / actual.length;
    }

    /** One-vs-rest indicator of class {@code c}. */
    static boolean[] isClass(String[] actual, String c) {
        boolean[] out = new boolean[actual.length];
        for (int i = 0; i < actual.length; i++) {
            out[i] = c.equals(actual[i]);
        }
        return out;
    }

    static double[] column(double[][] probs, int c) {
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            out[i] = probs[i][c];
        }
        return out;
    }

    /**
     * ROC AUC (binary: of the positive class; multiclass: one-vs-rest, averaged over the classes
     * that have both positive and negative rows) or, with {@code pr}, average precision likewise.
     */
    static double rankingMetric(String[] actual, double[][] probs, List<String> classes, String positive, boolean pr) {
        List<Integer> which = new ArrayList<>();
        if (positive != null) {
            which.add(classes.indexOf(positive));
        } else {
            for (int c = 0; c < classes.size(); c++) {
                which.add(c);
            }
        }
        double sum = 0;
        int m = 0;
        for (int c : which) {
            if (c < 0) {
                continue;
            }
            boolean[] is = isClass(actual, classes.get(c));
            double v = pr ? Ranking.averagePrecision(column(probs, c), is) : Ranking.auc(column(probs, c), is);
            if (!Double.isNaN(v)) {
                sum += v;
                m++;
            }
        }
        return m == 0 ? Double.NaN : sum / m;
    }
}
