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

    /** A column; {@code dateFormat} is a java.time pattern for dates (null: ISO). */
    public record Column(String name, ColumnType type, String dateFormat) {
    }

    /**
     * Holdout share (0..1), stratified by the target, seeded; or the latest rows by {@code orderedBy}.
     * A share of 0 is {@code split none}: no holdout, every row is for cross-validation and the final fit.
     */
    public record Split(double holdout, boolean stratified, long seed, String orderedBy) {
        /** {@code split none}: every row is a training row. */
        public static Split none(long seed) {
            return new Split(0, false, seed, null);
        }

        /** Whether some rows are held out ({@code false} for {@code split none}). */
        public boolean holdsOut() {
            return holdout > 0;
        }
    }
}
