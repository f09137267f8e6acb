package dev.mlx.runtime.spec;

import dev.mlx.catalog.ColumnType;
import java.util.List;

/**
 * The data source with its full compile-time schema (every column, in file order, with its type:
 * the runtime reads with explicit types), missing markers, the id column and the holdout split.
 * Exactly one of {@code csv} and {@code jdbcUrl} is set.
 */
public record Data(String csv, String delimiter, String jdbcUrl, String query, List<Column> columns,
                   List<String> missing, String id, Split split) {
    public Data {
        columns = List.copyOf(columns);
        missing = List.copyOf(missing);
    }

    /**
     * A column; {@code dateFormat} is a java.time pattern for dates (null: ISO); {@code description}
     * and {@code unit} are what {@code describe} says the column means and measures in (null: not said).
     */
    public record Column(String name, ColumnType type, String dateFormat, String description, String unit) {
        /** A column nobody described. */
        public Column(String name, ColumnType type, String dateFormat) {
            this(name, type, dateFormat, null, null);
        }
    }

    /** Holdout share (0..1), stratified by the target, seeded; or the latest rows by {@code orderedBy}. */
    public record Split(double holdout, boolean stratified, long seed, String orderedBy) {
    }
}
