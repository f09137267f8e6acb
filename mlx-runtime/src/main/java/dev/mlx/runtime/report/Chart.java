package dev.mlx.runtime.report;

import java.util.List;

/**
 * A chart of the report as typed SVG geometry in a {@code width} x {@code height} view box: Java
 * computes every position, the template only writes the shapes. Every chart has a caption and a
 * table with the same numbers for readers (and printers) that cannot see the drawing.
 */
public sealed interface Chart permits Chart.Bars, Chart.Columns, Chart.Lines, Chart.Scatter, Chart.Heatmap, Chart.Box {
    String kind();

    String caption();

    Table fallback();

    double width();

    double height();

    /** A tick on an axis: its position in view-box units and its label. */
    record Tick(double at, String label) {
    }

    /** Axes of a plot area: the area's corners, ticks on each axis and the axis titles. */
    record Frame(double left, double top, double right, double bottom, List<Tick> xTicks, List<Tick> yTicks,
                 String xTitle, String yTitle) {
        public Frame {
            xTicks = List.copyOf(xTicks);
            yTicks = List.copyOf(yTicks);
        }

        public double midX() {
            return (left + right) / 2;
        }

        public double midY() {
            return (top + bottom) / 2;
        }
    }

    /** A horizontal bar; err* is the spread drawn as a whisker (null without), tone a CSS class. */
    record Bar(String label, String value, double x, double y, double w, double h, Double errFrom, Double errTo,
               String tone) {
    }

    /** Horizontal bars with labels on the left: importances, class counts, scores; {@code zero} is x of 0. */
    record Bars(String caption, Table fallback, double width, double height, double labelWidth, double zero,
                List<Bar> bars, List<Tick> ticks, double axisY, Double markAt, String markLabel) implements Chart {
        public Bars {
            bars = List.copyOf(bars);
            ticks = List.copyOf(ticks);
        }

        public String kind() {
            return "bars";
        }
    }

    /** A vertical bar with its hover title. */
    record Column(double x, double y, double w, double h, String title, String tone) {
    }

    /** Vertical bars: a histogram, or (spark) a thumbnail without axes. */
    record Columns(String caption, Table fallback, double width, double height, boolean spark, Frame frame,
                   List<Column> columns) implements Chart {
        public Columns {
            columns = List.copyOf(columns);
        }

        public String kind() {
            return "columns";
        }
    }

    /** A named polyline ({@code path} is SVG path data) with its tone. */
    record Series(String name, String path, String tone) {
    }

    /** Curves on shared axes (ROC, PR, partial dependence, silhouette by k); {@code reference} a dashed guide or null. */
    record Lines(String caption, Table fallback, double width, double height, Frame frame, List<Series> series,
                 String reference) implements Chart {
        public Lines {
            series = List.copyOf(series);
        }

        public String kind() {
            return "lines";
        }
    }

    /** A point. */
    record Point(double x, double y) {
    }

    /** Points on axes (predicted vs actual, residuals, a review scatter plot); {@code reference} a guide line or null. */
    record Scatter(String caption, Table fallback, double width, double height, Frame frame, List<Point> points,
                   String reference) implements Chart {
        public Scatter {
            points = List.copyOf(points);
        }

        public String kind() {
            return "scatter";
        }
    }

    /** A cell of a heatmap: fill colour, the number written in it (or "") and the text colour. */
    record Cell(double x, double y, double size, String fill, String text, String ink, String title) {
    }

    /** A label of a heatmap row or column at its position. */
    record Label(double at, String text) {
    }

    /** A matrix of coloured cells: correlations, a confusion matrix. */
    record Heatmap(String caption, Table fallback, double width, double height, List<Cell> cells, List<Label> rows,
                   List<Label> cols, double gridLeft, double gridTop, double cell, String legend) implements Chart {
        public Heatmap {
            cells = List.copyOf(cells);
            rows = List.copyOf(rows);
            cols = List.copyOf(cols);
        }

        public String kind() {
            return "heatmap";
        }
    }

    /** A horizontal box plot: whiskers, quartiles and median in view-box x. */
    record Box(String caption, Table fallback, double width, double height, Frame frame, double whiskerLow, double q1,
               double median, double q3, double whiskerHigh, double y, double h) implements Chart {
        public String kind() {
            return "box";
        }
    }
}
