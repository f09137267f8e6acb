package dev.mlx.runtime.models;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.RealInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * What a Tribuo {@link MutableDataset} of a feature matrix would know, computed from the matrix's
 * arrays without building the dataset: the feature map (a feature observed with at most 50 distinct
 * values is categorical, any other real, as {@link MutableFeatureMap} decides), the label domain
 * (ids in order of first appearance, as {@link MutableOutputInfo} assigns them) and the dataset's
 * provenance. A model trained from the matrix carries these, so it cannot be told from one trained on
 * the dataset.
 */
final class MatrixDomains {
    /** {@code CategoricalInfo.THRESHOLD}: more distinct values than this make a feature real. */
    private static final int CATEGORICAL_LIMIT = 50;

    private MatrixDomains() {
    }

    /**
     * The feature map of the features stored in {@code m}'s rows; {@code ids} receives, for each of the
     * matrix's feature indices, its Tribuo id (-1 when it never occurs). A non-finite value is refused
     * with the feature and row named, as {@link Datasets} does.
     */
    static ImmutableFeatureMap features(FeatureMatrix m, int[] ids) {
        return features(m, ids, false);
    }

    /**
     * As {@link #features(FeatureMatrix, int[])}; with {@code everyName}, every feature of the matrix is
     * in the map, seen in these rows or not (and a matrix without features gets the placeholder
     * {@code none} that {@link Datasets.Encoder} gives its rows): a row to predict whose only features
     * the training rows never had (a category seen only in another fold) is then scored with weights of
     * 0 instead of being refused by Tribuo. Without it the map is exactly a Tribuo dataset's.
     */
    static ImmutableFeatureMap features(FeatureMatrix m, int[] ids, boolean everyName) {
        int f = m.names().size();
        long[] count = new long[f];
        double[] mean = new double[f];
        double[] squares = new double[f];
        double[] min = new double[f];
        double[] max = new double[f];
        double[][] distinct = new double[f][];
        int[][] distinctCounts = new int[f][];
        int[] nDistinct = new int[f];
        boolean[] present = new boolean[f];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        int[][] indices = m.indices();
        double[][] values = m.values();
        for (int r = 0; r < indices.length; r++) {
            int[] idx = indices[r];
            double[] val = values[r];
            if (idx.length == 0 && f > 0) {
                // Datasets.Encoder gives a row without features the first feature, as 0; so does Tribuo's map,
                // or a fold of such rows would train a model that knows no feature and can score nothing
                present[0] = true;
            }
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                double v = val[k];
                if (!Double.isFinite(v)) {
                    throw new RunException("feature `" + m.names().get(j) + "` is " + (Double.isNaN(v) ? "missing (NaN)" : v)
                            + " in row " + Datasets.rowNumber(m, r) + "; impute or clip it in the features block");
                }
                present[j] = true;
                if (v == 0) {
                    continue; // Tribuo's infos count and summarise non-zero values only
                }
                long c = ++count[j];
                double delta = v - mean[j];
                mean[j] += delta / c;
                squares[j] += delta * (v - mean[j]);
                if (v < min[j]) {
                    min[j] = v;
                }
                if (v > max[j]) {
                    max[j] = v;
                }
                int n = nDistinct[j];
                if (n >= 0) {
                    nDistinct[j] = observeDistinct(distinct, distinctCounts, j, n, v);
                }
            }
        }
        List<VariableInfo> infos = new ArrayList<>();
        MutableFeatureMap categorical = new MutableFeatureMap();
        for (int j = 0; j < f; j++) {
            if (!present[j] && !everyName) {
                continue;
            }
            String name = m.names().get(j);
            if (count[j] == 0) {
                categorical.add(name, 0); // stored but only ever 0: Tribuo keeps it, with no observations
                infos.add(categorical.get(name));
            } else if (nDistinct[j] < 0) {
                infos.add(new RealInfo(name, (int) count[j], max[j], min[j], mean[j], squares[j]));
            } else {
                for (int d = 0; d < nDistinct[j]; d++) {
                    for (int c = 0; c < distinctCounts[j][d]; c++) {
                        categorical.add(name, distinct[j][d]);
                    }
                }
                infos.add(categorical.get(name));
            }
        }
        if (f == 0) { // as a Tribuo dataset of the rows Datasets.Encoder makes: each has the placeholder `none`
            categorical.add("none", 0);
            infos.add(categorical.get("none"));
        }
        ImmutableFeatureMap map = new ImmutableFeatureMap(infos);
        for (int j = 0; j < f; j++) {
            ids[j] = present[j] || everyName ? map.getID(m.names().get(j)) : -1;
        }
        return map;
    }

    /** Records {@code v} among feature j's distinct values; returns the new number, or -1 once past the limit. */
    private static int observeDistinct(double[][] distinct, int[][] counts, int j, int n, double v) {
        double[] seen = distinct[j];
        for (int d = 0; d < n; d++) {
            if (Double.compare(seen[d], v) == 0) {
                counts[j][d]++;
                return n;
            }
        }
        if (n == CATEGORICAL_LIMIT) {
            distinct[j] = null;
            counts[j] = null;
            return -1;
        }
        if (seen == null || seen.length == n) {
            int size = seen == null ? 4 : Math.min(CATEGORICAL_LIMIT, n * 2);
            distinct[j] = seen = seen == null ? new double[size] : java.util.Arrays.copyOf(seen, size);
            counts[j] = counts[j] == null ? new int[size] : java.util.Arrays.copyOf(counts[j], size);
        }
        seen[n] = v;
        counts[j][n] = 1;
        return n + 1;
    }

    /** The label domain of {@code m}'s rows, and in {@code ids} each row's label id. */
    /** The output id of each example's label, by the dataset's own output domain, in row order. */
    static int[] labels(Dataset<Label> examples) {
        ImmutableOutputInfo<Label> labels = examples.getOutputIDInfo();
        int[] y = new int[examples.size()];
        int r = 0;
        for (Example<Label> e : examples) {
            y[r++] = labels.getID(e.getOutput());
        }
        return y;
    }

    static ImmutableOutputInfo<Label> labels(FeatureMatrix m, int[] ids) {
        if (m.labels() == null) {
            throw new RunException("the rows carry no target labels to train a classifier on");
        }
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        Map<String, Label> interned = new HashMap<>();
        String[] labels = m.labels();
        for (int r = 0; r < labels.length; r++) {
            String s = labels[r];
            if (s == null) {
                throw new RunException("row " + Datasets.rowNumber(m, r) + " has no target value");
            }
            info.observe(interned.computeIfAbsent(s, Label::new));
        }
        ImmutableOutputInfo<Label> domain = info.generateImmutableOutputInfo();
        Map<String, Integer> byName = new HashMap<>();
        interned.forEach((s, label) -> byName.put(s, domain.getID(label)));
        for (int r = 0; r < labels.length; r++) {
            ids[r] = byName.get(labels[r]);
        }
        return domain;
    }

    /** The provenance a {@code MutableDataset} of these rows would have (Datasets names the source the same way). */
    static DatasetProvenance provenance(String what, int rows, int features, int outputs) {
        return new MatrixProvenance(new SimpleDataSourceProvenance("mlx " + what + " rows", new LabelFactory()),
                rows, features, outputs);
    }

    /** A dataset provenance for rows that were never a Tribuo dataset; Tribuo reloads it by this class's map constructor. */
    public static final class MatrixProvenance extends DatasetProvenance {
        private static final long serialVersionUID = 1L;

        MatrixProvenance(SimpleDataSourceProvenance source, int rows, int features, int outputs) {
            super(source, new ListProvenance<>(), MutableDataset.class.getName(), false, false, rows, features, outputs);
        }

        public MatrixProvenance(Map<String, Provenance> map) {
            super(map);
        }
    }
}
