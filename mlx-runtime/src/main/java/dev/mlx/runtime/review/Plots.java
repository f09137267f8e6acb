package dev.mlx.runtime.review;

import dev.mlx.catalog.PlotKind;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.spec.Review;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The data behind each requested plot, self-contained so the report draws it without looking
 * elsewhere: histogram bins, bar counts, box-plot quartiles and whiskers, scatter points.
 */
final class Plots {
    private Plots() {
    }

    static List<DataReview.Plot> of(List<Review.Plot> plots, Table table) {
        List<DataReview.Plot> out = new ArrayList<>();
        for (Review.Plot p : plots) {
            if (p.kind() == PlotKind.SCATTER) {
                // Columns pair up: a, b, c, d is a against b and c against d.
                for (int k = 0; k + 1 < p.columns().size(); k += 2) {
                    out.add(scatter(table, p.columns().get(k), p.columns().get(k + 1)));
                }
                continue;
            }
            for (String name : p.columns()) {
                if (!table.containsColumn(name)) {
                    out.add(DataReview.Plot.failed(p.kind().word(), name, null, null, "no column `" + name + "` in the data"));
                    continue;
                }
                Column<?> c = table.column(name);
                out.add(switch (p.kind()) {
                    case HISTOGRAM -> histogram(c);
                    case BOX -> box(c);
                    case BAR, SCATTER -> bar(p.kind().word(), c);
                });
            }
        }
        return out;
    }

    private static DataReview.Plot histogram(Column<?> c) {
        if (!(c instanceof NumericColumn<?> n)) {
            return bar("histogram", c); // a histogram of categories is their bar chart
        }
        DataReview.Histogram h = ColumnSummary.histogram(sorted(n), !(c instanceof DoubleColumn || c instanceof FloatColumn));
        return new DataReview.Plot("histogram", c.name(), null, null, h.edges(), h.counts(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private static DataReview.Plot bar(String kind, Column<?> c) {
        List<DataReview.ValueCount> values = new ArrayList<>();
        long[] counts = ColumnSummary.counts(c, values, Reviewer.MAX_BARS);
        long shown = 0;
        for (DataReview.ValueCount v : values) {
            shown += v.count();
        }
        return new DataReview.Plot(kind, c.name(), null, null, null, null, values, counts[0] - shown, c.size() - counts[0], null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private static DataReview.Plot box(Column<?> c) {
        if (!(c instanceof NumericColumn<?> n)) {
            return DataReview.Plot.failed("box", c.name(), null, null, "a box plot needs a numeric column");
        }
        double[] s = sorted(n);
        double q1 = ReviewMath.quantile(s, 0.25);
        double q3 = ReviewMath.quantile(s, 0.75);
        double lowFence = q1 - 1.5 * (q3 - q1);
        double highFence = q3 + 1.5 * (q3 - q1);
        double whiskerLow = Double.NaN;
        double whiskerHigh = Double.NaN;
        int outside = 0;
        for (double x : s) {
            if (x < lowFence || x > highFence) {
                outside++;
            } else {
                whiskerLow = Double.isNaN(whiskerLow) ? x : whiskerLow;
                whiskerHigh = x;
            }
        }
        return new DataReview.Plot("box", c.name(), null, null, null, null, null, null, null,
                ReviewMath.num(s.length == 0 ? Double.NaN : s[0]), ReviewMath.num(q1), ReviewMath.num(ReviewMath.quantile(s, 0.5)),
                ReviewMath.num(q3), ReviewMath.num(s.length == 0 ? Double.NaN : s[s.length - 1]), ReviewMath.num(whiskerLow),
                ReviewMath.num(whiskerHigh), outside, null, null, null, null);
    }

    private static DataReview.Plot scatter(Table table, String xName, String yName) {
        for (String name : List.of(xName, yName)) {
            if (!table.containsColumn(name) || !(table.column(name) instanceof NumericColumn)) {
                return DataReview.Plot.failed("scatter", null, xName, yName, table.containsColumn(name)
                        ? "`" + name + "` is not numeric" : "no column `" + name + "` in the data");
            }
        }
        double[] x = ReviewMath.values((NumericColumn<?>) table.column(xName));
        double[] y = ReviewMath.values((NumericColumn<?>) table.column(yName));
        int total = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                total++;
            }
        }
        // Every k-th complete row, so the sample spreads over the whole file and is the same every run.
        double step = Math.max(1.0, (double) total / Reviewer.MAX_POINTS);
        List<List<Double>> points = new ArrayList<>();
        int seen = 0;
        double next = 0;
        for (int i = 0; i < x.length && points.size() < Reviewer.MAX_POINTS; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            if (seen++ >= next) {
                points.add(List.of(x[i], y[i]));
                next += step;
            }
        }
        return new DataReview.Plot("scatter", null, xName, yName, null, null, null, null, null, null, null, null, null, null, null,
                null, null, points, total, total > points.size(), null);
    }

    private static double[] sorted(NumericColumn<?> n) {
        double[] v = ReviewMath.values(n);
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
        Arrays.sort(s);
        return s;
    }
}
