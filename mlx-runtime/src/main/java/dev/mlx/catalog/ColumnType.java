package dev.mlx.catalog;

import java.util.Locale;

/** The type of a data column, declared in {@code types { }} or inferred from the data. */
public enum ColumnType {
    NUMBER("a number"), INTEGER("a whole number"), CATEGORY("a category"), TEXT("free text"), DATE("a date"),
    BOOLEAN("true/false");

    private final String description;

    ColumnType(String description) {
        this.description = description;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER;
    }

    public static ColumnType parse(String word) {
        for (ColumnType t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        return null;
    }
}
