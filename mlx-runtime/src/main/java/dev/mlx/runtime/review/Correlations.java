package dev.mlx.runtime.review;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Correlations with pairwise-complete observations: each pair uses the rows where both values are
 * present. Spearman is Pearson on average ranks, ranked within those rows. Ranks are cached by
 * (column, rows left out): columns missing in the same rows, the usual case, are ranked once.
 * Undefined (fewer than two rows, or a constant) is NaN.
 */
final class Correlations {
    private final double[][] columns;
    private final boolean spearman;
    private final BitSet[] missing;
    private final Map<RankKey, double[]> ranks = new HashMap<>();

    private record RankKey(int column, BitSet absent) {
    }

    /** {@code columns} by row, NaN where missing. */
    Correlations(double[][] columns, boolean spearman) {
        this.columns = columns;
        this.spearman = spearman;
        this.missing = new BitSet[columns.length];
        for (int a = 0; a < columns.length; a++) {
            missing[a] = missing(columns[a]);
        }
    }

    /** The symmetric correlation matrix; NaN on the diagonal of a constant column. */
    double[][] matrix() {
        int p = columns.length;
        double[][] m = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double r = correlation(a, b);
                m[a][b] = r;
                m[b][a] = r;
            }
        }
        return m;
    }

    double correlation(int a, int b) {
        if (!spearman) {
            return pearson(columns[a], columns[b]);
        }
        BitSet absent = union(missing[a], missing[b]);
        return pearson(ranked(a, absent), ranked(b, absent));
    }

    /** Pearson or Spearman correlation of column {@code a} with an outside numeric target. */
    double correlation(int a, double[] target) {
        if (!spearman) {
            return pearson(columns[a], target);
        }
        BitSet absent = union(missing[a], missing(target));
        return pearson(ranked(a, absent), ReviewMath.ranks(target, absent));
    }

    /**
     * The correlation ratio η of column {@code a} with a categorical target (null = missing):
     * sqrt(between-group sum of squares / total sum of squares), in 0..1, over the rows where both
     * are present; on ranks for Spearman. For two classes η equals |point-biserial r|.
     */
    double eta(int a, String[] groups) {
        BitSet absent = (BitSet) missing[a].clone();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null) {
                absent.set(i);
            }
        }
        double[] x = spearman ? ranked(a, absent) : columns[a];
        int n = 0;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (!absent.get(i)) {
                n++;
                sum += x[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        Map<String, double[]> sums = new HashMap<>(); // group -> {count, sum}
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            if (!absent.get(i)) {
                double[] s = sums.computeIfAbsent(groups[i], key -> new double[2]);
                s[0]++;
                s[1] += x[i];
                total += (x[i] - mean) * (x[i] - mean);
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        double between = 0;
        for (double[] s : sums.values()) {
            double gm = s[1] / s[0];
            between += s[0] * (gm - mean) * (gm - mean);
        }
        return clamp(Math.sqrt(between / total));
    }

    private double[] ranked(int a, BitSet absent) {
        return ranks.computeIfAbsent(new RankKey(a, absent), k -> ReviewMath.ranks(columns[a], absent));
    }

    /** Pearson's r over the rows where both are present (two passes, for accuracy). */
    static double pearson(double[] x, double[] y) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double cov = 0;
        double vx = 0;
        double vy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                cov += dx * dy;
                vx += dx * dx;
                vy += dy * dy;
            }
        }
        if (vx == 0 || vy == 0) {
            return Double.NaN;
        }
        return clamp(cov / Math.sqrt(vx * vy));
    }

    private static BitSet missing(double[] x) {
        BitSet b = new BitSet(x.length);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                b.set(i);
            }
        }
        return b;
    }

    private static BitSet union(BitSet a, BitSet b) {
        BitSet u = (BitSet) a.clone();
        u.or(b);
        return u;
    }

    private static double clamp(double r) {
        return Math.max(-1, Math.min(1, r));
    }
}
