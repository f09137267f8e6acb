package dev.mlx.runtime.report;

import java.util.List;

/**
 * A table of the report: headers, rows of cells, and how many rows show before the rest folds away
 * (long tables collapse so that 500 columns of data stay readable).
 */
public record Table(String caption, List<String> headers, List<List<Cell>> rows, int visible) {
    /** Rows shown before a table folds. */
    public static final int FOLD = 25;

    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public Table(String caption, List<String> headers, List<List<Cell>> rows) {
        this(caption, headers, rows, rows.size() > FOLD + 5 ? FOLD : rows.size());
    }

    public List<List<Cell>> head() {
        return rows.subList(0, visible);
    }

    public List<List<Cell>> rest() {
        return rows.subList(visible, rows.size());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * One cell: its text and a style ({@code num} for numbers, {@code pass}/{@code warn}/{@code fail}
     * for outcomes, {@code sel} for the selected model, {@code code} for names and expressions, {@code spark}
     * for a thumbnail chart; "" for plain).
     */
    public record Cell(String text, String style, Chart spark) {
        public static Cell of(String text) {
            return new Cell(text == null ? "—" : text, "", null);
        }

        public static Cell num(String text) {
            return new Cell(text == null ? "—" : text, "num", null);
        }

        public static Cell styled(String text, String style) {
            return new Cell(text == null ? "—" : text, style, null);
        }

        /** A thumbnail chart in a cell, {@code text} its words for readers who cannot see it. */
        public static Cell thumbnail(Chart chart, String text) {
            return new Cell(text, "spark", chart);
        }
    }
}
