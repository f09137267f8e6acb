package dev.mlx.runtime.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Clustering metrics: within-cluster sum of squares on the features, and agreement with known
 * labels (adjusted Rand index; adjusted mutual information with arithmetic-mean normalisation, as
 * scikit-learn's default). Silhouette is in {@link dev.mlx.runtime.models.Silhouette}.
 *
 * <p>Rows a model calls noise (HDBSCAN) count in these metrics as members of the cluster whose
 * centre is nearest ({@link #noiseToNearest}): calling a row noise then scores exactly as putting it
 * in its nearest cluster would, so it can neither lower WCSS nor raise AMI/ARI, and selection by
 * them cannot be won by leaving the hard rows out.
 */
final class ClusteringMetrics {
    private ClusteringMetrics() {
    }

    /**
     * The clusters with every {@code noise} row moved into the cluster whose centre (the mean of its
     * rows, in the model's feature space) is nearest by squared Euclidean distance; ties go to the
     * smaller cluster id. When every row is noise they stay one group. {@code cluster} is not changed.
     */
    static int[] noiseToNearest(int[][] indices, double[][] values, int[] cluster, int noise) {
        int[] out = cluster.clone();
        boolean anyNoise = false;
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
        for (int c : cluster) {
            if (c == noise) {
                anyNoise = true;
            } else {
                ids.add(c);
            }
        }
        if (!anyNoise || ids.isEmpty()) {
            return out;
        }
        int dims = dims(indices);
        Map<Integer, double[]> centres = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < cluster.length; i++) {
            if (cluster[i] != noise) {
                double[] s = centres.computeIfAbsent(cluster[i], c -> new double[dims]);
                for (int j = 0; j < indices[i].length; j++) {
                    s[indices[i][j]] += values[i][j];
                }
                counts.merge(cluster[i], 1, Integer::sum);
            }
        }
        centres.forEach((c, s) -> {
            for (int j = 0; j < s.length; j++) {
                s[j] /= counts.get(c);
            }
        });
        for (int i = 0; i < cluster.length; i++) {
            if (cluster[i] != noise) {
                continue;
            }
            double[] row = new double[dims];
            for (int j = 0; j < indices[i].length; j++) {
                row[indices[i][j]] = values[i][j];
            }
            double best = Double.POSITIVE_INFINITY;
            for (int c : ids) {
                double[] mu = centres.get(c);
                double d = 0;
                for (int j = 0; j < dims; j++) {
                    double diff = row[j] - mu[j];
                    d += diff * diff;
                }
                if (d < best) {
                    best = d;
                    out[i] = c;
                }
            }
        }
        return out;
    }

    private static int dims(int[][] indices) {
        int maxIndex = -1;
        for (int[] row : indices) {
            for (int j : row) {
                maxIndex = Math.max(maxIndex, j);
            }
        }
        return maxIndex + 1;
    }

    /**
     * Sum over rows of the squared distance to the mean of the row's cluster; {@code noise} rows
     * count in their nearest cluster ({@link #noiseToNearest}).
     */
    static double wcss(int[][] indices, double[][] values, int[] clusters, int noise) {
        int[] cluster = noiseToNearest(indices, values, clusters, noise);
        int dims = dims(indices);
        Map<Integer, double[]> sums = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < cluster.length; i++) {
            double[] s = sums.computeIfAbsent(cluster[i], c -> new double[dims]);
            for (int j = 0; j < indices[i].length; j++) {
                s[indices[i][j]] += values[i][j];
            }
            counts.merge(cluster[i], 1, Integer::sum);
        }
        Map<Integer, Double> centreNorm = new HashMap<>();
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            int c = counts.get(e.getKey());
            double norm = 0;
            for (int j = 0; j < s.length; j++) {
                s[j] /= c;
                norm += s[j] * s[j];
            }
            centreNorm.put(e.getKey(), norm);
        }
        double total = 0;
        for (int i = 0; i < cluster.length; i++) {
            double[] mu = sums.get(cluster[i]);
            double xx = 0;
            double xm = 0;
            for (int j = 0; j < indices[i].length; j++) {
                double v = values[i][j];
                xx += v * v;
                xm += v * mu[indices[i][j]];
            }
            total += Math.max(0, xx - 2 * xm + centreNorm.get(cluster[i]));
        }
        return total;
    }

    /** The contingency table of two labellings of the same rows. */
    private static long[][] contingency(String[] truth, int[] cluster, long[] rowSums, long[] colSums,
                                        Map<String, Integer> ti, Map<Integer, Integer> ci) {
        long[][] t = new long[ti.size()][ci.size()];
        for (int i = 0; i < truth.length; i++) {
            int a = ti.get(truth[i]);
            int b = ci.get(cluster[i]);
            t[a][b]++;
            rowSums[a]++;
            colSums[b]++;
        }
        return t;
    }

    private static Map<String, Integer> ids(String[] truth) {
        Map<String, Integer> m = new HashMap<>();
        for (String s : truth) {
            m.putIfAbsent(s, m.size());
        }
        return m;
    }

    private static Map<Integer, Integer> ids(int[] cluster) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int c : cluster) {
            m.putIfAbsent(c, m.size());
        }
        return m;
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }

    /** Adjusted Rand index; 1 when both labellings are a single group. */
    static double ari(String[] truth, int[] cluster) {
        int n = truth.length;
        if (n == 0) {
            return Double.NaN;
        }
        Map<String, Integer> ti = ids(truth);
        Map<Integer, Integer> ci = ids(cluster);
        long[] a = new long[ti.size()];
        long[] b = new long[ci.size()];
        long[][] t = contingency(truth, cluster, a, b, ti, ci);
        double index = 0;
        for (long[] row : t) {
            for (long v : row) {
                index += pairs(v);
            }
        }
        double sa = 0;
        for (long v : a) {
            sa += pairs(v);
        }
        double sb = 0;
        for (long v : b) {
            sb += pairs(v);
        }
        double expected = sa * sb / pairs(n);
        double max = (sa + sb) / 2;
        if (max == expected) {
            return 1.0;
        }
        return (index - expected) / (max - expected);
    }

    /** Adjusted mutual information, arithmetic-mean normalised; 1 when both labellings are a single group. */
    static double ami(String[] truth, int[] cluster) {
        int n = truth.length;
        if (n == 0) {
            return Double.NaN;
        }
        Map<String, Integer> ti = ids(truth);
        Map<Integer, Integer> ci = ids(cluster);
        if (ti.size() == 1 && ci.size() == 1) {
            return 1.0;
        }
        long[] a = new long[ti.size()];
        long[] b = new long[ci.size()];
        long[][] t = contingency(truth, cluster, a, b, ti, ci);
        double mi = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (t[i][j] > 0) {
                    mi += (double) t[i][j] / n * Math.log((double) n * t[i][j] / ((double) a[i] * b[j]));
                }
            }
        }
        double hu = entropy(a, n);
        double hv = entropy(b, n);
        double[] lf = logFactorials(n);
        double emi = 0;
        for (long ai : a) {
            for (long bj : b) {
                long lo = Math.max(1, ai + bj - n);
                long hi = Math.min(ai, bj);
                for (long nij = lo; nij <= hi; nij++) {
                    double term = (double) nij / n * Math.log((double) n * nij / ((double) ai * bj));
                    double logP = lf[(int) ai] + lf[(int) bj] + lf[(int) (n - ai)] + lf[(int) (n - bj)]
                            - lf[n] - lf[(int) nij] - lf[(int) (ai - nij)] - lf[(int) (bj - nij)]
                            - lf[(int) (n - ai - bj + nij)];
                    emi += term * Math.exp(logP);
                }
            }
        }
        double denominator = (hu + hv) / 2 - emi;
        double eps = Math.ulp(1.0);
        denominator = denominator < 0 ? Math.min(denominator, -eps) : Math.max(denominator, eps);
        return (mi - emi) / denominator;
    }

    private static double entropy(long[] counts, int n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static double[] logFactorials(int n) {
        double[] lf = new double[n + 1];
        for (int i = 2; i <= n; i++) {
            lf[i] = lf[i - 1] + Math.log(i);
        }
        return lf;
    }
}
