package dev.mlx.catalog;

/** The rows a release gate's metric is measured on: the cross-validation folds or the holdout. */
public enum MeasuredOn {
    CV, HOLDOUT;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static MeasuredOn parse(String word) {
        return Words.parse(MeasuredOn.class, word);
    }
}
