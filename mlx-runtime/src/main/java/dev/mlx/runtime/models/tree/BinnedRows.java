package dev.mlx.runtime.models.tree;

import java.util.Arrays;

/**
 * Training rows with every feature value replaced by its bin: per feature at most {@value #MAX_BINS}
 * bins, one per distinct value when there are that few, else quantiles of the values. A row keeps only
 * its non-zero values (ids ascending, bins beside them); a value of 0, stored or absent, is in its
 * feature's {@link #zeroBin}, so a sparse table stays sparse.
 * <p>
 * A split "bin &lt;= b" of feature f is the split "value &lt;= {@code threshold(f, b)}", the midpoint
 * between the largest value in bin b and the smallest in bin b + 1, which is what Tribuo's split
 * nodes test (absent features read as 0).
 */
final class BinnedRows {
    static final int MAX_BINS = 256;

    private final int features;
    private final int[][] ids;
    private final byte[][] bins;
    /** Per feature: the bin of the value 0. */
    private final int[] zeroBin;
    /** Per feature: the number of bins. */
    private final int[] binCount;
    /** Per feature and bin: the smallest and largest value it holds. */
    private final double[][] low;
    private final double[][] high;

    private BinnedRows(int features, int[][] ids, byte[][] bins, int[] zeroBin, int[] binCount, double[][] low,
                       double[][] high) {
        this.features = features;
        this.ids = ids;
        this.bins = bins;
        this.zeroBin = zeroBin;
        this.binCount = binCount;
        this.low = low;
        this.high = high;
    }

    /**
     * Bins rows given as sorted-or-not (feature id, value) pairs; {@code features} is the number of
     * feature ids. Values must be finite (the callers refuse others first).
     */
    static BinnedRows of(int[][] idx, double[][] val, int features) {
        int n = idx.length;
        int[] nonZero = new int[features];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < idx[r].length; i++) {
                if (val[r][i] != 0) {
                    nonZero[idx[r][i]]++;
                }
            }
        }
        double[][] columns = new double[features][];
        for (int f = 0; f < features; f++) {
            columns[f] = new double[nonZero[f]];
        }
        int[] fill = new int[features];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < idx[r].length; i++) {
                if (val[r][i] != 0) {
                    int f = idx[r][i];
                    columns[f][fill[f]++] = val[r][i];
                }
            }
        }
        double[][] edges = new double[features][]; // upper value of every bin but the last
        int[] zeroBin = new int[features];
        int[] binCount = new int[features];
        double[][] low = new double[features][];
        double[][] high = new double[features][];
        for (int f = 0; f < features; f++) {
            double[] column = columns[f];
            Arrays.sort(column);
            int zeros = n - column.length;
            double[] distinct = distinctWithZero(column, zeros > 0);
            double[] upper;
            if (distinct.length <= MAX_BINS) {
                upper = distinct;
            } else {
                upper = quantiles(column, zeros, distinct);
            }
            edges[f] = upper;
            binCount[f] = upper.length;
            zeroBin[f] = binOf(upper, 0.0);
            low[f] = new double[upper.length];
            high[f] = new double[upper.length];
            Arrays.fill(low[f], Double.POSITIVE_INFINITY);
            Arrays.fill(high[f], Double.NEGATIVE_INFINITY);
            for (double v : column) {
                int b = binOf(upper, v);
                low[f][b] = Math.min(low[f][b], v);
                high[f][b] = Math.max(high[f][b], v);
            }
            if (zeros > 0) {
                int b = zeroBin[f];
                low[f][b] = Math.min(low[f][b], 0);
                high[f][b] = Math.max(high[f][b], 0);
            }
        }
        int[][] ids = new int[n][];
        byte[][] bins = new byte[n][];
        for (int r = 0; r < n; r++) {
            int k = 0;
            long[] packed = new long[idx[r].length];
            for (int i = 0; i < idx[r].length; i++) {
                if (val[r][i] != 0) {
                    int f = idx[r][i];
                    packed[k++] = ((long) f << 32) | binOf(edges[f], val[r][i]);
                }
            }
            Arrays.sort(packed, 0, k);
            ids[r] = new int[k];
            bins[r] = new byte[k];
            for (int i = 0; i < k; i++) {
                ids[r][i] = (int) (packed[i] >>> 32);
                bins[r][i] = (byte) (packed[i] & 0xff);
            }
        }
        return new BinnedRows(features, ids, bins, zeroBin, binCount, low, high);
    }

    /** The sorted distinct values of a sorted column, with 0 added when some rows hold it. */
    private static double[] distinctWithZero(double[] sorted, boolean zero) {
        double[] out = new double[sorted.length + 1];
        int k = 0;
        boolean zeroPlaced = !zero;
        for (double v : sorted) {
            if (!zeroPlaced && v > 0) {
                out[k++] = 0;
                zeroPlaced = true;
            }
            if (k == 0 || out[k - 1] != v) {
                out[k++] = v;
            }
        }
        if (!zeroPlaced) {
            out[k++] = 0;
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * Bin upper bounds at the quantiles of the column (zeros counted), each a value that occurs,
     * at most {@value #MAX_BINS} of them, the largest value last.
     */
    private static double[] quantiles(double[] sorted, int zeros, double[] distinct) {
        int n = sorted.length + zeros;
        double[] out = new double[MAX_BINS];
        int k = 0;
        for (int q = 1; q <= MAX_BINS; q++) {
            long rank = Math.min(n - 1, (long) Math.ceil((double) q * n / MAX_BINS) - 1);
            double v = valueAtRank(sorted, zeros, (int) rank);
            if (k == 0 || out[k - 1] < v) {
                out[k++] = v;
            }
        }
        out[k - 1] = distinct[distinct.length - 1];
        return Arrays.copyOf(out, k);
    }

    /** The value at {@code rank} of the column with {@code zeros} zeros merged in. */
    private static double valueAtRank(double[] sorted, int zeros, int rank) {
        int negatives = 0;
        while (negatives < sorted.length && sorted[negatives] < 0) {
            negatives++;
        }
        if (rank < negatives) {
            return sorted[rank];
        }
        if (rank < negatives + zeros) {
            return 0;
        }
        return sorted[rank - zeros];
    }

    /** The first bin whose upper bound is at least v. */
    private static int binOf(double[] upper, double v) {
        int at = Arrays.binarySearch(upper, v);
        return at >= 0 ? at : Math.min(upper.length - 1, -at - 1);
    }

    int rows() {
        return ids.length;
    }

    int features() {
        return features;
    }

    int[] ids(int row) {
        return ids[row];
    }

    byte[] bins(int row) {
        return bins[row];
    }

    int zeroBin(int feature) {
        return zeroBin[feature];
    }

    int binCount(int feature) {
        return binCount[feature];
    }

    /** The bin of feature f in row r. */
    int bin(int row, int feature) {
        int at = Arrays.binarySearch(ids[row], feature);
        return at >= 0 ? bins[row][at] & 0xff : zeroBin[feature];
    }

    /** The value a split after bin b tests against: midway between bin b's largest value and the next occupied bin's smallest. */
    double threshold(int feature, int bin) {
        double below = high[feature][bin];
        for (int b = bin + 1; b < binCount[feature]; b++) {
            if (low[feature][b] != Double.POSITIVE_INFINITY) {
                double mid = below + (low[feature][b] - below) / 2;
                return mid < low[feature][b] ? mid : below; // adjacent doubles: the midpoint rounds up to the next value
            }
        }
        return below;
    }

    /** The smallest and largest value held in bin b of feature f (infinite when no row holds it). */
    double low(int feature, int bin) {
        return low[feature][bin];
    }

    double high(int feature, int bin) {
        return high[feature][bin];
    }
}
