package dev.mlx.runtime.models;

import java.util.Arrays;

/**
 * The mean silhouette of a clustering: how much closer each row is to its own cluster than to the
 * nearest other one (-1..1). Quadratic in the rows, so it is computed on a seeded sample of at most
 * {@code maxRows} rows; rows are sparse (index, value) pairs in increasing index order.
 */
public final class Silhouette {
    /** How two rows are compared; the same words as the catalog's {@code distance}. */
    public enum Metric {
        L2, L1, COSINE;

        public static Metric of(String word) {
            return word == null ? L2 : valueOf(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private Silhouette() {
    }

    /**
     * The mean silhouette over the sampled rows, NaN when fewer than two clusters are present.
     * Rows in cluster {@code noise} (HDBSCAN's outliers) are left out; pass {@link Integer#MIN_VALUE}
     * to keep every row.
     */
    public static double mean(int[][] indices, double[][] values, int[] clusters, int noise, Metric metric,
                              int maxRows, long seed) {
        int[] rows = sample(clusters, noise, maxRows, seed);
        int m = rows.length;
        // clusters renumbered 0..k-1 in order of first appearance among the sampled rows
        int[] ids = new int[m];
        int[] seen = new int[m];
        int k = 0;
        for (int i = 0; i < m; i++) {
            int c = clusters[rows[i]];
            int j = 0;
            while (j < k && seen[j] != c) {
                j++;
            }
            if (j == k) {
                seen[k++] = c;
            }
            ids[i] = j;
        }
        if (k < 2) {
            return Double.NaN;
        }
        int[] size = new int[k];
        for (int id : ids) {
            size[id]++;
        }
        double[][] sums = new double[m][k];
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double d = distance(indices[rows[i]], values[rows[i]], indices[rows[j]], values[rows[j]], metric);
                sums[i][ids[j]] += d;
                sums[j][ids[i]] += d;
            }
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            int own = ids[i];
            if (size[own] == 1) {
                continue; // a singleton scores 0
            }
            double a = sums[i][own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sums[i][c] / size[c]);
                }
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / m;
    }

    /** The rows used: all non-noise rows when few enough, else a seeded sample, in row order. */
    static int[] sample(int[] clusters, int noise, int maxRows, long seed) {
        int[] all = new int[clusters.length];
        int n = 0;
        for (int i = 0; i < clusters.length; i++) {
            if (clusters[i] != noise) {
                all[n++] = i;
            }
        }
        int[] picked = dev.mlx.runtime.base.Sample.indices(n, maxRows, seed);
        int[] out = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            out[i] = all[picked[i]];
        }
        return out;
    }

    /** The distance between two sparse rows. */
    public static double distance(int[] ia, double[] va, int[] ib, double[] vb, Metric metric) {
        int p = 0;
        int q = 0;
        double acc = 0;
        double dot = 0;
        double na = 0;
        double nb = 0;
        while (p < ia.length || q < ib.length) {
            double x;
            double y;
            if (q >= ib.length || (p < ia.length && ia[p] < ib[q])) {
                x = va[p++];
                y = 0;
            } else if (p >= ia.length || ib[q] < ia[p]) {
                x = 0;
                y = vb[q++];
            } else {
                x = va[p++];
                y = vb[q++];
            }
            switch (metric) {
                case L2 -> acc += (x - y) * (x - y);
                case L1 -> acc += Math.abs(x - y);
                case COSINE -> {
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                }
            }
        }
        return switch (metric) {
            case L2 -> Math.sqrt(acc);
            case L1 -> acc;
            case COSINE -> na == 0 || nb == 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
        };
    }
}
