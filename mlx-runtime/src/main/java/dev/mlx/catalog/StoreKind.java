package dev.mlx.catalog;

/** Where predictions and feedback are logged: a SQLite file, or a database over JDBC. */
public enum StoreKind {
    SQLITE, JDBC;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static StoreKind parse(String word) {
        return Words.parse(StoreKind.class, word);
    }
}
