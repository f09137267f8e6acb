package dev.mlx.runtime.review;

import dev.mlx.catalog.CorrelationMethod;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.spec.Review;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The review of the raw data, for run.json and the report ({@link DataReview}): column-wise over
 * primitive arrays, missing values excluded from every statistic, output in table order
 * (deterministic). A row of an outlier example is a data row counted from 1 (the header is not a
 * row); a statistic with no values is null.
 */
public final class Reviewer {
    /** The quantiles reported when the review names none. */
    public static final List<Double> DEFAULT_QUANTILES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);
    static final int MAX_CLASSES = 100;
    static final int MAX_BARS = 20;
    static final int MAX_POINTS = 1000;

    private Reviewer() {
    }

    public static DataReview review(Review spec, Table table, String target, Task task) {
        return review(spec, table, target, task, Map.of());
    }

    /**
     * The review of {@code table}; {@code schema} holds the type word of each column as the experiment
     * declares or infers it, so a column of words shows as {@code category} or {@code text} rather than
     * the reader's {@code string}.
     */
    public static DataReview review(Review spec, Table table, String target, Task task, Map<String, String> schema) {
        List<Double> quantiles = spec.quantiles().isEmpty() ? DEFAULT_QUANTILES : spec.quantiles();
        // Columns in parallel (each summary sorts its column); the list keeps table order.
        List<Column<?>> cols = table.columns();
        DataReview.Column[] summaries = new DataReview.Column[cols.size()];
        IntStream.range(0, summaries.length).parallel().forEach(i ->
                summaries[i] = ColumnSummary.summarize(cols.get(i), schema.get(cols.get(i).name()), quantiles, spec.outliers(),
                        spec.outlierThreshold()));
        boolean hasTarget = target != null && table.containsColumn(target);
        return new DataReview(table.rowCount(), spec.summary(), List.of(summaries),
                spec.correlations() == null ? null : correlations(table, spec.correlations() == CorrelationMethod.SPEARMAN, target, task),
                spec.balance() && hasTarget && task != Task.REGRESSION ? balance(table.column(target)) : null,
                spec.plots().isEmpty() ? null : Plots.of(spec.plots(), table),
                spec.sample() > 0 ? sample(table, spec.sample()) : null);
    }

    // ------------------------------------------------------------------ correlations

    private static DataReview.Correlations correlations(Table table, boolean spearman, String target, Task task) {
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            if (c instanceof NumericColumn<?> n) {
                names.add(c.name());
                values.add(ReviewMath.values(n));
            }
        }
        Correlations corr = new Correlations(values.toArray(new double[0][]), spearman);
        double[][] m = corr.matrix();
        String method = spearman ? "spearman" : "pearson";
        List<List<Double>> matrix = new ArrayList<>();
        for (double[] row : m) {
            matrix.add(ReviewMath.nums(row));
        }
        DataReview.TargetAssociation association = null;
        if (target != null && table.containsColumn(target)) {
            Column<?> t = table.column(target);
            boolean categorical = task == Task.CLASSIFICATION || task == Task.CLUSTERING
                    || !(t instanceof NumericColumn);
            String[] groups = categorical ? labels(t) : null;
            double[] y = categorical ? null : ReviewMath.values((NumericColumn<?>) t);
            List<DataReview.Association> vals = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                if (names.get(k).equals(target)) {
                    continue;
                }
                double r = categorical ? corr.eta(k, groups) : corr.correlation(k, y);
                vals.add(new DataReview.Association(names.get(k), ReviewMath.num(r)));
            }
            association = new DataReview.TargetAssociation(target, categorical ? "eta" : method, vals);
        }
        return new DataReview.Correlations(method, names, matrix, association);
    }

    /** A column's values as labels (null where missing). */
    static String[] labels(Column<?> c) {
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) {
            if (!c.isMissing(i)) {
                out[i] = c.getUnformattedString(i);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ balance

    private static DataReview.Balance balance(Column<?> target) {
        List<DataReview.ValueCount> top = new ArrayList<>();
        long[] counts = ColumnSummary.counts(target, top, MAX_CLASSES);
        long count = counts[0];
        long largest = 0;
        long smallest = Long.MAX_VALUE;
        List<DataReview.ClassShare> classes = new ArrayList<>();
        for (DataReview.ValueCount e : top) {
            long n = e.count();
            classes.add(new DataReview.ClassShare(e.value(), n, (double) n / count));
            largest = Math.max(largest, n);
            smallest = Math.min(smallest, n);
        }
        // With more classes than listed the smallest is unknown here: no ratio then.
        boolean all = counts[1] <= MAX_CLASSES;
        return new DataReview.Balance(target.name(), count, target.size() - count, counts[1], classes,
                top.isEmpty() || !all ? null : ReviewMath.num((double) largest / smallest));
    }

    // ------------------------------------------------------------------ sample

    private static DataReview.Sample sample(Table table, int n) {
        List<List<String>> rows = new ArrayList<>();
        int count = Math.min(n, table.rowCount());
        for (int i = 0; i < count; i++) {
            List<String> row = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                row.add(c.isMissing(i) ? null : text(c, i));
            }
            rows.add(row);
        }
        return new DataReview.Sample(table.columnNames(), rows);
    }

    /** A value as text: whole doubles without ".0", dates ISO. */
    static String text(Column<?> c, int i) {
        if (c instanceof DoubleColumn || c instanceof FloatColumn) {
            double x = ((NumericColumn<?>) c).getDouble(i);
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
        }
        if (c instanceof DateColumn d) {
            return d.get(i).toString();
        }
        return c.getUnformattedString(i);
    }
}
