package dev.mlx.runtime.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Column statistics over primitive arrays (missing values skipped), number text, and parallel loops. */
final class ColumnMath {
    private ColumnMath() {
    }

    /** Mean of the non-missing values (NaN when there are none). */
    static double mean(double[] v) {
        double sum = 0;
        long n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Population standard deviation around {@code mean}, two-pass for accuracy. */
    static double std(double[] v, double mean) {
        double sum = 0;
        long n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                double d = x - mean;
                sum += d * d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sum / n);
    }

    /** The non-missing values, sorted. */
    static double[] sorted(double[] v) {
        double[] copy = new double[v.length];
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                copy[n++] = x;
            }
        }
        copy = n == v.length ? copy : Arrays.copyOf(copy, n);
        if (n > 200_000) {
            Arrays.parallelSort(copy);
        } else {
            Arrays.sort(copy);
        }
        return copy;
    }

    /**
     * Quantile q (0..1) of the non-missing values, as {@link #quantile} of {@link #sorted} gives it,
     * found by selection (linear time) instead of a sort: an imputed median of 800,000 training
     * values no longer sorts them.
     */
    static double quantileOf(double[] v, double q) {
        double[] copy = new double[v.length];
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                copy[n++] = x;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        double low = select(copy, 0, n - 1, lo);
        double high = low;
        if (lo + 1 < n) {
            high = copy[lo + 1]; // after selection everything right of lo is >= low: take its least
            for (int i = lo + 2; i < n; i++) {
                if (less(copy[i], high)) {
                    high = copy[i];
                }
            }
        }
        return low + (pos - lo) * (high - low); // the same arithmetic as quantile(), signed zeros included
    }

    /**
     * Rearranges a[from..to] so that a[k] holds the value a sort would put there, everything before
     * it no greater and everything after it no less (Hoare's selection, median-of-three pivots, in
     * the order {@link Arrays#sort} uses: -0.0 before 0.0).
     */
    static double select(double[] a, int from, int to, int k) {
        while (to > from) {
            int mid = (from + to) >>> 1;
            if (less(a[mid], a[from])) {
                swap(a, mid, from);
            }
            if (less(a[to], a[from])) {
                swap(a, to, from);
            }
            if (less(a[to], a[mid])) {
                swap(a, to, mid);
            }
            double pivot = a[mid];
            int i = from;
            int j = to;
            while (i <= j) {
                while (less(a[i], pivot)) {
                    i++;
                }
                while (less(pivot, a[j])) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static boolean less(double x, double y) {
        return x < y || (x == y && x == 0 && Double.compare(x, y) < 0);
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Quantile q (0..1) of sorted values, interpolating linearly between neighbours. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The most frequent of sorted values; ties go to the smallest. NaN when empty. */
    static double mode(double[] sorted) {
        double best = Double.NaN;
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }

    /** The level seen most often; ties go to the smallest text. -1 when none. */
    static int modeLevel(int[] counts, String[] levels) {
        int best = -1;
        for (int l = 0; l < counts.length; l++) {
            if (counts[l] > 0 && (best < 0 || counts[l] > counts[best]
                    || counts[l] == counts[best] && levels[l].compareTo(levels[best]) < 0)) {
                best = l;
            }
        }
        return best;
    }

    /** Exact text of a number: whole numbers without a decimal point, others as Java prints them. */
    static String text(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Short text of a number (6 significant digits), for labels. */
    static String shortText(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A number for the results; null when not finite (JSON has no NaN). */
    static Double result(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static List<Double> results(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(result(v));
        }
        return out;
    }

    /** A number for JSON; null when not finite (JSON has no NaN). */
    static JsonElement json(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonArray json(String[] values) {
        JsonArray a = new JsonArray();
        for (String s : values) {
            a.add(s);
        }
        return a;
    }

    static JsonArray json(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(json(v));
        }
        return a;
    }

    /** Below this many values in all, a parallel loop costs more than it saves (a one-row request). */
    private static final long PARALLEL_WORK = 50_000;

    /**
     * Runs body(0..n-1), on all cores when the tasks together touch at least {@link #PARALLEL_WORK}
     * values ({@code work}); each task writes only its own slots, so results do not depend on it.
     */
    static void parallel(int n, long work, IntConsumer body) {
        if (n == 1 || n > 1 && work < PARALLEL_WORK) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else if (n > 1) {
            IntStream.range(0, n).parallel().forEach(body);
        }
    }

    /** Number of fixed-size row chunks; fixed sizes keep results independent of the core count. */
    static final int CHUNK = 16_384;

    static int chunks(int rows) {
        return (rows + CHUNK - 1) / CHUNK;
    }
}
