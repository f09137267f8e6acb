package dev.mlx.runtime.models;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Tribuo datasets and examples from feature matrices. Feature names are taken once from the matrix
 * (every example shares the same String instances) and each row's (index, value) pairs are put in
 * Tribuo's name order with a precomputed rank, so building a dataset does no string work per cell.
 * An absent feature means 0 (Tribuo is sparse); NaN is refused with the feature and row named.
 */
public final class Datasets {
    /** The name of the single regression dimension. */
    public static final String TARGET = "target";

    private static final LabelFactory LABELS = new LabelFactory();
    private static final RegressionFactory REGRESSORS = new RegressionFactory();
    private static final ClusteringFactory CLUSTERS = new ClusteringFactory();

    private Datasets() {
    }

    /** The dataset for a task: labels, regression targets, or unassigned cluster ids. */
    public static MutableDataset<?> dataset(FeatureMatrix m, Task task) {
        return switch (task) {
            case CLASSIFICATION -> classification(m);
            case REGRESSION -> regression(m);
            case CLUSTERING -> clustering(m);
        };
    }

    public static MutableDataset<Label> classification(FeatureMatrix m) {
        if (m.labels() == null) {
            throw new RunException("the rows carry no target labels to train a classifier on");
        }
        Map<String, Label> interned = new HashMap<>();
        return build(m, LABELS, "classification", i -> {
            String s = m.labels()[i];
            if (s == null) {
                throw new RunException("row " + rowNumber(m, i) + " has no target value");
            }
            return interned.computeIfAbsent(s, Label::new);
        });
    }

    public static MutableDataset<Regressor> regression(FeatureMatrix m) {
        if (m.targets() == null) {
            throw new RunException("the rows carry no numeric target to train a regression on");
        }
        return build(m, REGRESSORS, "regression", i -> {
            double y = m.targets()[i];
            if (Double.isNaN(y) || Double.isInfinite(y)) {
                throw new RunException("row " + rowNumber(m, i) + " has no usable target value (" + y + ")");
            }
            return new Regressor(TARGET, y);
        });
    }

    public static MutableDataset<ClusterID> clustering(FeatureMatrix m) {
        return build(m, CLUSTERS, "clustering", i -> ClusteringFactory.UNASSIGNED_CLUSTER_ID);
    }

    private interface OutputOf<T> {
        T at(int row);
    }

    private static <T extends Output<T>> MutableDataset<T> build(FeatureMatrix m, OutputFactory<T> factory, String what,
                                                                 OutputOf<T> output) {
        MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance("mlx " + what + " rows", factory), factory);
        Encoder enc = new Encoder(m.names());
        for (int i = 0; i < m.rows(); i++) {
            ds.add(enc.example(m, i, output.at(i)));
        }
        return ds;
    }

    /** An encoder for the feature names of a pipeline, to build single examples repeatedly. */
    public static Encoder encoder(List<String> names) {
        return new Encoder(names);
    }

    /**
     * Turns matrix rows into Tribuo examples. Built once per feature-name list (for prediction, once
     * per fitted pipeline) and reused: it holds the names as an array and their rank in Tribuo's
     * lexicographic feature order.
     */
    public static final class Encoder {
        private final List<String> namesList;
        private final String[] names;
        private final int[] rank;

        Encoder(List<String> names) {
            this.namesList = names;
            this.names = names.toArray(new String[0]);
            Integer[] order = new Integer[this.names.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> this.names[a].compareTo(this.names[b]));
            this.rank = new int[order.length];
            for (int r = 0; r < order.length; r++) {
                rank[order[r]] = r;
            }
        }

        /** Row {@code row} of {@code m} (whose names must be this encoder's) as an example with {@code output}. */
        public <T extends Output<T>> Example<T> example(FeatureMatrix m, int row, T output) {
            if (m.names() != namesList && !m.names().equals(namesList)) {
                throw new IllegalArgumentException("the matrix has other features than this encoder");
            }
            int[] idx = m.indices()[row];
            double[] val = m.values()[row];
            int n = idx.length;
            if (n == 0) {
                // Tribuo refuses an example without features; an explicit zero means the same as absence
                return new ArrayExample<>(output, new String[] {names.length == 0 ? "none" : names[0]}, new double[] {0});
            }
            long[] keys = new long[n];
            for (int j = 0; j < n; j++) {
                double v = val[j];
                if (!Double.isFinite(v)) {
                    throw new RunException("feature `" + names[idx[j]] + "` is " + (Double.isNaN(v) ? "missing (NaN)" : v)
                            + " in row " + rowNumber(m, row) + "; impute or clip it in the features block");
                }
                keys[j] = ((long) rank[idx[j]] << 32) | j;
            }
            Arrays.sort(keys);
            String[] ns = new String[n];
            double[] vs = new double[n];
            for (int j = 0; j < n; j++) {
                int from = (int) keys[j];
                ns[j] = names[idx[from]];
                vs[j] = val[from];
            }
            return new ArrayExample<>(output, ns, vs);
        }

        /** An example for prediction: the output is the unknown value of the task. */
        public Example<?> example(FeatureMatrix m, int row, Task task) {
            return switch (task) {
                case CLASSIFICATION -> example(m, row, LabelFactory.UNKNOWN_LABEL);
                case REGRESSION -> example(m, row, RegressionFactory.UNKNOWN_REGRESSOR);
                case CLUSTERING -> example(m, row, ClusteringFactory.UNASSIGNED_CLUSTER_ID);
            };
        }
    }

    /** The 1-based row number in the table the matrix came from, for messages. */
    static int rowNumber(FeatureMatrix m, int i) {
        return (m.rowIds() == null ? i : m.rowIds()[i]) + 1;
    }

    /** Row {@code row} of {@code m} as an example to predict, for a model trained on {@code task}. */
    public static Example<?> example(FeatureMatrix m, int row, Task task) {
        return new Encoder(m.names()).example(m, row, task);
    }
}
