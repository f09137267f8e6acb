package dev.mlx.runtime.features;

import java.util.Arrays;

/**
 * Column-wise statistics of a sparse row matrix, for the inspection: features are transposed a
 * batch at a time (bounded memory), then each feature's statistics, fingerprint and single-feature
 * score are computed from its non-zero entries alone, features in parallel.
 */
final class FeatureColumns {
    private static final int BATCH_ENTRIES = 1 << 22;

    final int rows;
    final int[] nonZero;
    final int[] missing;
    final double[] min;
    final double[] max;
    final double[] mean;
    final double[] std;
    final long[] fingerprint;
    /** Single-feature AUC (classification) or R² (regression); NaN when not computed. */
    final double[] score;

    /**
     * @param classes per row the class index (-1: no label), or null
     * @param classCount number of classes
     * @param targets per row the numeric target, or null
     */
    FeatureColumns(FeatureMatrix m, int[] classes, int classCount, double[] targets) {
        rows = m.rows();
        int p = m.names().size();
        nonZero = new int[p];
        missing = new int[p];
        min = new double[p];
        max = new double[p];
        mean = new double[p];
        std = new double[p];
        fingerprint = new long[p];
        score = new double[p];
        Arrays.fill(score, Double.NaN);
        for (int[] idx : m.indices()) {
            for (int f : idx) {
                nonZero[f]++;
            }
        }
        Leakage leak = classes != null ? new Leakage(classes, classCount) : targets != null ? new Leakage(targets) : null;
        for (int lo = 0; lo < p; ) {
            long entries = 0;
            int hi = lo;
            while (hi < p && (hi == lo || entries + nonZero[hi] <= BATCH_ENTRIES)) {
                entries += nonZero[hi++];
            }
            batch(m, lo, hi, (int) entries, leak);
            lo = hi;
        }
    }

    private void batch(FeatureMatrix m, int lo, int hi, int entries, Leakage leak) {
        int[] start = new int[hi - lo + 1];
        for (int f = lo; f < hi; f++) {
            start[f - lo + 1] = start[f - lo] + nonZero[f];
        }
        int[] fill = Arrays.copyOf(start, start.length - 1);
        int[] rowOf = new int[entries];
        double[] valueOf = new double[entries];
        for (int r = 0; r < rows; r++) {
            int[] idx = m.indices()[r];
            double[] val = m.values()[r];
            int j = Arrays.binarySearch(idx, lo);
            for (j = j >= 0 ? j : -j - 1; j < idx.length && idx[j] < hi; j++) {
                int at = fill[idx[j] - lo]++;
                rowOf[at] = r;
                valueOf[at] = val[j];
            }
        }
        ColumnMath.parallel(hi - lo, entries, k -> column(lo + k, rowOf, valueOf, start[k], start[k + 1], leak));
    }

    private void column(int f, int[] rowOf, double[] valueOf, int from, int to, Leakage leak) {
        int zeros = rows - (to - from);
        double lo = zeros > 0 ? 0 : Double.POSITIVE_INFINITY;
        double hi = zeros > 0 ? 0 : Double.NEGATIVE_INFINITY;
        double sum = 0;
        int nan = 0;
        long hash = 0x9E3779B97F4A7C15L * (to - from + 1);
        for (int e = from; e < to; e++) {
            double v = valueOf[e];
            if (Double.isNaN(v)) {
                nan++;
                continue;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            sum += v;
            hash = mix(hash ^ rowOf[e]) + Double.doubleToLongBits(v + 0.0);
        }
        int valued = rows - nan;
        double mu = valued == 0 ? Double.NaN : sum / valued;
        double squares = zeros * mu * mu;
        for (int e = from; e < to; e++) {
            double v = valueOf[e];
            if (!Double.isNaN(v)) {
                squares += (v - mu) * (v - mu);
            }
        }
        missing[f] = nan;
        min[f] = valued == 0 ? Double.NaN : lo;
        max[f] = valued == 0 ? Double.NaN : hi;
        mean[f] = mu;
        std[f] = valued == 0 ? Double.NaN : Math.sqrt(squares / valued);
        fingerprint[f] = mix(hash);
        if (leak != null && nan == 0 && lo < hi) {
            score[f] = leak.score(rowOf, valueOf, from, to, rows, mu);
        }
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** How well one feature alone predicts the target. */
    private static final class Leakage {
        private final int[] classes;
        private final int classCount;
        private final int[] classSize;
        private final int labelled;
        private final double[] targets;
        private final double targetMean;
        private final double targetSquares;

        Leakage(int[] classes, int classCount) {
            this.classes = classes;
            this.classCount = classCount;
            this.classSize = new int[classCount];
            int n = 0;
            for (int c : classes) {
                if (c >= 0) {
                    classSize[c]++;
                    n++;
                }
            }
            this.labelled = n;
            this.targets = null;
            this.targetMean = 0;
            this.targetSquares = 0;
        }

        Leakage(double[] targets) {
            this.classes = null;
            this.classCount = 0;
            this.classSize = null;
            this.labelled = targets.length;
            this.targets = targets;
            double mean = 0;
            for (double y : targets) {
                mean += y;
            }
            mean /= Math.max(1, targets.length);
            double squares = 0;
            for (double y : targets) {
                squares += (y - mean) * (y - mean);
            }
            this.targetMean = mean;
            this.targetSquares = squares;
        }

        double score(int[] rowOf, double[] valueOf, int from, int to, int rows, double mean) {
            return classes != null ? auc(rowOf, valueOf, from, to) : r2(rowOf, valueOf, from, to, rows, mean);
        }

        /** R² of the least-squares line: the squared correlation, from the non-zero entries. */
        private double r2(int[] rowOf, double[] valueOf, int from, int to, int rows, double mean) {
            if (targetSquares == 0) {
                return Double.NaN;
            }
            int zeros = rows - (to - from);
            double sxx = zeros * mean * mean;
            double sxy = 0;
            double sy = 0;
            for (int e = from; e < to; e++) {
                double dx = valueOf[e] - mean;
                double dy = targets[rowOf[e]] - targetMean;
                sxx += dx * dx;
                sxy += dx * dy;
                sy += dy;
            }
            // zero rows contribute (0 - mean) * dy, and their dy sum to minus the non-zero rows' dy
            sxy += mean * sy;
            return sxx == 0 ? Double.NaN : sxy * sxy / (sxx * targetSquares);
        }

        /**
         * AUC (Mann-Whitney, ties counting half) as max(auc, 1 - auc): for two classes directly, for
         * more the mean over class pairs. Zeros are one tied block counted, not stored, so only non-zero
         * entries are sorted; each class's values are sorted once and compared by a merge walk.
         */
        private double auc(int[] rowOf, double[] valueOf, int from, int to) {
            int[] size = new int[classCount];
            for (int e = from; e < to; e++) {
                int c = classes[rowOf[e]];
                if (c >= 0 && valueOf[e] != 0) {
                    size[c]++;
                }
            }
            double[][] byClass = new double[classCount][];
            for (int c = 0; c < classCount; c++) {
                byClass[c] = new double[size[c]];
            }
            int[] fill = new int[classCount];
            int nonZero = 0;
            for (int e = from; e < to; e++) {
                int c = classes[rowOf[e]];
                if (c >= 0 && valueOf[e] != 0) {
                    byClass[c][fill[c]++] = valueOf[e];
                    nonZero++;
                }
            }
            for (double[] values : byClass) {
                Arrays.sort(values);
            }
            double best = Double.NaN;
            if (classCount == 2) {
                // the second class mirrors the first
                long pos = classSize[1];
                long neg = classSize[0];
                if (pos > 0 && neg > 0) {
                    double u = wins(byClass[1], (int) pos - size[1], byClass[0], (int) neg - size[0]);
                    double auc = u / ((double) pos * neg);
                    best = Math.max(auc, 1 - auc);
                }
                return best;
            }
            // Multiclass: the mean over class pairs of the pairwise AUC (Hand and Till's M). The best
            // one-vs-rest AUC flags any feature that isolates one class (a penguin's flipper length
            // singles out Gentoo), and misses a leaked label code whose middle class is not at an end.
            double sum = 0;
            int pairs = 0;
            for (int i = 0; i < classCount; i++) {
                for (int j = i + 1; j < classCount; j++) {
                    long ni = classSize[i];
                    long nj = classSize[j];
                    if (ni == 0 || nj == 0) {
                        continue;
                    }
                    double u = wins(byClass[i], (int) ni - size[i], byClass[j], (int) nj - size[j]);
                    double auc = u / ((double) ni * nj);
                    sum += Math.max(auc, 1 - auc);
                    pairs++;
                }
            }
            best = pairs == 0 ? Double.NaN : sum / pairs;
            return best;
        }

        /**
         * Sum over the values v of {@code mine} (sorted non-zeros plus {@code myZeros} zeros) of
         * (number of {@code other} values below v) + half (number equal to v); {@code other} is
         * sorted non-zeros plus {@code otherZeros} zeros. Both walked once, in order.
         */
        static double wins(double[] mine, int myZeros, double[] other, int otherZeros) {
            double sum = 0;
            int below = 0; // other[0..below) < v
            int upTo = 0;  // other[0..upTo) <= v
            boolean zeroDone = myZeros == 0;
            for (int i = 0; i < mine.length || !zeroDone; ) {
                double v;
                int count;
                if (!zeroDone && (i == mine.length || mine[i] > 0)) {
                    v = 0;
                    count = myZeros;
                    zeroDone = true;
                } else {
                    v = mine[i];
                    int j = i;
                    while (j < mine.length && mine[j] == v) {
                        j++;
                    }
                    count = j - i;
                    i = j;
                }
                while (below < other.length && other[below] < v) {
                    below++;
                }
                upTo = Math.max(upTo, below);
                while (upTo < other.length && other[upTo] <= v) {
                    upTo++;
                }
                double less = below + (v > 0 ? otherZeros : 0);
                double equal = upTo - below + (v == 0 ? otherZeros : 0);
                sum += count * (less + equal / 2);
            }
            return sum;
        }
    }
}
