package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code onehot} (and the automatic encoding of categories left at the end): one 0/1 feature
 * {@code column@value} per category kept from the training rows, plus {@code column@other} for
 * categories dropped by {@code top}/{@code min} or first seen later. A missing value sets none.
 * {@code column@other} is always present so every table has the same features; it is all zeros
 * in training when nothing was dropped.
 */
final class OneHot implements FittedStep {
    private static final long serialVersionUID = 1L;
    static final String OTHER = "other";

    private final boolean auto;
    private final int top;
    private final int min;
    private final Group[] groups;

    private OneHot(boolean auto, int top, int min, Group[] groups) {
        this.auto = auto;
        this.top = top;
        this.min = min;
        this.groups = groups;
    }

    /** What one column keeps. Categories are text; numbers is set (sorted) for numeric columns. */
    private static final class Group implements Serializable {
        private static final long serialVersionUID = 1L;
        final String column;
        final String[] kept;
        final int[] keptCounts;
        final double[] numbers;
        final int seen;
        final int otherCount;
        private transient volatile Map<String, Integer> index;
        private transient volatile String[] names;

        Group(String column, String[] kept, int[] keptCounts, double[] numbers, int seen, int otherCount) {
            this.column = column;
            this.kept = kept;
            this.keptCounts = keptCounts;
            this.numbers = numbers;
            this.seen = seen;
            this.otherCount = otherCount;
        }

        /** Built once: a one-row prediction should not concatenate a string per category. */
        String[] names() {
            String[] n = names;
            if (n == null) {
                n = new String[kept.length + 1];
                for (int k = 0; k < kept.length; k++) {
                    n[k] = column + "@" + kept[k];
                }
                n[kept.length] = column + "@" + OTHER;
                names = n;
            }
            return n;
        }

        Map<String, Integer> index() {
            Map<String, Integer> m = index;
            if (m == null) {
                m = new HashMap<>();
                for (int k = 0; k < kept.length; k++) {
                    m.put(kept[k], k);
                }
                index = m;
            }
            return m;
        }
    }

    /**
     * Fits on {@code columns}: the {@code top} most frequent categories (0: all) seen at least
     * {@code min} times; {@code auto} for the categories no step encoded.
     */
    static OneHot fit(List<String> columns, int top, int min, boolean auto, Frame frame) {
        Col[] cols = new Col[columns.size()];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = frame.get(columns.get(c), "onehot");
            if (!(cols[c] instanceof Col.Cat) && !(cols[c] instanceof Col.Num)) {
                throw FittedStep.wrongType(columns.get(c), cols[c], "onehot", "categories");
            }
        }
        Group[] groups = new Group[cols.length];
        ColumnMath.parallel(cols.length, (long) cols.length * frame.rows, c -> groups[c] = cols[c] instanceof Col.Cat cat
                ? fitCategories(columns.get(c), cat, top, min)
                : fitNumbers(columns.get(c), ((Col.Num) cols[c]).v(), top, min));
        return new OneHot(auto, top, min, groups);
    }

    /**
     * The step with categories kept elsewhere (another engine), in any order: a column that holds
     * numbers in {@code frame} keeps them as numbers, as {@link #fit} would.
     */
    static OneHot learned(boolean auto, int top, int min, List<FeaturesLearned.Encoded> encoded, Frame frame) {
        Group[] groups = new Group[encoded.size()];
        for (int g = 0; g < groups.length; g++) {
            FeaturesLearned.Encoded e = encoded.get(g);
            Col col = frame.get(e.column(), "onehot");
            Integer[] order = new Integer[e.categories().size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            double[] numbers = null;
            if (col instanceof Col.Num) {
                double[] parsed = new double[order.length];
                for (int k = 0; k < order.length; k++) {
                    try {
                        parsed[k] = Double.parseDouble(e.categories().get(k));
                    } catch (NumberFormatException x) {
                        throw new RunException("cannot rebuild the one-hot encoding of `" + e.column() + "`: its category `"
                                + e.categories().get(k) + "` is not a number, and the column holds numbers");
                    }
                }
                Arrays.sort(order, Comparator.comparingDouble(k -> parsed[k]));
                numbers = new double[order.length];
                for (int k = 0; k < order.length; k++) {
                    numbers[k] = parsed[order[k]];
                }
            } else if (col instanceof Col.Cat cat && cat.ordered()) {
                List<String> levels = Arrays.asList(cat.levels());
                Arrays.sort(order, Comparator.comparingInt(k -> levels.indexOf(e.categories().get(k))));
            } else if (col instanceof Col.Cat) {
                Arrays.sort(order, Comparator.comparing(k -> e.categories().get(k)));
            } else {
                throw FittedStep.wrongType(e.column(), col, "onehot", "categories");
            }
            String[] kept = new String[order.length];
            int[] counts = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                kept[k] = numbers != null ? ColumnMath.text(numbers[k]) : e.categories().get(order[k]);
                counts[k] = e.counts().get(order[k]);
            }
            groups[g] = new Group(e.column(), kept, counts, numbers, e.seen(), e.otherRows());
        }
        return new OneHot(auto, top, min, groups);
    }

    private static Group fitCategories(String column, Col.Cat cat, int top, int min) {
        int[] counts = cat.counts();
        List<Integer> candidates = new ArrayList<>();
        int seen = 0;
        for (int l = 0; l < counts.length; l++) {
            if (counts[l] > 0) {
                seen++;
                if (counts[l] >= min && !cat.levels()[l].equals(OTHER)) {
                    candidates.add(l);
                }
            }
        }
        String[] levels = cat.levels();
        if (top > 0 && candidates.size() > top) {
            candidates.sort(Comparator.<Integer>comparingInt(l -> -counts[l]).thenComparing(l -> levels[l]));
            candidates = new ArrayList<>(candidates.subList(0, top));
        }
        if (cat.ordered()) {
            candidates.sort(Comparator.naturalOrder());
        } else {
            candidates.sort(Comparator.comparing(l -> levels[l]));
        }
        String[] kept = new String[candidates.size()];
        int[] keptCounts = new int[kept.length];
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        for (int k = 0; k < kept.length; k++) {
            kept[k] = levels[candidates.get(k)];
            keptCounts[k] = counts[candidates.get(k)];
            total -= keptCounts[k];
        }
        return new Group(column, kept, keptCounts, null, seen, (int) total);
    }

    private static Group fitNumbers(String column, double[] v, int top, int min) {
        double[] sorted = ColumnMath.sorted(v);
        List<double[]> runs = new ArrayList<>(); // {value, count}
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            runs.add(new double[] {sorted[i], j - i});
            i = j;
        }
        int seen = runs.size();
        List<double[]> candidates = new ArrayList<>();
        for (double[] r : runs) {
            if (r[1] >= min) {
                candidates.add(r);
            }
        }
        if (top > 0 && candidates.size() > top) {
            candidates.sort(Comparator.<double[]>comparingDouble(r -> -r[1]).thenComparingDouble(r -> r[0]));
            candidates = new ArrayList<>(candidates.subList(0, top));
            candidates.sort(Comparator.comparingDouble(r -> r[0]));
        }
        double[] numbers = new double[candidates.size()];
        String[] kept = new String[numbers.length];
        int[] keptCounts = new int[numbers.length];
        int other = sorted.length;
        for (int k = 0; k < numbers.length; k++) {
            numbers[k] = candidates.get(k)[0];
            kept[k] = ColumnMath.text(numbers[k]);
            keptCounts[k] = (int) candidates.get(k)[1];
            other -= keptCounts[k];
        }
        return new Group(column, kept, keptCounts, numbers, seen, other);
    }

    @Override
    public void apply(Frame frame) {
        Col[] cols = new Col[groups.length];
        for (int g = 0; g < groups.length; g++) {
            cols[g] = frame.get(groups[g].column, "onehot");
        }
        Col.OneHot[] out = new Col.OneHot[groups.length];
        ColumnMath.parallel(groups.length, (long) groups.length * frame.rows, g -> out[g] = encode(groups[g], cols[g]));
        for (int g = 0; g < groups.length; g++) {
            frame.set(groups[g].column, out[g]);
        }
    }

    private static Col.OneHot encode(Group group, Col col) {
        int other = group.kept.length;
        int[] slot;
        if (col instanceof Col.Cat cat) {
            Map<String, Integer> index = group.index();
            int[] levelSlot = new int[cat.levels().length];
            for (int l = 0; l < levelSlot.length; l++) {
                levelSlot[l] = index.getOrDefault(cat.levels()[l], other);
            }
            int[] codes = cat.codes();
            slot = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                slot[i] = codes[i] < 0 ? -1 : levelSlot[codes[i]];
            }
        } else if (col instanceof Col.Num num && group.numbers != null) {
            double[] v = num.v();
            slot = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    slot[i] = -1;
                } else {
                    int k = Arrays.binarySearch(group.numbers, v[i]);
                    slot[i] = k >= 0 ? k : other;
                }
            }
        } else {
            throw FittedStep.wrongType(group.column, col, "onehot", "categories");
        }
        return new Col.OneHot(group.names(), slot);
    }

    @Override
    public FeaturesLearned.Step describe() {
        List<FeaturesLearned.Encoded> cols = new ArrayList<>();
        for (Group g : groups) {
            List<Integer> counts = new ArrayList<>();
            for (int c : g.keptCounts) {
                counts.add(c);
            }
            cols.add(new FeaturesLearned.Encoded(g.column, List.of(g.kept), counts, g.seen, g.otherCount));
        }
        return new FeaturesLearned.OneHot("onehot", auto ? true : null, top > 0 ? top : null, min > 1 ? min : null, cols);
    }
}
