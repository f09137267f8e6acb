package dev.mlx.catalog;

/** The correlation coefficient of the review: of the values, or of their ranks. */
public enum CorrelationMethod {
    PEARSON, SPEARMAN;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static CorrelationMethod parse(String word) {
        return Words.parse(CorrelationMethod.class, word);
    }
}
