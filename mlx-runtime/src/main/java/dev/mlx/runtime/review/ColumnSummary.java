package dev.mlx.runtime.review;

import dev.mlx.catalog.OutlierMethod;
import dev.mlx.runtime.result.DataReview;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.PackedLocalDate;

/** The review of one column: counts, and by kind statistics, a histogram and outliers, or top values. */
final class ColumnSummary {
    static final int TOP = 10;
    static final int MAX_BINS = 20;
    static final int OUTLIER_EXAMPLES = 5;

    private ColumnSummary() {
    }

    /** The mlx word for a Tablesaw column: number, integer, boolean, date, or string (category or text). */
    static String type(Column<?> c) {
        if (c instanceof DoubleColumn || c instanceof FloatColumn) {
            return "number";
        } else if (c instanceof NumericColumn) {
            return "integer";
        } else if (c instanceof BooleanColumn) {
            return "boolean";
        } else if (c instanceof DateColumn) {
            return "date";
        }
        return "string";
    }

    /** {@code schemaType}: the experiment's word for the column (null when unknown), which names a column of words. */
    static DataReview.Column summarize(Column<?> c, String schemaType, List<Double> quantiles, OutlierMethod outliers,
                                       double threshold) {
        int rows = c.size();
        String type = type(c);
        if (type.equals("string") && schemaType != null) {
            type = schemaType;
        }
        if (c instanceof NumericColumn<?> n) {
            return numeric(c.name(), type, n, rows, quantiles, outliers, threshold);
        } else if (c instanceof DateColumn d) {
            return dates(c.name(), type, d, rows);
        }
        List<DataReview.ValueCount> top = new ArrayList<>();
        long[] counts = counts(c, top, TOP);
        return new DataReview.CategoryColumn(c.name(), type, counts[0], rows - counts[0], share(counts[0], rows), counts[1], top);
    }

    private static double share(long count, int rows) {
        return rows == 0 ? 0 : (double) (rows - count) / rows;
    }

    // ------------------------------------------------------------------ numbers

    private static DataReview.NumericColumn numeric(String name, String type, NumericColumn<?> c, int rows, List<Double> quantiles,
                                                    OutlierMethod outliers, double threshold) {
        double[] byRow = ReviewMath.values(c);
        int n = 0;
        for (double x : byRow) {
            if (!Double.isNaN(x)) {
                n++;
            }
        }
        double[] sorted = new double[n];
        int k = 0;
        double sum = 0;
        for (double x : byRow) {
            if (!Double.isNaN(x)) {
                sorted[k++] = x;
                sum += x;
            }
        }
        Arrays.sort(sorted);
        long distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double x : sorted) {
            ss += (x - mean) * (x - mean);
        }
        double std = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
        List<DataReview.Quantile> qs = new ArrayList<>();
        for (double q : quantiles) {
            qs.add(new DataReview.Quantile(q, ReviewMath.num(ReviewMath.quantile(sorted, q))));
        }
        return new DataReview.NumericColumn(name, type, n, rows - n, share(n, rows), distinct,
                ReviewMath.num(n == 0 ? Double.NaN : sorted[0]), ReviewMath.num(n == 0 ? Double.NaN : sorted[n - 1]),
                ReviewMath.num(mean), ReviewMath.num(ReviewMath.quantile(sorted, 0.5)), ReviewMath.num(std), qs,
                histogram(sorted, !(c instanceof DoubleColumn || c instanceof FloatColumn)),
                outliers == null ? null : outliers(byRow, sorted, mean, std, outliers, threshold));
    }

    /**
     * Equal-width bins: for numbers, Sturges' ceil(log2 n) + 1 of them (at most {@link #MAX_BINS}) over
     * [min, max], the last including max; for whole numbers, bins of a whole width with edges halfway
     * between whole numbers (one per value when the column spans at most {@link #MAX_BINS} values).
     * {@code edges} has one more entry than {@code counts}.
     */
    static DataReview.Histogram histogram(double[] sorted, boolean integers) {
        int n = sorted.length;
        if (n == 0) {
            return new DataReview.Histogram(List.of(), List.of());
        }
        double min = sorted[0];
        double max = sorted[n - 1];
        double[] edges;
        if (min == max) {
            edges = new double[] {min, max};
        } else if (integers && max - min + 1 <= MAX_BINS) {
            int bins = (int) (max - min) + 1;
            edges = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                edges[b] = min - 0.5 + b;
            }
        } else if (integers) {
            // Whole-number bins of equal width, edges between whole numbers.
            int sturges = Math.min(MAX_BINS, (int) Math.ceil(Math.log(n) / Math.log(2)) + 1);
            double width = Math.ceil((max - min + 1) / sturges);
            int bins = (int) Math.ceil((max - min + 1) / width);
            edges = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                edges[b] = min - 0.5 + b * width;
            }
        } else {
            int bins = Math.min(MAX_BINS, (int) Math.ceil(Math.log(n) / Math.log(2)) + 1);
            edges = new double[bins + 1];
            for (int b = 0; b < bins; b++) {
                edges[b] = min + (max - min) * b / bins;
            }
            edges[bins] = max;
        }
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        double lo = edges[0];
        double width = (edges[bins] - lo) / bins;
        for (double x : sorted) {
            int b = width == 0 ? 0 : (int) ((x - lo) / width);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        List<Long> c = new ArrayList<>(bins);
        for (long x : counts) {
            c.add(x);
        }
        return new DataReview.Histogram(ReviewMath.nums(edges), c);
    }

    /**
     * Values beyond {@code q1 - k·IQR} / {@code q3 + k·IQR} (iqr), or more than z standard deviations
     * from the mean (zscore). Examples: the most extreme first, then by row.
     */
    static DataReview.Outliers outliers(double[] byRow, double[] sorted, double mean, double std, OutlierMethod method,
                               double threshold) {
        boolean iqr = method == OutlierMethod.IQR;
        double t = threshold > 0 ? threshold : iqr ? 1.5 : 3;
        double low;
        double high;
        if (iqr) {
            double q1 = ReviewMath.quantile(sorted, 0.25);
            double q3 = ReviewMath.quantile(sorted, 0.75);
            low = q1 - t * (q3 - q1);
            high = q3 + t * (q3 - q1);
        } else {
            double s = Double.isNaN(std) ? 0 : std;
            low = mean - t * s;
            high = mean + t * s;
        }
        List<int[]> rows = new ArrayList<>(); // {row} of each outlier, in row order
        for (int i = 0; i < byRow.length; i++) {
            double x = byRow[i];
            if (!Double.isNaN(x) && (x < low || x > high)) {
                rows.add(new int[] {i});
            }
        }
        rows.sort((a, b) -> {
            int c = Double.compare(beyond(byRow[b[0]], low, high), beyond(byRow[a[0]], low, high));
            return c != 0 ? c : Integer.compare(a[0], b[0]);
        });
        List<DataReview.OutlierRow> examples = new ArrayList<>();
        for (int k = 0; k < Math.min(OUTLIER_EXAMPLES, rows.size()); k++) {
            int i = rows.get(k)[0];
            examples.add(new DataReview.OutlierRow(i + 1, byRow[i]));
        }
        return new DataReview.Outliers(iqr ? "iqr" : "zscore", t, ReviewMath.num(low), ReviewMath.num(high), rows.size(), examples);
    }

    private static double beyond(double x, double low, double high) {
        return x < low ? low - x : x - high;
    }

    // ------------------------------------------------------------------ dates and text

    private static DataReview.DateColumn dates(String name, String type, DateColumn d, int rows) {
        int[] packed = new int[rows];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (!d.isMissing(i)) {
                packed[n++] = d.getIntInternal(i);
            }
        }
        int[] sorted = Arrays.copyOf(packed, n);
        Arrays.sort(sorted); // packed dates order as the dates do
        long distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return new DataReview.DateColumn(name, type, n, rows - n, share(n, rows), distinct,
                n > 0 ? PackedLocalDate.asLocalDate(sorted[0]).toString() : null,
                n > 0 ? PackedLocalDate.asLocalDate(sorted[n - 1]).toString() : null);
    }

    /**
     * Counts the non-missing values of a text or boolean column into {@code top} (the {@code limit}
     * most frequent, by count then value); returns {non-missing count, distinct values}.
     */
    static long[] counts(Column<?> c, List<DataReview.ValueCount> top, int limit) {
        Map<String, long[]> counts = new HashMap<>();
        long count = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                continue;
            }
            count++;
            counts.computeIfAbsent(c.getUnformattedString(i), v -> new long[1])[0]++;
        }
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
            return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
        });
        for (int k = 0; k < Math.min(limit, entries.size()); k++) {
            top.add(new DataReview.ValueCount(entries.get(k).getKey(), entries.get(k).getValue()[0]));
        }
        return new long[] {count, counts.size()};
    }
}
