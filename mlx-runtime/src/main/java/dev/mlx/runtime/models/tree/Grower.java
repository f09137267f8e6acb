package dev.mlx.runtime.models.tree;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one tree on binned rows, depth first. At each node it builds, in one pass over the node's
 * rows, the histograms of the features the split considers (a row adds its weight, and its class or
 * its target, to the bin of each of its non-zero values; the zero bin gets the rest), then scans the
 * bins for the split that leaves the least impurity: Gini for classes, squared error for numbers, as
 * scikit-learn's trees do. When none of the drawn features can split the node, more are drawn, as
 * scikit-learn does. Splits on ties go to the first feature drawn and the lowest bin.
 */
final class Grower {
    private final BinnedRows data;
    /** Class id per row (classification), or null. */
    private final int[] classes;
    /** Target per row (regression), or null. */
    private final double[] targets;
    private final int width;
    private final TreeSettings settings;
    private final int perSplit;

    Grower(BinnedRows data, int[] classes, int classCount, double[] targets, TreeSettings settings) {
        this.data = data;
        this.classes = classes;
        this.targets = targets;
        this.width = classes != null ? classCount : 2; // class weights, or (weight, weighted sum)
        this.settings = settings;
        this.perSplit = settings.featuresPerSplit(data.features(), classes != null);
    }

    /** One tree on the rows with weights {@code weight} (bootstrap counts, or all 1), drawing from {@code rng}. */
    GrownTree grow(double[] weight, SplittableRandom rng) {
        int n = data.rows();
        int[] order = new int[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (weight[r] > 0) {
                order[m++] = r;
            }
        }
        GrownTree tree = new GrownTree(width);
        int features = data.features();
        int[] drawn = new int[features];
        for (int f = 0; f < features; f++) {
            drawn[f] = f;
        }
        int[] slot = new int[features];
        Arrays.fill(slot, -1);
        double[][][] hist = new double[perSplit][BinnedRows.MAX_BINS][]; // a bin's row allocated when first touched
        int[][] touched = new int[perSplit][BinnedRows.MAX_BINS];
        boolean[][] marked = new boolean[perSplit][BinnedRows.MAX_BINS];
        Work work = new Work(order, weight, drawn, slot, hist, touched, new int[perSplit], marked, rng);
        grow(tree, 0, work, 0, m, 0);
        return tree;
    }

    /**
     * A tree's scratch space. Per slot (a feature being considered): the histogram, and the bins the
     * node's rows touched ({@code touched[s][0..count[s]]}, {@code marked} beside it), so a small
     * node costs its rows, not the 256 bins.
     */
    private record Work(int[] order, double[] weight, int[] drawn, int[] slot, double[][][] hist, int[][] touched,
                        int[] count, boolean[][] marked, SplittableRandom rng) {
        void touch(int s, int bin, int width) {
            if (hist[s][bin] == null) {
                hist[s][bin] = new double[width];
            }
            if (!marked[s][bin]) {
                marked[s][bin] = true;
                touched[s][count[s]++] = bin;
            }
        }

        /** Zeroes the histogram bins slot s touched and forgets them. */
        void clear(int s) {
            for (int k = 0; k < count[s]; k++) {
                int b = touched[s][k];
                Arrays.fill(hist[s][b], 0);
                marked[s][b] = false;
            }
            count[s] = 0;
        }
    }

    private void grow(GrownTree tree, int node, Work w, int lo, int hi, int depth) {
        double[] total = new double[width];
        for (int i = lo; i < hi; i++) {
            add(total, w.order[i], w.weight[w.order[i]], 1);
        }
        double weight = weightOf(total);
        double impurity = impurity(total, weight, w, lo, hi);
        tree.setNode(node, total, impurity);
        if (depth >= settings.maxDepth() || weight < 2 * Math.max(settings.minLeafWeight(), Double.MIN_VALUE)
                || hi - lo < 2 || impurity <= 1e-12 * Math.max(1, weight)) {
            return;
        }
        Split best = bestSplit(w, lo, hi, total, weight);
        if (best == null) {
            return;
        }
        int mid = partition(w, lo, hi, best.feature, best.bin);
        int left = tree.addChild();
        int right = tree.addChild();
        tree.split(node, best.feature, data.threshold(best.feature, best.bin), left, right);
        grow(tree, left, w, lo, mid, depth + 1);
        grow(tree, right, w, mid, hi, depth + 1);
    }

    private record Split(int feature, int bin, double score) {
    }

    private Split bestSplit(Work w, int lo, int hi, double[] total, double weight) {
        int features = data.features();
        int drawnSoFar = 0;
        Split best = null;
        while (best == null && drawnSoFar < features) {
            int batch = Math.min(perSplit, features - drawnSoFar);
            for (int s = 0; s < batch; s++) { // partial Fisher-Yates: the next feature at random
                int j = drawnSoFar + s + w.rng.nextInt(features - drawnSoFar - s);
                int t = w.drawn[drawnSoFar + s];
                w.drawn[drawnSoFar + s] = w.drawn[j];
                w.drawn[j] = t;
                int f = w.drawn[drawnSoFar + s];
                w.slot[f] = s;
            }
            double[][] seen = new double[batch][width];
            for (int i = lo; i < hi; i++) {
                int r = w.order[i];
                double rw = w.weight[r];
                int[] ids = data.ids(r);
                byte[] bins = data.bins(r);
                for (int k = 0; k < ids.length; k++) {
                    int s = w.slot[ids[k]];
                    if (s >= 0) {
                        int b = bins[k] & 0xff;
                        w.touch(s, b, width);
                        add(w.hist[s][b], r, rw, 1);
                        add(seen[s], r, rw, 1);
                    }
                }
            }
            for (int s = 0; s < batch; s++) {
                int f = w.drawn[drawnSoFar + s];
                if (weight - weightOf(seen[s]) > 1e-9 * weight) { // some rows hold 0
                    w.touch(s, data.zeroBin(f), width);
                    double[] zero = w.hist[s][data.zeroBin(f)];
                    for (int c = 0; c < width; c++) {
                        zero[c] += total[c] - seen[s][c];
                    }
                }
                int[] occupied = Arrays.copyOf(w.touched[s], w.count[s]);
                Arrays.sort(occupied);
                Split candidate = settings.randomSplits() ? randomSplit(f, w.hist[s], occupied, total, weight, w.rng)
                        : bestSplitOf(f, w.hist[s], occupied, total, weight);
                if (candidate != null && (best == null || candidate.score > best.score)) {
                    best = candidate;
                }
            }
            for (int s = 0; s < batch; s++) {
                w.slot[w.drawn[drawnSoFar + s]] = -1;
                w.clear(s);
            }
            drawnSoFar += batch;
        }
        return best;
    }

    /**
     * The best cut of feature f between two of the node's occupied bins (ascending): the largest sum
     * over both sides of (class weights squared, or the sum squared) / weight.
     */
    private Split bestSplitOf(int f, double[][] h, int[] occupied, double[] total, double weight) {
        double[] left = new double[width];
        Split best = null;
        for (int k = 0; k < occupied.length - 1; k++) {
            int b = occupied[k];
            for (int c = 0; c < width; c++) {
                left[c] += h[b][c];
            }
            double lw = weightOf(left);
            double rw = weight - lw;
            if (lw < settings.minLeafWeight() || rw < settings.minLeafWeight() || lw <= 0 || rw <= 1e-12 * weight) {
                continue;
            }
            double score = proxy(left, lw) + proxyOfRest(total, left, rw);
            if (best == null || score > best.score) {
                best = new Split(f, b, score);
            }
        }
        return best;
    }

    /** Extra trees: one cut of feature f drawn uniformly between the node's smallest and largest value. */
    private Split randomSplit(int f, double[][] h, int[] occupied, double[] total, double weight, SplittableRandom rng) {
        if (occupied.length < 2) {
            return null; // constant in this node
        }
        int first = occupied[0];
        int last = occupied[occupied.length - 1];
        double lowest = data.low(f, first);
        double highest = data.high(f, last);
        double u = lowest + rng.nextDouble() * (highest - lowest);
        int cut = 0; // the last occupied bin (but the last) whose values all lie at or below u; at least the first
        for (int k = 0; k < occupied.length - 1; k++) {
            if (data.high(f, occupied[k]) <= u) {
                cut = k;
            }
        }
        double[] left = new double[width];
        for (int k = 0; k <= cut; k++) {
            for (int c = 0; c < width; c++) {
                left[c] += h[occupied[k]][c];
            }
        }
        double lw = weightOf(left);
        double rw = weight - lw;
        if (lw < settings.minLeafWeight() || rw < settings.minLeafWeight() || lw <= 0 || rw <= 1e-12 * weight) {
            return null;
        }
        return new Split(f, occupied[cut], proxy(left, lw) + proxyOfRest(total, left, rw));
    }

    private double proxy(double[] stats, double weight) {
        if (classes != null) {
            double sum = 0;
            for (double v : stats) {
                sum += v * v;
            }
            return sum / weight;
        }
        return stats[1] * stats[1] / weight;
    }

    private double proxyOfRest(double[] total, double[] left, double weight) {
        if (classes != null) {
            double sum = 0;
            for (int c = 0; c < width; c++) {
                double v = total[c] - left[c];
                sum += v * v;
            }
            return sum / weight;
        }
        double s = total[1] - left[1];
        return s * s / weight;
    }

    /** Gini impurity of the class weights, or the mean squared error of the targets (one more pass). */
    private double impurity(double[] total, double weight, Work w, int lo, int hi) {
        if (weight <= 0) {
            return 0;
        }
        if (classes != null) {
            double sum = 0;
            for (double v : total) {
                sum += (v / weight) * (v / weight);
            }
            return 1 - sum;
        }
        double mean = total[1] / weight;
        double sse = 0;
        for (int i = lo; i < hi; i++) {
            int r = w.order[i];
            double d = targets[r] - mean;
            sse += w.weight[r] * d * d;
        }
        return sse / weight;
    }

    private void add(double[] stats, int row, double weight, int sign) {
        if (classes != null) {
            stats[classes[row]] += sign * weight;
        } else {
            stats[0] += sign * weight;
            stats[1] += sign * weight * targets[row];
        }
    }

    private double weightOf(double[] stats) {
        if (classes != null) {
            double sum = 0;
            for (double v : stats) {
                sum += v;
            }
            return sum;
        }
        return stats[0];
    }

    /** Moves the rows with the feature's bin at most {@code bin} to the front of [lo, hi); returns where the rest start. */
    private int partition(Work w, int lo, int hi, int feature, int bin) {
        int i = lo;
        int j = hi - 1;
        while (i <= j) {
            if (data.bin(w.order[i], feature) <= bin) {
                i++;
            } else {
                int t = w.order[i];
                w.order[i] = w.order[j];
                w.order[j--] = t;
            }
        }
        return i;
    }
}
