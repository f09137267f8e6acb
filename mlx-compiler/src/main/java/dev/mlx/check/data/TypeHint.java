package dev.mlx.check.data;

import dev.mlx.catalog.ColumnType;

/** A type declared in {@code types { }}: the type and, for dates, the pattern (java.time syntax). */
public record TypeHint(ColumnType type, String dateFormat) {
}
