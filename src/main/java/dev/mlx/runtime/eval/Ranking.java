package dev.mlx.runtime.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Metrics of a score that ranks rows: ROC AUC (Mann-Whitney, ties counted half), average precision
 * (the step-wise area under the precision-recall curve), and the curves themselves thinned to a
 * bounded number of points.
 */
final class Ranking {
    /** Points kept on a curve for the report. */
    static final int MAX_POINTS = 200;

    private Ranking() {
    }

    /** ROC AUC; NaN when there are no positives or no negatives. */
    static double auc(double[] score, boolean[] positive) {
        int n = score.length;
        long pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        int[] order = ascending(score);
        double rankSumPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1; // 1-based average rank of the tie group
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPos += avgRank;
                }
            }
            i = j + 1;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Average precision: sum over thresholds of (recall gained) x precision; NaN without positives. */
    static double averagePrecision(double[] score, boolean[] positive) {
        double ap = 0;
        double prevRecall = 0;
        List<double[]> pts = prPoints(score, positive);
        if (pts == null) {
            return Double.NaN;
        }
        for (double[] p : pts) {
            ap += (p[0] - prevRecall) * p[1];
            prevRecall = p[0];
        }
        return ap;
    }

    /** ROC points (fpr, tpr, threshold) from (0, 0, +inf) to (1, 1, lowest score); null when undefined. */
    static List<double[]> roc(double[] score, boolean[] positive) {
        int[] order = descending(score);
        long pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        long neg = score.length - pos;
        if (pos == 0 || neg == 0) {
            return null;
        }
        List<double[]> out = new ArrayList<>();
        out.add(new double[] {0, 0, Double.POSITIVE_INFINITY});
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < order.length; ) {
            double t = score[order[i]];
            while (i < order.length && score[order[i]] == t) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            out.add(new double[] {(double) fp / neg, (double) tp / pos, t});
        }
        return out;
    }

    /** Precision-recall points (recall, precision, threshold), one per distinct score; null without positives. */
    static List<double[]> prPoints(double[] score, boolean[] positive) {
        int[] order = descending(score);
        long pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        if (pos == 0) {
            return null;
        }
        List<double[]> out = new ArrayList<>();
        long tp = 0;
        long seen = 0;
        for (int i = 0; i < order.length; ) {
            double t = score[order[i]];
            while (i < order.length && score[order[i]] == t) {
                if (positive[order[i]]) {
                    tp++;
                }
                seen++;
                i++;
            }
            out.add(new double[] {(double) tp / pos, (double) tp / seen, t});
        }
        return out;
    }

    /** At most {@code max} points, evenly spaced along the list, first and last always kept. */
    static List<double[]> thin(List<double[]> points, int max) {
        if (points == null || points.size() <= max) {
            return points;
        }
        List<double[]> out = new ArrayList<>(max);
        int last = points.size() - 1;
        for (int i = 0; i < max; i++) {
            out.add(points.get((int) Math.round((double) i * last / (max - 1))));
        }
        return out;
    }

    private static int[] ascending(double[] score) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(score[a], score[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static int[] descending(double[] score) {
        int[] asc = ascending(score);
        int[] out = new int[asc.length];
        for (int i = 0; i < asc.length; i++) {
            out[i] = asc[asc.length - 1 - i];
        }
        return out;
    }
}
