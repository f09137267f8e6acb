package dev.mlx.check.data;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.CsvException;
import dev.mlx.runtime.data.CsvRecords;
import dev.mlx.runtime.data.JdbcSources;
import dev.mlx.runtime.data.JsonLines;
import dev.mlx.runtime.data.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a data source into a {@link DataProfile}: a streaming pass over at most {@link #MAX_ROWS}
 * rows, keeping per column only counts, numeric sums and at most {@link #MAX_TRACKED} distinct
 * values. Bad data comes back as a {@link DataException} with a message a user can act on; no other
 * exception escapes for anything the data can do.
 */
public final class DataProfiler {
    /** Distinct values tracked per column; past this the count is a lower bound. */
    public static final int MAX_TRACKED = 1000;
    /**
     * Rows whose statistics are kept; a longer source is profiled on its first rows and marked
     * sampled (a CSV file's later rows are still read for their types).
     */
    public static final long MAX_ROWS = 200_000;
    /** The most seconds a data source's query may run while checking. */
    static final int QUERY_SECONDS = 60;
    /** Missing markers when the file declares none. */
    public static final List<String> DEFAULT_MISSING = List.of("", "NA");

    private DataProfiler() {
    }

    /**
     * Profiles a CSV file: statistics of the first {@link #MAX_ROWS} rows, types (inferred, and
     * whether values fit the declared ones) from every row, so that what checks clean loads.
     *
     * @param delimiter      the field delimiter, or null to detect it among {@code , ; tab |} from the header
     * @param missingMarkers strings that mean a missing value, or null for {@link #DEFAULT_MISSING}
     * @param declared       declared types by column name (may be null or empty)
     */
    public static DataProfile csv(Path path, String delimiter, List<String> missingMarkers,
                                  Map<String, TypeHint> declared) throws DataException {
        Path file = path.toAbsolutePath().normalize();
        char delim = delimiter == null ? detect(file) : delimiterChar(delimiter);
        try (InputStream in = open(file)) {
            CsvRecords records = new CsvRecords(in, delim, file.toString());
            List<ColumnStats> columns = columns(file, records, declared);
            Set<String> markers = markers(missingMarkers);
            long rows = 0;
            boolean sampled = false;
            String[] record;
            while (rows < MAX_ROWS && (record = records.nextRow(columns.size())) != null) {
                rows++;
                for (int i = 0; i < record.length; i++) {
                    columns.get(i).add(record[i], rows, markers);
                }
            }
            // Past the sample, every value is still typed: the run reads every row with these types.
            long row = rows;
            while ((record = records.nextRow(columns.size())) != null) {
                sampled = true;
                row++;
                for (int i = 0; i < record.length; i++) {
                    columns.get(i).type(record[i], row, markers);
                }
            }
            return profile(file.toString(), columns, rows, sampled);
        } catch (CsvException e) {
            throw new DataException(e.detail(), false);
        } catch (IOException e) {
            throw new DataException("cannot read `" + file + "`: " + reason(e), false);
        }
    }

    /** The delimiter a CSV file's header line uses, as {@link #csv} would detect it. */
    public static String detectDelimiter(Path path) throws DataException {
        return String.valueOf(detect(path.toAbsolutePath().normalize()));
    }

    private static char detect(Path file) throws DataException {
        try (InputStream in = open(file)) {
            return CsvRecords.detectDelimiter(in, file.toString());
        } catch (CsvException e) {
            throw new DataException(e.detail(), false);
        } catch (IOException e) {
            throw new DataException("cannot read `" + file + "`: " + reason(e), false);
        }
    }

    /**
     * Profiles the rows of a query. SQL column types decide numbers, integers, dates and booleans;
     * string columns are told apart as date, category or text from their values.
     */
    public static DataProfile jdbc(String url, String query, List<String> missingMarkers,
                                   Map<String, TypeHint> declared) throws DataException {
        JdbcSources.Refusal refused = JdbcSources.refusal(url, query);
        if (refused != null) {
            throw new DataException(refused.message(), false);
        }
        Connection connection;
        try {
            connection = JdbcSources.openReadOnly(url, query);
        } catch (SQLException | RuntimeException e) {
            throw new DataException("cannot connect to `" + url + "`: " + (e instanceof SQLException s ? message(s) : e), false);
        }
        try (connection; Statement st = connection.createStatement()) {
            // One more row than read, to know whether there are more; a query that runs away is stopped.
            JdbcSources.bound(st, (int) MAX_ROWS + 1, QUERY_SECONDS);
            try (ResultSet rs = st.executeQuery(query)) {
                return resultSet(rs, url, "the query's result", missingMarkers, declared);
            }
        } catch (SQLException e) {
            throw new DataException("the query failed: " + message(e), false);
        } catch (RuntimeException e) {
            // Drivers are third-party code; what they throw is still about the user's database.
            throw new DataException("the database driver failed on `" + url + "`: " + e, false);
        }
    }

    /**
     * Profiles a Parquet file, read by DuckDB through the runtime's {@link ParquetFiles}: its column
     * types decide as a query's do, and string columns are told apart from their values.
     */
    public static DataProfile parquet(Path path, List<String> missingMarkers, Map<String, TypeHint> declared)
            throws DataException {
        Path file = path.toAbsolutePath().normalize();
        try (InputStream exists = open(file)) {
            exists.read(); // not found, a folder or empty: said here as for CSV
        } catch (IOException e) {
            throw new DataException("cannot read `" + file + "`: " + reason(e), false);
        }
        String problem = ParquetDriver.load();
        if (problem != null) {
            throw new DataException(problem, false);
        }
        Connection connection;
        try {
            connection = ParquetFiles.open();
        } catch (SQLException e) {
            throw new DataException("cannot read Parquet: " + message(e), false);
        }
        try (connection; Statement st = connection.createStatement()) {
            // One more row than read, to know whether there are more.
            try (ResultSet rs = st.executeQuery(ParquetFiles.query(file) + " LIMIT " + (MAX_ROWS + 1))) {
                return resultSet(rs, file.toString(), "the file's columns", missingMarkers, declared);
            }
        } catch (SQLException e) {
            throw new DataException("`" + file.getFileName() + "` is not a Parquet file that can be read: "
                    + firstLine(message(e)), false);
        } catch (RuntimeException e) {
            throw new DataException("the Parquet reader failed on `" + file.getFileName() + "`: " + e, false);
        }
    }

    /** Profiles a JSON Lines file: one object a line, read by the runtime's {@link JsonLines}. */
    public static DataProfile jsonl(Path path, List<String> missingMarkers, Map<String, TypeHint> declared)
            throws DataException {
        Path file = path.toAbsolutePath().normalize();
        try (InputStream in = open(file);
             java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                     java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                             .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                             .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)), 1 << 16)) {
            JsonLines records = new JsonLines(reader, file.getFileName().toString());
            List<String> names = records.names();
            checkNames(names, "the first line's keys");
            Map<String, TypeHint> hints = declared == null ? Map.of() : declared;
            List<ColumnStats> columns = new ArrayList<>();
            for (String n : names) {
                columns.add(new ColumnStats(n, hints.get(n), null, false));
            }
            Set<String> markers = markers(missingMarkers);
            long rows = 0;
            boolean sampled = false;
            String[] values;
            while ((values = records.next()) != null) {
                if (rows == MAX_ROWS) {
                    sampled = true;
                    break;
                }
                rows++;
                for (int i = 0; i < values.length; i++) {
                    columns.get(i).add(values[i], rows, markers);
                }
            }
            return profile(file.toString(), columns, rows, sampled);
        } catch (JsonLines.Problem e) {
            throw new DataException(e.getMessage(), false);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataException("`" + file.getFileName() + "` is not UTF-8 text: save it as UTF-8", false);
        } catch (IOException e) {
            throw new DataException("cannot read `" + file + "`: " + reason(e), false);
        }
    }

    /** Profiles the rows of a result set: SQL types decide numbers, integers, dates and booleans. */
    private static DataProfile resultSet(ResultSet rs, String source, String where, List<String> missingMarkers,
                                         Map<String, TypeHint> declared) throws SQLException, DataException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            names.add(label == null || label.isEmpty() ? meta.getColumnName(i) : label);
        }
        checkNames(names, where);
        Map<String, TypeHint> hints = declared == null ? Map.of() : declared;
        List<ColumnStats> columns = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
            int sqlType = meta.getColumnType(i);
            columns.add(new ColumnStats(names.get(i - 1), hints.get(names.get(i - 1)), sqlType(sqlType),
                    isString(sqlType)));
        }
        Set<String> markers = markers(missingMarkers);
        long rows = 0;
        boolean sampled = false;
        while (rs.next()) {
            if (rows == MAX_ROWS) {
                sampled = true;
                break;
            }
            rows++;
            for (int i = 0; i < columns.size(); i++) {
                columns.get(i).add(rs.getString(i + 1), rows, markers);
            }
        }
        return profile(source, columns, rows, sampled);
    }

    // ------------------------------------------------------------------ CSV

    private static InputStream open(Path file) throws DataException {
        if (Files.isDirectory(file)) {
            throw new DataException("`" + file + "` is a folder, not a data file", false);
        }
        if (!Files.exists(file)) {
            throw new DataException("no such file `" + file + "`", true);
        }
        try {
            if (Files.size(file) == 0) {
                throw new DataException("`" + file + "` is empty", false);
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataException("no such file `" + file + "`", true);
        } catch (IOException e) {
            throw new DataException("cannot read `" + file + "`: " + reason(e), false);
        }
    }

    private static List<ColumnStats> columns(Path file, CsvRecords records, Map<String, TypeHint> declared)
            throws IOException, DataException {
        if (!records.next()) {
            throw new DataException("`" + file + "` is empty", false);
        }
        if (records.blank()) {
            throw new DataException("`" + file + "` has no header: its first line is empty (the first line must name the columns)", false);
        }
        List<String> header = records.fields();
        List<String> names = new ArrayList<>();
        header.forEach(h -> names.add(h.strip()));
        checkNames(names, "the header");
        Map<String, TypeHint> hints = declared == null ? Map.of() : declared;
        List<ColumnStats> columns = new ArrayList<>();
        for (String n : names) {
            columns.add(new ColumnStats(n, hints.get(n), null, false));
        }
        return columns;
    }

    private static void checkNames(List<String> names, String where) throws DataException {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.isEmpty()) {
                throw new DataException("column " + (i + 1) + " of " + where + " has no name", false);
            }
            Integer before = seen.putIfAbsent(n, i + 1);
            if (before != null) {
                throw new DataException("the column name `" + n + "` appears twice in " + where + " (columns "
                        + before + " and " + (i + 1) + ")", false);
            }
        }
    }

    private static char delimiterChar(String delimiter) throws DataException {
        try {
            return CsvRecords.delimiter(delimiter);
        } catch (RunException e) {
            throw new DataException(e.getMessage(), false);
        }
    }

    // ------------------------------------------------------------------ JDBC

    private static ColumnType sqlType(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnType.INTEGER;
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> ColumnType.NUMBER;
            case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.DATE;
            case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
            default -> null; // strings and types the driver does not know: from the values
        };
    }

    private static boolean isString(int type) {
        return switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> true;
            default -> false;
        };
    }

    /** DuckDB follows its message with the query and a caret under it: the query is ours, not the user's. */
    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static String message(SQLException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    // ------------------------------------------------------------------ shared

    private static Set<String> markers(List<String> missingMarkers) {
        return new HashSet<>(missingMarkers == null ? DEFAULT_MISSING : missingMarkers);
    }

    private static DataProfile profile(String source, List<ColumnStats> columns, long rows, boolean sampled) {
        List<ColumnProfile> out = new ArrayList<>();
        columns.forEach(c -> out.add(c.profile()));
        return new DataProfile(source, out, rows, sampled);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
