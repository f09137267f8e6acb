package dev.mlx.check.data;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.data.JdbcSources;
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
    /** Rows read at most; a longer source is profiled on its first rows and marked sampled. */
    public static final long MAX_ROWS = 200_000;
    /** The most seconds a data source's query may run while checking. */
    static final int QUERY_SECONDS = 60;
    /** Missing markers when the file declares none. */
    public static final List<String> DEFAULT_MISSING = List.of("", "NA");

    private DataProfiler() {
    }

    /**
     * Profiles a CSV file.
     *
     * @param delimiter      the field delimiter, or null to detect it among {@code , ; tab |} from the header
     * @param missingMarkers strings that mean a missing value, or null for {@link #DEFAULT_MISSING}
     * @param declared       declared types by column name (may be null or empty)
     */
    public static DataProfile csv(Path path, String delimiter, List<String> missingMarkers,
                                  Map<String, TypeHint> declared) throws DataException {
        Path file = path.toAbsolutePath().normalize();
        char delim = delimiter == null ? 0 : delimiterChar(delimiter);
        try (InputStream in = open(file)) {
            CsvReader reader = new CsvReader(in, delim);
            List<ColumnStats> columns = columns(file, reader, declared);
            Set<String> markers = markers(missingMarkers);
            long rows = 0;
            boolean sampled = false;
            List<String> record;
            while ((record = reader.next()) != null) {
                if (reader.blank() && columns.size() > 1) {
                    continue;
                }
                if (rows == MAX_ROWS) {
                    sampled = true;
                    break;
                }
                if (record.size() != columns.size()) {
                    throw new DataException("row " + reader.recordLine() + " has " + fields(record.size())
                            + ", the header has " + columns.size(), false);
                }
                rows++;
                for (int i = 0; i < record.size(); i++) {
                    columns.get(i).add(record.get(i), rows, markers);
                }
            }
            return profile(file.toString(), columns, rows, sampled);
        } catch (IOException e) {
            throw new DataException("cannot read `" + file + "`: " + reason(e), false);
        }
    }

    /** The delimiter a CSV file's header line uses, as {@link #csv} would detect it. */
    public static String detectDelimiter(Path path) throws DataException {
        Path file = path.toAbsolutePath().normalize();
        try (InputStream in = open(file)) {
            return String.valueOf(new CsvReader(in, (char) 0).delimiter());
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
                ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String label = meta.getColumnLabel(i);
                    names.add(label == null || label.isEmpty() ? meta.getColumnName(i) : label);
                }
                checkNames(names, "the query's result");
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
                return profile(url, columns, rows, sampled);
            }
        } catch (SQLException e) {
            throw new DataException("the query failed: " + message(e), false);
        } catch (RuntimeException e) {
            // Drivers are third-party code; what they throw is still about the user's database.
            throw new DataException("the database driver failed on `" + url + "`: " + e, false);
        }
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

    private static List<ColumnStats> columns(Path file, CsvReader reader, Map<String, TypeHint> declared)
            throws IOException, DataException {
        List<String> header = reader.next();
        if (header == null) {
            throw new DataException("`" + file + "` is empty", false);
        }
        if (reader.blank()) {
            throw new DataException("`" + file + "` has no header: its first line is empty (the first line must name the columns)", false);
        }
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
        if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (delimiter.length() != 1 || delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r")) {
            throw new DataException("the delimiter must be one character other than a quote or a line break, not \""
                    + delimiter + "\"", false);
        }
        return delimiter.charAt(0);
    }

    private static String fields(int n) {
        return n == 1 ? "1 field" : n + " fields";
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
