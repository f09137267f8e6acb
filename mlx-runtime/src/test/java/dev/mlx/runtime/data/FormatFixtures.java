package dev.mlx.runtime.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes the Parquet and JSON Lines test files from a CSV file, with the Parquet reader's own library
 * (DuckDB), so the committed fixtures can be made again:
 * {@code java -cp TEST_CLASSPATH dev.mlx.runtime.data.FormatFixtures IN.csv OUT_STEM [DATE_COLUMN...]}
 * writes {@code OUT_STEM.parquet} and {@code OUT_STEM.jsonl}. Named columns are written as Parquet
 * dates; every other column keeps the type DuckDB reads from the CSV.
 */
public final class FormatFixtures {
    private FormatFixtures() {
    }

    public static void main(String[] args) throws SQLException {
        Path csv = Path.of(args[0]).toAbsolutePath();
        String stem = Path.of(args[1]).toAbsolutePath().toString();
        StringBuilder casts = new StringBuilder();
        for (int i = 2; i < args.length; i++) {
            casts.append(casts.length() == 0 ? "" : ", ").append('"').append(args[i]).append("\": 'DATE'");
        }
        String read = "read_csv('" + csv + "', header = true"
                + (casts.length() == 0 ? "" : ", types = {" + casts + "}") + ")";
        try (Connection c = DriverManager.getConnection(ParquetFiles.URL); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM " + read + ") TO '" + stem + ".parquet' (FORMAT parquet)");
            st.execute("COPY (SELECT * FROM " + read + ") TO '" + stem + ".jsonl' (FORMAT json)");
        }
    }
}
