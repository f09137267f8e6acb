package dev.mlx.runtime.review;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.PlotKind;
import dev.mlx.runtime.spec.Review;
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

    static JsonArray of(List<Review.Plot> plots, Table table) {
        JsonArray out = new JsonArray();
        for (Review.Plot p : plots) {
            if (p.kind() == PlotKind.SCATTER) {
                // Columns pair up: a, b, c, d is a against b and c against d.
                for (int k = 0; k + 1 < p.columns().size(); k += 2) {
                    out.add(scatter(table, p.columns().get(k), p.columns().get(k + 1)));
                }
                continue;
            }
            for (String name : p.columns()) {
                JsonObject o = new JsonObject();
                o.addProperty("kind", p.kind().word());
                o.addProperty("column", name);
                if (!table.containsColumn(name)) {
                    o.addProperty("error", "no column `" + name + "` in the data");
                } else {
                    Column<?> c = table.column(name);
                    switch (p.kind()) {
                        case HISTOGRAM -> histogram(o, c);
                        case BOX -> box(o, c);
                        case BAR, SCATTER -> bar(o, c);
                    }
                }
                out.add(o);
            }
        }
        return out;
    }

    private static void histogram(JsonObject o, Column<?> c) {
        if (!(c instanceof NumericColumn<?> n)) {
            bar(o, c); // a histogram of categories is their bar chart
            return;
        }
        JsonObject h = ColumnSummary.histogram(sorted(n), !(c instanceof DoubleColumn || c instanceof FloatColumn));
        o.add("edges", h.get("edges"));
        o.add("counts", h.get("counts"));
    }

    private static void bar(JsonObject o, Column<?> c) {
        JsonArray values = new JsonArray();
        long[] counts = ColumnSummary.counts(c, values, Reviewer.MAX_BARS);
        long shown = 0;
        for (int k = 0; k < values.size(); k++) {
            shown += values.get(k).getAsJsonObject().get("count").getAsLong();
        }
        o.add("values", values);
        o.addProperty("other", counts[0] - shown);
        o.addProperty("missing", c.size() - counts[0]);
    }

    private static void box(JsonObject o, Column<?> c) {
        if (!(c instanceof NumericColumn<?> n)) {
            o.addProperty("error", "a box plot needs a numeric column");
            return;
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
        o.add("min", ReviewMath.num(s.length == 0 ? Double.NaN : s[0]));
        o.add("q1", ReviewMath.num(q1));
        o.add("median", ReviewMath.num(ReviewMath.quantile(s, 0.5)));
        o.add("q3", ReviewMath.num(q3));
        o.add("max", ReviewMath.num(s.length == 0 ? Double.NaN : s[s.length - 1]));
        o.add("whiskerLow", ReviewMath.num(whiskerLow));
        o.add("whiskerHigh", ReviewMath.num(whiskerHigh));
        o.addProperty("outliers", outside);
    }

    private static JsonObject scatter(Table table, String xName, String yName) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "scatter");
        o.addProperty("x", xName);
        o.addProperty("y", yName);
        for (String name : List.of(xName, yName)) {
            if (!table.containsColumn(name) || !(table.column(name) instanceof NumericColumn)) {
                o.addProperty("error", table.containsColumn(name) ? "`" + name + "` is not numeric"
                        : "no column `" + name + "` in the data");
                return o;
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
        JsonArray points = new JsonArray();
        int seen = 0;
        double next = 0;
        for (int i = 0; i < x.length && points.size() < Reviewer.MAX_POINTS; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            if (seen++ >= next) {
                JsonArray pt = new JsonArray(2);
                pt.add(ReviewMath.num(x[i]));
                pt.add(ReviewMath.num(y[i]));
                points.add(pt);
                next += step;
            }
        }
        o.add("points", points);
        o.addProperty("total", total);
        o.addProperty("sampled", total > points.size());
        return o;
    }

    private static double[] sorted(NumericColumn<?> n) {
        double[] v = ReviewMath.values(n);
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
        Arrays.sort(s);
        return s;
    }
}
