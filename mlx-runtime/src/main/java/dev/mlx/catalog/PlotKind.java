package dev.mlx.catalog;

/** A chart of the review block: {@code plot histogram|bar|box|scatter COLUMNS}. */
public enum PlotKind {
    HISTOGRAM, BAR, BOX, SCATTER;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static PlotKind parse(String word) {
        return Words.parse(PlotKind.class, word);
    }
}
