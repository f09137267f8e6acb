package dev.mlx.catalog;

/** The statistic of the training rows that {@code impute ... with} fills gaps with. */
public enum ImputeStatistic {
    MEAN, MEDIAN, MODE;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static ImputeStatistic parse(String word) {
        return Words.parse(ImputeStatistic.class, word);
    }
}
