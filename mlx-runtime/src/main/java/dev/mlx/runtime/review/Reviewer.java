package dev.mlx.runtime.review;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.mlx.catalog.CorrelationMethod;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Review;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The review of the raw data, as JSON for run.json and the report. Column-wise over primitive
 * arrays, missing values excluded from every statistic, output in table order (deterministic).
 *
 * <pre>{@code
 * {
 *   "rows": 344,
 *   "summary": true,                       // the review asked for the summary table
 *   "columns": [                           // every column, in table order
 *     { "name": "body_mass_g", "type": "integer",   // number | integer | boolean | date | string
 *       "count": 342, "missing": 2, "missingShare": 0.0058, "distinct": 94,
 *       // number and integer columns:
 *       "min": 2700, "max": 6300, "mean": 4201.75, "median": 4050, "std": 801.95,   // std: sample (n - 1)
 *       "quantiles": [ {"q": 0.05, "value": 3150}, ... ],    // type 7 (linear, as R and NumPy)
 *       "histogram": { "edges": [2700, 3060, ...], "counts": [12, 40, ...] },  // <= 20 equal-width bins,
 *                                                            // edges has one more entry; last bin holds max
 *       "outliers": { "method": "iqr", "threshold": 1.5,     // only when the review asks for outliers
 *                     "low": 1800, "high": 6600,             // the fences: q1 - k·IQR, q3 + k·IQR (iqr)
 *                     "count": 0,                            //   or mean ± z·std (zscore)
 *                     "examples": [ {"row": 12, "value": 9000} ] },   // <= 5, most extreme first
 *       // string and boolean columns:
 *       "top": [ {"value": "Adelie", "count": 152}, ... ],   // <= 10, by count then value
 *       // date columns:
 *       "min": "2012-01-01", "max": "2015-12-31" },
 *     ...
 *   ],
 *   "correlations": {                      // when asked: numeric columns, pairwise complete
 *     "method": "spearman",                // or "pearson"
 *     "columns": ["beak_length_mm", ...],
 *     "matrix": [[1, -0.22, ...], ...],    // null where undefined (< 2 complete rows, or constant)
 *     "target": { "column": "species",
 *                 "measure": "eta",        // categorical target (classification, clustering labels): the
 *                                          // correlation ratio η in 0..1 (on ranks for spearman; for two
 *                                          // classes it equals |point-biserial r|); numeric target
 *                                          // (regression): "pearson" or "spearman" r in -1..1
 *                 "values": [ {"column": "beak_length_mm", "value": 0.84}, ... ] } },  // target left out
 *   "balance": {                           // when asked, with a target, unless the task is regression
 *     "target": "species", "count": 344, "missing": 0, "distinct": 3,
 *     "classes": [ {"value": "Adelie", "count": 152, "share": 0.4419}, ... ],  // <= 100, by count
 *     "imbalance": 2.24 },                 // largest class / smallest class
 *   "plots": [                             // the review's plots, in order, each with its data
 *     {"kind": "histogram", "column": "x", "edges": [...], "counts": [...]},
 *     {"kind": "bar", "column": "island", "values": [{"value": "Biscoe", "count": 168}, ...],
 *      "other": 0, "missing": 0},          // <= 20 bars; "other" counts the rest
 *     {"kind": "box", "column": "x", "min", "q1", "median", "q3", "max",
 *      "whiskerLow", "whiskerHigh", "outliers": 3},   // whiskers: the furthest values within 1.5 IQR
 *     {"kind": "scatter", "x": "a", "y": "b", "points": [[39.1, 18.7], ...],
 *      "total": 342, "sampled": false},    // complete rows; <= 1000 points, evenly spaced by row
 *     {"kind": "...", "column": "nope", "error": "no column `nope` in the data"}
 *   ],
 *   "sample": { "columns": ["penguin_id", ...], "rows": [["1", "Adelie", ...], ...] }  // first N rows;
 * }                                        // values as text, null where missing
 * }</pre>
 *
 * A row in "examples" is a data row counted from 1 (the header is not a row). Numbers are JSON
 * numbers (whole ones without a fraction); a statistic with no values is null.
 */
public final class Reviewer {
    /** The quantiles reported when the review names none. */
    public static final List<Double> DEFAULT_QUANTILES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);
    static final int MAX_CLASSES = 100;
    static final int MAX_BARS = 20;
    static final int MAX_POINTS = 1000;

    private Reviewer() {
    }

    public static JsonObject review(Review spec, Table table, String target, Task task) {
        JsonObject o = new JsonObject();
        o.addProperty("rows", table.rowCount());
        o.addProperty("summary", spec.summary());
        List<Double> quantiles = spec.quantiles().isEmpty() ? DEFAULT_QUANTILES : spec.quantiles();
        // Columns in parallel (each summary sorts its column); the array keeps table order.
        List<Column<?>> cols = table.columns();
        JsonObject[] summaries = new JsonObject[cols.size()];
        IntStream.range(0, summaries.length).parallel().forEach(i ->
                summaries[i] = ColumnSummary.summarize(cols.get(i), quantiles, spec.outliers(), spec.outlierThreshold()));
        JsonArray columns = new JsonArray();
        for (JsonObject summary : summaries) {
            columns.add(summary);
        }
        o.add("columns", columns);
        if (spec.correlations() != null) {
            o.add("correlations", correlations(table, spec.correlations() == CorrelationMethod.SPEARMAN, target, task));
        }
        boolean hasTarget = target != null && table.containsColumn(target);
        if (spec.balance() && hasTarget && task != Task.REGRESSION) {
            o.add("balance", balance(table.column(target)));
        }
        if (!spec.plots().isEmpty()) {
            o.add("plots", Plots.of(spec.plots(), table));
        }
        if (spec.sample() > 0) {
            o.add("sample", sample(table, spec.sample()));
        }
        return o;
    }

    // ------------------------------------------------------------------ correlations

    private static JsonObject correlations(Table table, boolean spearman, String target, Task task) {
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
        JsonObject o = new JsonObject();
        String method = spearman ? "spearman" : "pearson";
        o.addProperty("method", method);
        JsonArray cols = new JsonArray();
        names.forEach(cols::add);
        o.add("columns", cols);
        JsonArray matrix = new JsonArray();
        for (double[] row : m) {
            matrix.add(ReviewMath.nums(row));
        }
        o.add("matrix", matrix);
        if (target != null && table.containsColumn(target)) {
            Column<?> t = table.column(target);
            boolean categorical = task == Task.CLASSIFICATION || task == Task.CLUSTERING
                    || !(t instanceof NumericColumn);
            JsonObject to = new JsonObject();
            to.addProperty("column", target);
            to.addProperty("measure", categorical ? "eta" : method);
            String[] groups = categorical ? labels(t) : null;
            double[] y = categorical ? null : ReviewMath.values((NumericColumn<?>) t);
            JsonArray vals = new JsonArray();
            for (int k = 0; k < names.size(); k++) {
                if (names.get(k).equals(target)) {
                    continue;
                }
                double r = categorical ? corr.eta(k, groups) : corr.correlation(k, y);
                JsonObject e = new JsonObject();
                e.addProperty("column", names.get(k));
                e.add("value", ReviewMath.num(r));
                vals.add(e);
            }
            to.add("values", vals);
            o.add("target", to);
        }
        return o;
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

    private static JsonObject balance(Column<?> target) {
        JsonArray top = new JsonArray();
        long[] counts = ColumnSummary.counts(target, top, MAX_CLASSES);
        long count = counts[0];
        JsonObject o = new JsonObject();
        o.addProperty("target", target.name());
        o.addProperty("count", count);
        o.addProperty("missing", target.size() - count);
        o.addProperty("distinct", counts[1]);
        long largest = 0;
        long smallest = Long.MAX_VALUE;
        for (int k = 0; k < top.size(); k++) {
            JsonObject e = top.get(k).getAsJsonObject();
            long n = e.get("count").getAsLong();
            e.add("share", ReviewMath.num((double) n / count));
            largest = Math.max(largest, n);
            smallest = Math.min(smallest, n);
        }
        o.add("classes", top);
        // With more classes than listed the smallest is unknown here: no ratio then.
        boolean all = counts[1] <= MAX_CLASSES;
        o.add("imbalance", top.isEmpty() || !all ? JsonNull.INSTANCE : ReviewMath.num((double) largest / smallest));
        return o;
    }

    // ------------------------------------------------------------------ sample

    private static JsonObject sample(Table table, int n) {
        JsonObject o = new JsonObject();
        JsonArray cols = new JsonArray();
        table.columnNames().forEach(cols::add);
        o.add("columns", cols);
        JsonArray rows = new JsonArray();
        int count = Math.min(n, table.rowCount());
        for (int i = 0; i < count; i++) {
            JsonArray row = new JsonArray();
            for (Column<?> c : table.columns()) {
                row.add(c.isMissing(i) ? null : text(c, i));
            }
            rows.add(row);
        }
        o.add("rows", rows);
        return o;
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
