package dev.mlx.runtime.report;

import dev.mlx.runtime.report.Table.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds charts from numbers: every position computed here, so the templates only draw. */
final class Charts {
    static final double W = 640;
    /** Width of a character of chart text, generously (13 px system-ui; digits and underscores are wider than i and l). */
    static final double TEXT_EM = 7.6;
    private static final double DIAGONAL = Math.sqrt(0.5);
    /** The narrowest heatmap cell whose 45-degree column labels (13 px text) do not overlap. */
    static final double MIN_HEATMAP_CELL = 19;

    private Charts() {
    }

    /** One bar to draw: a label, its value, an optional spread (sd) and a tone. */
    record BarIn(String label, double value, Double sd, String tone) {
    }

    /** One curve: its name, points as (x, y) and a tone. */
    record SeriesIn(String name, List<double[]> points, String tone) {
    }

    static Chart.Bars bars(String caption, String valueTitle, List<BarIn> in) {
        return bars(caption, valueTitle, in, null, null);
    }

    /**
     * Horizontal bars. With {@code from}, the axis starts there instead of at 0 (scores that all sit
     * near 1 stay apart); with {@code threshold}, a marked line is drawn at it, always inside the axis.
     */
    static Chart.Bars bars(String caption, String valueTitle, List<BarIn> in, Double from, Double threshold) {
        int longest = in.stream().mapToInt(b -> b.label().length()).max().orElse(4);
        double labelWidth = 16 + TEXT_EM * longest;
        double lo = from == null ? 0 : from;
        double hi = from == null ? 0 : from;
        for (BarIn b : in) {
            double sd = b.sd() == null ? 0 : b.sd();
            lo = Math.min(lo, b.value() - sd);
            hi = Math.max(hi, b.value() + sd);
        }
        if (threshold != null) {
            lo = Math.min(lo, threshold);
            hi = Math.max(hi, threshold);
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double bh = 18;
        double gap = 6;
        double top = 6;
        // Below the bars: the tick labels, then the threshold's label when there is one.
        double height = top + in.size() * (bh + gap) + (threshold == null ? 30 : 48);
        // The value column at the right holds "0.9582 ± 0.0210".
        double valueWidth = 12 + TEXT_EM * in.stream().mapToInt(b -> (Fmt.num(b.value()) + (b.sd() == null ? "" : " ± "
                + Fmt.num(b.sd()))).length()).max().orElse(4);
        double width = Math.max(W, labelWidth + 8 + 240 + valueWidth);
        Scale s = Scale.of(lo, hi, labelWidth + 8, width - valueWidth - 8).nice();
        List<Chart.Bar> bars = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        boolean spread = in.stream().anyMatch(b -> b.sd() != null);
        double y = top;
        double base = s.d0() > 0 ? s.d0() : s.d1() < 0 ? s.d1() : 0;
        for (BarIn b : in) {
            double x0 = s.at(base);
            double x1 = s.at(b.value());
            Double ef = b.sd() == null ? null : s.at(b.value() - b.sd());
            Double et = b.sd() == null ? null : s.at(b.value() + b.sd());
            String value = Fmt.num(b.value()) + (b.sd() == null ? "" : " ± " + Fmt.num(b.sd()));
            bars.add(new Chart.Bar(b.label(), value, Math.min(x0, x1), y, Scale.round(Math.max(Math.abs(x1 - x0), 0.8)), bh,
                    ef, et, b.tone()));
            List<Cell> row = new ArrayList<>(List.of(Cell.of(b.label()), Cell.num(Fmt.num(b.value()))));
            if (spread) {
                row.add(Cell.num(b.sd() == null ? null : Fmt.num(b.sd())));
            }
            rows.add(row);
            y += bh + gap;
        }
        List<String> headers = spread ? List.of("", valueTitle, "sd") : List.of("", valueTitle);
        return new Chart.Bars(caption, new Table(caption, headers, rows), Scale.round(width), Scale.round(height),
                Scale.round(labelWidth), s.at(base), bars, s.ticks(5), Scale.round(y + 2),
                threshold == null ? null : s.at(threshold), threshold == null ? null : "threshold " + Fmt.num(threshold));
    }

    static Chart.Columns histogram(String caption, String column, List<Double> edges, List<Double> counts, boolean spark) {
        double width = spark ? 160 : W;
        double height = spark ? 40 : 220;
        Chart.Frame f = spark ? new Chart.Frame(1, 2, width - 1, height - 2, List.of(), List.of(), null, null)
                : null;
        double max = counts.stream().filter(c -> c != null).mapToDouble(Double::doubleValue).max().orElse(1);
        Scale ys;
        if (f == null) {
            ys = Scale.of(0, Math.max(1, max), height - 40, 12).nice();
            Scale xs = Scale.of(edges.get(0), edges.get(edges.size() - 1), 56, width - 16);
            f = new Chart.Frame(56, 12, width - 16, height - 40, xs.ticks(6), ys.ticks(4), column, "rows");
        } else {
            ys = Scale.of(0, Math.max(1, max), f.bottom(), f.top());
        }
        double lo = edges.get(0);
        double hi = edges.get(edges.size() - 1);
        Scale xs = Scale.of(lo, hi, f.left(), f.right());
        List<Chart.Column> cols = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            double c = counts.get(i) == null ? 0 : counts.get(i);
            double x0 = xs.at(edges.get(i));
            double x1 = xs.at(edges.get(i + 1));
            double yv = ys.at(c);
            String range = Fmt.num(edges.get(i)) + " to " + Fmt.num(edges.get(i + 1));
            cols.add(new Chart.Column(x0, yv, Scale.round(Math.max(0.6, x1 - x0 - (spark ? 0.6 : 1))),
                    Scale.round(Math.max(c > 0 ? 1 : 0, f.bottom() - yv)), range + ": " + Fmt.num(c), "t-main"));
            rows.add(List.of(Cell.of(range), Cell.num(Fmt.num(c))));
        }
        return new Chart.Columns(caption, new Table(caption, List.of(column, "rows"), rows), width, height, spark, f, cols);
    }

    /** Top values as a thumbnail of vertical bars (categorical columns beside the numeric histograms). */
    static Chart.Columns categorySpark(String caption, String column, List<String> values, List<Double> counts) {
        double width = 160;
        double height = 40;
        Chart.Frame f = new Chart.Frame(1, 2, width - 1, height - 2, List.of(), List.of(), null, null);
        double max = counts.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Scale ys = Scale.of(0, Math.max(1, max), f.bottom(), f.top());
        double slot = (f.right() - f.left()) / Math.max(values.size(), 1);
        List<Chart.Column> cols = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double y = ys.at(counts.get(i));
            cols.add(new Chart.Column(Scale.round(f.left() + i * slot), y, Scale.round(Math.max(0.6, slot - 1.5)),
                    Scale.round(Math.max(1, f.bottom() - y)), values.get(i) + ": " + Fmt.num(counts.get(i)), "t-alt"));
            rows.add(List.of(Cell.of(values.get(i)), Cell.num(Fmt.num(counts.get(i)))));
        }
        return new Chart.Columns(caption, new Table(caption, List.of(column, "rows"), rows), width, height, true, f, cols);
    }

    static Chart.Lines lines(String caption, String xTitle, String yTitle, List<SeriesIn> in, double[] xDomain,
                             double[] yDomain, boolean diagonal) {
        double height = 300;
        Scale xs = Scale.of(xDomain[0], xDomain[1], 60, W - 150);
        Scale ys = Scale.of(yDomain[0], yDomain[1], height - 44, 14);
        if (!diagonal) {
            xs = xs.nice();
            ys = ys.nice();
        }
        Chart.Frame f = new Chart.Frame(60, 14, W - 150, height - 44, xs.ticks(5), ys.ticks(5), xTitle, yTitle);
        List<Chart.Series> series = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (SeriesIn s : in) {
            StringBuilder d = new StringBuilder();
            for (double[] p : s.points()) {
                d.append(d.length() == 0 ? "M" : "L").append(c(xs.at(p[0]))).append(' ').append(c(ys.at(p[1])));
            }
            series.add(new Chart.Series(s.name(), d.toString(), s.tone()));
            int n = s.points().size();
            int step = Math.max(1, (n - 1) / 10);
            for (int i = 0; i < n; i += step) {
                double[] p = s.points().get(i);
                rows.add(List.of(Cell.of(s.name()), Cell.num(Fmt.num(p[0])), Cell.num(Fmt.num(p[1]))));
                if (i + step >= n && i != n - 1) {
                    double[] last = s.points().get(n - 1);
                    rows.add(List.of(Cell.of(s.name()), Cell.num(Fmt.num(last[0])), Cell.num(Fmt.num(last[1]))));
                }
            }
        }
        String ref = diagonal ? "M" + c(xs.at(xDomain[0])) + " " + c(ys.at(yDomain[0])) + "L" + c(xs.at(xDomain[1])) + " "
                + c(ys.at(yDomain[1])) : null;
        return new Chart.Lines(caption, new Table(caption, List.of("curve", xTitle, yTitle), rows), W, height, f, series,
                ref);
    }

    /** {@code guide}: "identity" draws y = x, "zero" draws y = 0, null none. */
    static Chart.Scatter scatter(String caption, String xTitle, String yTitle, List<double[]> pts, String guide) {
        double height = 320;
        double xl = Double.POSITIVE_INFINITY;
        double xh = Double.NEGATIVE_INFINITY;
        double yl = Double.POSITIVE_INFINITY;
        double yh = Double.NEGATIVE_INFINITY;
        for (double[] p : pts) {
            xl = Math.min(xl, p[0]);
            xh = Math.max(xh, p[0]);
            yl = Math.min(yl, p[1]);
            yh = Math.max(yh, p[1]);
        }
        if ("identity".equals(guide)) {
            xl = yl = Math.min(xl, yl);
            xh = yh = Math.max(xh, yh);
        }
        if ("zero".equals(guide)) {
            yl = Math.min(yl, 0);
            yh = Math.max(yh, 0);
        }
        Scale xs = Scale.of(xl, xh, 64, W - 20).nice();
        Scale ys = Scale.of(yl, yh, height - 44, 14).nice();
        Chart.Frame f = new Chart.Frame(64, 14, W - 20, height - 44, xs.ticks(6), ys.ticks(5), xTitle, yTitle);
        List<Chart.Point> points = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (double[] p : pts) {
            points.add(new Chart.Point(xs.at(p[0]), ys.at(p[1])));
            rows.add(List.of(Cell.num(Fmt.num(p[0])), Cell.num(Fmt.num(p[1]))));
        }
        String ref = null;
        if ("identity".equals(guide)) {
            double lo = Math.max(xs.d0(), ys.d0());
            double hi = Math.min(xs.d1(), ys.d1());
            ref = "M" + c(xs.at(lo)) + " " + c(ys.at(lo)) + "L" + c(xs.at(hi)) + " " + c(ys.at(hi));
        } else if ("zero".equals(guide)) {
            ref = "M" + c(f.left()) + " " + c(ys.at(0)) + "L" + c(f.right()) + " " + c(ys.at(0));
        }
        return new Chart.Scatter(caption, new Table(caption, List.of(xTitle, yTitle), rows), W, height, f, points, ref);
    }

    /** {@code diverging}: values in -1..1 coloured blue (negative) to red (positive); otherwise 0..max in one hue. */
    static Chart.Heatmap heatmap(String caption, List<String> rowLabels, List<String> colLabels, Double[][] values,
                                 boolean diverging, boolean annotate, String legend) {
        int nr = rowLabels.size();
        int nc = colLabels.size();
        // Column labels rise at 45 degrees: two neighbours are cell·sin 45° apart, which must hold a
        // 13 px line of text, so a cell is never narrower than 19 px (wide grids grow instead).
        double cell = Math.max(MIN_HEATMAP_CELL, Math.min(56, 420.0 / Math.max(nr, nc)));
        int longest = 0;
        for (String s : rowLabels) {
            longest = Math.max(longest, s.length());
        }
        int longestCol = 0;
        for (String s : colLabels) {
            longestCol = Math.max(longestCol, s.length());
        }
        // Room for every label whole: row labels end at the grid, column labels rise at 45 degrees from it.
        double left = 14 + TEXT_EM * longest;
        double top = 16 + TEXT_EM * longestCol * DIAGONAL;
        double max = 0;
        for (Double[] r : values) {
            for (Double v : r) {
                if (v != null) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        List<Chart.Cell> cells = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        boolean small = cell < 30;
        for (int i = 0; i < nr; i++) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(rowLabels.get(i)));
            for (int j = 0; j < nc; j++) {
                Double v = values[i][j];
                double t = v == null ? 0 : diverging ? v : max == 0 ? 0 : v / max;
                String fill = v == null ? "#eeeeee" : diverging ? diverge(t) : sequential(t);
                String ink = Math.abs(t) > 0.55 ? "#ffffff" : "#1d2433";
                String text = !annotate || small ? "" : v == null ? "—" : diverging ? String.format(Locale.ROOT, "%.2f", v)
                        : Fmt.num(v);
                cells.add(new Chart.Cell(Scale.round(left + j * cell), Scale.round(top + i * cell), Scale.round(cell - 1),
                        fill, text, ink, rowLabels.get(i) + " × " + colLabels.get(j) + ": " + (v == null ? "—" : Fmt.num(v))));
                row.add(Cell.num(v == null ? null : diverging ? String.format(Locale.ROOT, "%.2f", v) : Fmt.num(v)));
            }
            rows.add(row);
        }
        List<Chart.Label> rl = new ArrayList<>();
        for (int i = 0; i < nr; i++) {
            rl.add(new Chart.Label(Scale.round(top + i * cell + cell / 2), rowLabels.get(i)));
        }
        List<Chart.Label> cl = new ArrayList<>();
        for (int j = 0; j < nc; j++) {
            cl.add(new Chart.Label(Scale.round(left + j * cell + cell / 2), colLabels.get(j)));
        }
        List<String> headers = new ArrayList<>();
        headers.add("");
        headers.addAll(colLabels);
        // The last column's label leans right past the grid.
        double width = Math.max(left + nc * cell + Math.max(16, TEXT_EM * longestCol * DIAGONAL - cell / 2 + 12), 200);
        return new Chart.Heatmap(caption, new Table(caption, headers, rows), Scale.round(width),
                Scale.round(top + nr * cell + 8), cells, rl, cl, Scale.round(left), Scale.round(top), Scale.round(cell), legend);
    }

    static Chart.Box box(String caption, String column, double min, double q1, double median, double q3, double max,
                         double whiskerLow, double whiskerHigh, int outliers) {
        double height = 110;
        Scale xs = Scale.of(min, max, 40, W - 24).nice();
        Chart.Frame f = new Chart.Frame(40, 10, W - 24, height - 36, xs.ticks(6), List.of(), column, null);
        List<List<Cell>> rows = List.of(List.of(Cell.of("min"), Cell.num(Fmt.num(min))),
                List.of(Cell.of("lower whisker"), Cell.num(Fmt.num(whiskerLow))), List.of(Cell.of("q1"), Cell.num(Fmt.num(q1))),
                List.of(Cell.of("median"), Cell.num(Fmt.num(median))), List.of(Cell.of("q3"), Cell.num(Fmt.num(q3))),
                List.of(Cell.of("upper whisker"), Cell.num(Fmt.num(whiskerHigh))), List.of(Cell.of("max"), Cell.num(Fmt.num(max))),
                List.of(Cell.of("points beyond the whiskers"), Cell.num(Fmt.num((double) outliers))));
        return new Chart.Box(caption, new Table(caption, List.of(column, "value"), rows), W, height, f, xs.at(whiskerLow),
                xs.at(q1), xs.at(median), xs.at(q3), xs.at(whiskerHigh), 22, 36);
    }

    private static String c(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Blue (-1) through white (0) to red (+1). */
    private static String diverge(double t) {
        t = Math.max(-1, Math.min(1, t));
        int[] neg = {37, 99, 235};
        int[] pos = {220, 38, 38};
        int[] to = t < 0 ? neg : pos;
        double a = Math.abs(t);
        return rgb(255 + (to[0] - 255) * a, 255 + (to[1] - 255) * a, 255 + (to[2] - 255) * a);
    }

    private static String sequential(double t) {
        t = Math.max(0, Math.min(1, t));
        return rgb(244 + (30 - 244) * t, 246 + (64 - 246) * t, 251 + (175 - 251) * t);
    }

    private static String rgb(double r, double g, double b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(r), (int) Math.round(g), (int) Math.round(b));
    }
}
