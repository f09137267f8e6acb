package dev.mlx.catalog;

/** How the review flags outliers: beyond the IQR fences, or by z-score. */
public enum OutlierMethod {
    IQR, ZSCORE;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static OutlierMethod parse(String word) {
        return Words.parse(OutlierMethod.class, word);
    }
}
