package dev.mlx.catalog;

/** Global feature importance: by permuting a column on the holdout, or as the model reports it. */
public enum ImportanceMethod {
    PERMUTATION, MODEL;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static ImportanceMethod parse(String word) {
        return Words.parse(ImportanceMethod.class, word);
    }
}
