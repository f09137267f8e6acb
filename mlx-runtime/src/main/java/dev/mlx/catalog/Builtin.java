package dev.mlx.catalog;

/** A function of checks and derived features; {@link Catalog#function} says where it may appear and what it takes. */
public enum Builtin {
    // over a table, in checks
    MISSING, SHARE, COUNT, DISTINCT, MEAN, MEDIAN, STD, SUM,
    // of a column in checks; of their arguments, row by row, in derive
    MIN, MAX,
    // row by row
    LENGTH, LOG, EXP, SQRT, ABS, ROUND, FLOOR, CEIL, POW, DAYS_BETWEEN;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static Builtin parse(String word) {
        return Words.parse(Builtin.class, word);
    }
}
