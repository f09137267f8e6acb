package dev.mlx.catalog;

/** The latency statistic a latency gate bounds. */
public enum Percentile {
    P50, P90, P95, P99, MEAN;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static Percentile parse(String word) {
        return Words.parse(Percentile.class, word);
    }
}
