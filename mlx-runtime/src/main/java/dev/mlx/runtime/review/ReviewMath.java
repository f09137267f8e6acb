package dev.mlx.runtime.review;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;

/** Small numeric helpers shared by the review: column extraction, quantiles, JSON numbers. */
final class ReviewMath {
    private ReviewMath() {
    }

    /** The column's values by row, NaN where missing. */
    static double[] values(NumericColumn<?> c) {
        int n = c.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }

    /**
     * The q-quantile of sorted values, interpolating linearly between order statistics (Hyndman and
     * Fan's type 7, the default of R and NumPy): h = (n - 1) q. NaN when there are no values.
     */
    static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** A number for the results, or null for NaN and infinities (JSON has no such numbers). */
    static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }

    static List<Double> nums(double[] xs) {
        List<Double> a = new ArrayList<>(xs.length);
        for (double x : xs) {
            a.add(num(x));
        }
        return a;
    }

    /**
     * Average ranks (1-based; ties share the mean of their ranks) of the values in the rows not in
     * {@code absent}, placed by row; NaN in the absent rows. A radix sort of the values (as order-
     * preserving 64-bit keys) carrying their row numbers: primitive arrays only, linear time.
     */
    static double[] ranks(double[] xs, java.util.BitSet absent) {
        int n = xs.length - absent.cardinality();
        long[] keys = new long[n];
        int[] rows = new int[n];
        int m = 0;
        for (int i = absent.nextClearBit(0); i < xs.length; i = absent.nextClearBit(i + 1)) {
            keys[m] = key(xs[i]);
            rows[m++] = i;
        }
        sort(keys, rows);
        double[] r = new double[xs.length];
        java.util.Arrays.fill(r, Double.NaN);
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[rows[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    /** A long whose unsigned order is the double's numeric order (-0.0 is 0.0). */
    private static long key(double x) {
        long bits = Double.doubleToLongBits(x == 0 ? 0.0 : x);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static final int DIGIT = 11;
    private static final int PASSES = 6; // 6 x 11 bits cover 64

    /** LSD radix sort of unsigned keys with their rows; passes where every key has the same digit are skipped. */
    private static void sort(long[] keys, int[] rows) {
        int n = keys.length;
        if (n < 2) {
            return;
        }
        int radix = 1 << DIGIT;
        int[][] counts = new int[PASSES][radix];
        for (long k : keys) {
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) ((k >>> (p * DIGIT)) & (radix - 1))]++;
            }
        }
        long[] k1 = keys;
        int[] r1 = rows;
        long[] k2 = new long[n];
        int[] r2 = new int[n];
        for (int p = 0; p < PASSES; p++) {
            int shift = p * DIGIT;
            int[] c = counts[p];
            if (c[(int) ((k1[0] >>> shift) & (radix - 1))] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < radix; d++) {
                int t = c[d];
                c[d] = sum;
                sum += t;
            }
            for (int i = 0; i < n; i++) {
                int pos = c[(int) ((k1[i] >>> shift) & (radix - 1))]++;
                k2[pos] = k1[i];
                r2[pos] = r1[i];
            }
            long[] tk = k1;
            k1 = k2;
            k2 = tk;
            int[] tr = r1;
            r1 = r2;
            r2 = tr;
        }
        if (k1 != keys) {
            System.arraycopy(k1, 0, keys, 0, n);
            System.arraycopy(r1, 0, rows, 0, n);
        }
    }
}
