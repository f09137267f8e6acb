package dev.mlx.runtime.explain;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.result.ModelExplanations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Partial dependence: the column is set to each of up to {@link #POINTS} quantiles of its holdout
 * values, on every holdout row at once, and the model's average answer is recorded — the
 * probability of the positive class (else the first class; the share predicted as that class when
 * the model gives no probabilities), or the predicted value for regression.
 */
final class Dependence {
    static final int POINTS = 20;

    private Dependence() {
    }

    static ModelExplanations.Dependence result(Predictor p, Table test, String column, String positive) {
        if (p.task == Task.CLUSTERING) {
            return reason(column, "partial dependence needs a classification or regression model");
        }
        if (!test.containsColumn(column) || !p.pipeline.inputColumns().contains(column)) {
            return reason(column, "`" + column + "` is not an input column of the model");
        }
        if (!(test.column(column) instanceof NumericColumn<?> numeric)) {
            return reason(column, "`" + column + "` is not numeric");
        }
        double[] grid = grid(numeric);
        if (grid.length == 0) {
            return reason(column, "`" + column + "` has no values in the holdout");
        }
        String cls = null;
        int c = -1;
        if (p.task == Task.CLASSIFICATION) {
            cls = positive != null && p.classes.contains(positive) ? positive : p.classes.get(0);
            c = p.classes.indexOf(cls);
        }
        String output = cls == null ? "value" : "p(" + cls + ")";
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (double v : grid) {
            Table t = dev.mlx.runtime.data.Tables.withColumn(test, constant(test.column(column), v, test.rowCount()));
            Predictor.Preds preds = p.predict(t);
            double sum = 0;
            for (int i = 0; i < preds.rows(); i++) {
                sum += cls == null ? preds.values()[i] : preds.probs() != null ? preds.probs()[i][c]
                        : cls.equals(preds.labels()[i]) ? 1 : 0;
            }
            xs.add(v);
            ys.add(Json.num(preds.rows() == 0 ? Double.NaN : sum / preds.rows()));
        }
        return new ModelExplanations.Dependence(column, output, xs, ys, null);
    }

    private static ModelExplanations.Dependence reason(String column, String why) {
        return new ModelExplanations.Dependence(column, null, null, null, why);
    }

    /** Distinct quantiles 0, 1/19, ..., 1 of the non-missing values (nearest rank), rounded for integer columns. */
    static double[] grid(NumericColumn<?> col) {
        List<Double> present = new ArrayList<>();
        for (int i = 0; i < col.size(); i++) {
            if (!col.isMissing(i)) {
                present.add(col.getDouble(i));
            }
        }
        double[] v = present.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        if (v.length == 0) {
            return v;
        }
        boolean integral = !(col instanceof DoubleColumn || col instanceof FloatColumn);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            double x = v[(int) Math.round((double) i / (POINTS - 1) * (v.length - 1))];
            if (integral) {
                x = Math.round(x);
            }
            if (out.isEmpty() || out.get(out.size() - 1) != x) {
                out.add(x);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A column of the same name and type as {@code like}, every row {@code v}. */
    private static Column<?> constant(Column<?> like, double v, int rows) {
        String name = like.name();
        double[] d = new double[rows];
        Arrays.fill(d, v);
        if (like instanceof IntColumn) {
            int[] a = new int[rows];
            Arrays.fill(a, (int) v);
            return IntColumn.create(name, a);
        } else if (like instanceof LongColumn) {
            long[] a = new long[rows];
            Arrays.fill(a, (long) v);
            return LongColumn.create(name, a);
        } else if (like instanceof ShortColumn) {
            short[] a = new short[rows];
            Arrays.fill(a, (short) v);
            return ShortColumn.create(name, a);
        } else if (like instanceof FloatColumn) {
            float[] a = new float[rows];
            Arrays.fill(a, (float) v);
            return FloatColumn.create(name, a);
        }
        return DoubleColumn.create(name, d);
    }
}
