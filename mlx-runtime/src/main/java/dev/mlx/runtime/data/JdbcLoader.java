package dev.mlx.runtime.data;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The rows of an SQL query as a table with the compile-time schema. Text values go through the same
 * parsing as CSV cells (so a declared date stored as TEXT in SQLite reads with its format); numbers,
 * booleans, dates and timestamps from the driver are converted directly.
 */
final class JdbcLoader {
    private static final String SQLITE = JdbcSources.SQLITE;

    private JdbcLoader() {
    }

    static Table load(Data spec, Path baseDir) {
        String written = spec.jdbcUrl();
        String source = "`" + written + "`";
        JdbcSources.Refusal refused = JdbcSources.refusal(written, spec.query());
        if (refused != null) {
            throw new RunException(source + ": " + refused.message() + " (" + refused.help() + ")");
        }
        String url = resolve(written, baseDir);
        Connection connection;
        try {
            connection = JdbcSources.openReadOnly(url, spec.query());
        } catch (SQLException | RuntimeException e) {
            throw new RunException("cannot connect to " + source + ": " + message(e), e);
        }
        try (connection; Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(spec.query())) {
            return rows(spec, rs, source, "the query's result", "query result row ", "query");
        } catch (SQLException e) {
            throw new RunException(source + ": the query failed: " + message(e), e);
        } catch (RunException e) {
            throw e;
        } catch (RuntimeException e) {
            // Drivers are third-party code; what they throw is still about the user's database.
            throw new RunException(source + ": the database driver failed: " + message(e), e);
        }
    }

    /** A Parquet file's rows, read by DuckDB ({@link ParquetFiles}) and typed as a query's rows are. */
    static Table parquet(Data spec, Path file, String label) {
        String source = "`" + label + "`";
        if (Files.isDirectory(file)) {
            throw new RunException(source + " is a folder, not a data file");
        }
        if (!Files.isRegularFile(file)) {
            throw new RunException(source + ": no such file (looked for " + file.toAbsolutePath() + ")");
        }
        Connection connection;
        try {
            connection = ParquetFiles.open();
        } catch (SQLException | RuntimeException e) {
            throw new RunException(source + ": cannot read Parquet: " + message(e), e);
        }
        try (connection; Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(ParquetFiles.query(file))) {
            return rows(spec, rs, source, "the file's columns", "row ", DataLoader.fileName(label));
        } catch (SQLException e) {
            throw new RunException(source + ": not a Parquet file that can be read: " + firstLine(e), e);
        } catch (RunException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunException(source + ": the Parquet reader failed: " + message(e), e);
        }
    }

    /** The rows of a result set as a table with the schema; {@code row} starts a row's place in messages. */
    private static Table rows(Data spec, ResultSet rs, String source, String where, String row, String tableName)
            throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            names.add((label == null || label.isEmpty() ? meta.getColumnName(i) : label).strip());
        }
        int[] index = DataLoader.match(spec, names, source, where);
        List<ColumnBuilder> builders = DataLoader.builders(spec, new HashSet<>(spec.missing()), source);
        boolean[] text = new boolean[index.length];
        for (int j = 0; j < index.length; j++) {
            ColumnType t = spec.columns().get(j).type();
            text[j] = t == ColumnType.CATEGORY || t == ColumnType.TEXT;
        }
        int rows = 0;
        while (rs.next()) {
            rows++;
            for (int j = 0; j < index.length; j++) {
                ColumnBuilder b = builders.get(j);
                // Text columns read as the driver's text, as the compiler profiled them.
                String problem = text[j] ? b.add(rs.getString(index[j] + 1)) : b.addObject(rs.getObject(index[j] + 1));
                if (problem != null) {
                    throw new RunException(source + ": " + row + rows + ", column `" + b.name + "`: " + problem);
                }
            }
        }
        if (rows == 0) {
            throw new RunException(source + (tableName.equals("query") ? ": the query returned no rows" : " has no rows"));
        }
        return DataLoader.table(tableName, builders);
    }

    /**
     * A {@code jdbc:sqlite:} path is relative to the .mlx file, like a CSV path; it must exist (the
     * driver would otherwise create an empty database and the query would fail confusingly).
     */
    static String resolve(String url, Path baseDir) {
        if (!url.startsWith(SQLITE)) {
            return url;
        }
        String rest = url.substring(SQLITE.length());
        if (rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith("file:")) {
            return url;
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Path db;
        try {
            db = baseDir.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new RunException("`" + url + "`: `" + path + "` is not a valid path");
        }
        if (!Files.isRegularFile(db)) {
            throw new RunException("`" + url + "`: database file not found (looked for " + db.toAbsolutePath() + ")");
        }
        return SQLITE + db + (q < 0 ? "" : rest.substring(q));
    }

    /** DuckDB follows its message with the query and a caret under it: the query is ours, not the user's. */
    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().split("\n", 2)[0].strip();
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().replace('\n', ' ');
    }
}
