package dev.mlx.catalog;

/** A calendar part {@code dateparts} extracts from a date. */
public enum DatePart {
    YEAR, QUARTER, MONTH, WEEK, DAY, WEEKDAY, DAYOFYEAR, HOUR, WEEKEND;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static DatePart parse(String word) {
        return Words.parse(DatePart.class, word);
    }
}
