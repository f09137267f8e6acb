package dev.mlx.runtime.spec;

import dev.mlx.catalog.ColumnType;
import java.util.List;

/**
 * The data source with its full compile-time schema (every column, in file order, with its type:
 * the runtime reads with explicit types), missing markers, the id column and the holdout split.
 * Exactly one of {@code csv} (a data file, in the {@code format} given: CSV, Parquet or JSON Lines) and
 * {@code jdbcUrl} is set.
 */
public record Data(String csv, String delimiter, String jdbcUrl, String query, List<Column> columns,
                   List<String> missing, String id, Split split, Format format) {
    public Data {
        columns = List.copyOf(columns);
        missing = List.copyOf(missing);
        format = format == null ? Format.CSV : format;
    }

    /** A CSV file or a query. */
    public Data(String csv, String delimiter, String jdbcUrl, String query, List<Column> columns,
                List<String> missing, String id, Split split) {
        this(csv, delimiter, jdbcUrl, query, columns, missing, id, split, Format.CSV);
    }

    /** How the data file is written; a query's rows are {@code CSV} here, as they have no file. */
    public enum Format {
        CSV, PARQUET, JSONL;

        /** The word of the {@code source} statement. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
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
