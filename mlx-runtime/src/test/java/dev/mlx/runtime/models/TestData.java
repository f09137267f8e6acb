package dev.mlx.runtime.models;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small synthetic tables and a standardising pipeline stub for the runtime tests. */
public final class TestData {
    private TestData() {
    }

    /**
     * Classes "a", "b" (and "c" when {@code classes == 3}) around separated centres in (x1, x2), plus
     * a noise column x3 and a category column "group"; column "id" numbers the rows from 0.
     */
    public static Table classification(int rows, int classes, long seed) {
        Random rnd = new Random(seed);
        IntColumn id = IntColumn.create("id");
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn x3 = DoubleColumn.create("x3");
        StringColumn group = StringColumn.create("group");
        StringColumn label = StringColumn.create("label");
        double[][] centres = {{0, 0}, {3, 3}, {0, 4}};
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            id.append(i);
            x1.append(centres[c][0] + rnd.nextGaussian());
            x2.append(centres[c][1] + rnd.nextGaussian());
            x3.append(rnd.nextGaussian());
            group.append(rnd.nextBoolean() ? "north" : "south");
            label.append(String.valueOf((char) ('a' + c)));
        }
        return Table.create("classification", id, x1, x2, x3, group, label);
    }

    /** y = 1000 + 30 x1 - 20 x2 + noise: a target far from 0, so an uncentred SGD fit would miss it. */
    public static Table regression(int rows, long seed) {
        Random rnd = new Random(seed);
        IntColumn id = IntColumn.create("id");
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn x3 = DoubleColumn.create("x3");
        StringColumn group = StringColumn.create("group");
        DoubleColumn y = DoubleColumn.create("y");
        for (int i = 0; i < rows; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            id.append(i);
            x1.append(a);
            x2.append(b);
            x3.append(rnd.nextGaussian());
            group.append(rnd.nextBoolean() ? "north" : "south");
            y.append(1000 + 30 * a - 20 * b + rnd.nextGaussian());
        }
        return Table.create("regression", id, x1, x2, x3, group, y);
    }

    /** Three tight blobs in (x1, x2); "label" names the blob. */
    public static Table blobs(int rows, long seed) {
        Random rnd = new Random(seed);
        IntColumn id = IntColumn.create("id");
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn label = StringColumn.create("label");
        double[][] centres = {{0, 0}, {10, 10}, {0, 10}};
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            id.append(i);
            x1.append(centres[c][0] + 0.5 * rnd.nextGaussian());
            x2.append(centres[c][1] + 0.5 * rnd.nextGaussian());
            label.append("blob" + c);
        }
        return Table.create("blobs", id, x1, x2, label);
    }

    /**
     * Standardises the numeric feature columns with the mean and sd of the rows it was fitted on;
     * the target column fills labels (classification, clustering) or targets (regression).
     */
    public static final class Pipeline implements FittedPipeline {
        private static final long serialVersionUID = 1L;
        private final List<String> columns;
        private final String target;
        private final Task task;
        private final double[] mean;
        private final double[] sd;

        public Pipeline(Table fitOn, List<String> columns, String target, Task task) {
            this.columns = List.copyOf(columns);
            this.target = target;
            this.task = task;
            mean = new double[columns.size()];
            sd = new double[columns.size()];
            for (int j = 0; j < columns.size(); j++) {
                NumericColumn<?> c = fitOn.numberColumn(columns.get(j));
                mean[j] = c.mean();
                double s = c.standardDeviation();
                sd[j] = s > 0 ? s : 1;
            }
        }

        /** The fitter for the evaluator. */
        public static java.util.function.Function<Table, FittedPipeline> fitter(List<String> columns, String target, Task task) {
            return t -> new Pipeline(t, columns, target, task);
        }

        @Override
        public FeatureMatrix transform(Table table) {
            int n = table.rowCount();
            int[][] idx = new int[n][];
            double[][] val = new double[n][];
            int[] rowIds = new int[n];
            for (int i = 0; i < n; i++) {
                List<Integer> is = new ArrayList<>();
                List<Double> vs = new ArrayList<>();
                for (int j = 0; j < columns.size(); j++) {
                    double v = (table.numberColumn(columns.get(j)).getDouble(i) - mean[j]) / sd[j];
                    if (v != 0) {
                        is.add(j);
                        vs.add(v);
                    }
                }
                idx[i] = is.stream().mapToInt(Integer::intValue).toArray();
                val[i] = vs.stream().mapToDouble(Double::doubleValue).toArray();
                rowIds[i] = i;
            }
            String[] labels = null;
            double[] targets = null;
            if (target != null && table.containsColumn(target)) {
                if (task == Task.REGRESSION) {
                    targets = new double[n];
                    for (int i = 0; i < n; i++) {
                        targets[i] = table.numberColumn(target).getDouble(i);
                    }
                } else {
                    labels = new String[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = table.column(target).getString(i);
                    }
                }
            }
            return new FeatureMatrix(featureNames(), idx, val, labels, targets, rowIds);
        }

        @Override
        public List<String> featureNames() {
            return columns;
        }

        @Override
        public List<String> inputColumns() {
            return columns;
        }
    }
}
