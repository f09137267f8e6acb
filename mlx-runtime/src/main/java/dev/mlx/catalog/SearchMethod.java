package dev.mlx.catalog;

/** How {@code tune} draws hyperparameters: every grid point, at random, or by TPE. */
public enum SearchMethod {
    GRID, RANDOM, TPE;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static SearchMethod parse(String word) {
        return Words.parse(SearchMethod.class, word);
    }
}
