package dev.mlx.runtime.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for the databases an experiment may read, shared by the checker (which runs the query
 * to profile the data, also when an editor merely opens the file) and the runtime. A data source
 * names its database in a JDBC URL written by whoever wrote the {@code .mlx} file, and JDBC drivers
 * take URL parameters that load code or write files: SQLite's {@code enable_load_extension} lets
 * the query load a shared library, PostgreSQL's {@code socketFactory}, {@code sslfactory} or
 * {@code authenticationPluginClassName} instantiate a class of the URL's choice and
 * {@code loggerFile} writes a file. So only two drivers are accepted, each with an allow-list of
 * parameters that choose how data is read and never name a class, a file or a library; the
 * connection is opened read-only with those settings forced from here, where the URL cannot
 * override them.
 */
public final class JdbcSources {
    /** The URL prefix of the SQLite driver. */
    public static final String SQLITE = "jdbc:sqlite:";
    /** The URL prefix of the PostgreSQL driver. */
    public static final String POSTGRESQL = "jdbc:postgresql:";

    // Pragmas sqlite-jdbc reads from the URL that only shape how values are read or how long to wait.
    private static final Set<String> SQLITE_PARAMETERS = Set.of("busy_timeout", "cache_size",
            "case_sensitive_like", "date_class", "date_precision", "date_string_format", "full_column_names",
            "short_column_names");
    // SQLite URI parameters of a `file:` URL: read-only opening only (`mode` must be `ro`).
    private static final Set<String> SQLITE_URI_PARAMETERS = Set.of("mode", "immutable", "cache");
    // pgjdbc connection properties that choose the server, the login, TLS by mode and timeouts;
    // never a class, a file, a logger, replication or a read-only switch.
    private static final Set<String> POSTGRESQL_PARAMETERS = Set.of("user", "password", "ApplicationName",
            "currentSchema", "ssl", "sslmode", "sslNegotiation", "sslResponseTimeout", "channelBinding",
            "requireAuth", "gssEncMode", "connectTimeout", "loginTimeout", "socketTimeout", "cancelSignalTimeout",
            "tcpKeepAlive", "tcpNoDelay", "targetServerType", "loadBalanceHosts", "hostRecheckSeconds",
            "stringtype", "prepareThreshold", "preferQueryMode", "defaultRowFetchSize", "binaryTransfer",
            "unknownLength", "assumeMinServerVersion", "logServerErrorDetail");

    private JdbcSources() {
    }

    /**
     * Why a data source may not be read: the {@code parameter} of the URL (or the part of the URL or
     * query) that was refused, a {@code message} saying why, and a {@code help} line on what to write.
     */
    public record Refusal(String parameter, String message, String help) {
    }

    /** The URL parameters accepted for each driver, by URL prefix, sorted: for documentation and messages. */
    public static Map<String, List<String>> allowedParameters() {
        TreeSet<String> sqlite = new TreeSet<>(SQLITE_PARAMETERS);
        sqlite.addAll(SQLITE_URI_PARAMETERS);
        return Map.of(SQLITE, List.copyOf(sqlite), POSTGRESQL, List.copyOf(new TreeSet<>(POSTGRESQL_PARAMETERS)));
    }

    /** Null when the URL and query may be run, else what was refused. */
    public static Refusal refusal(String url, String query) {
        if (url == null || !url.startsWith("jdbc:")) {
            return new Refusal(String.valueOf(url), "`" + url + "` is not a JDBC URL", "JDBC URLs start with `jdbc:`");
        }
        Refusal r = parameters(url, "sources", "mlx reads databases through SQLite and PostgreSQL only",
                "use a `jdbc:sqlite:` or `jdbc:postgresql:` URL, or export the table to CSV");
        if (r == null && url.startsWith(SQLITE) && query != null && query.toLowerCase(Locale.ROOT).contains("load_extension")) {
            return new Refusal("load_extension", "the query calls `load_extension`, which loads native code",
                    "read tables with plain SQL; mlx never loads SQLite extensions");
        }
        return r;
    }

    /**
     * Null when the feedback store at this JDBC URL may be opened, else what was refused: the same
     * drivers and URL parameters as for data sources, since a store's URL comes from the same
     * {@code .mlx} file (or the command line) and the driver would load or write what it names just
     * the same. A store is opened for writing, so {@link #openReadOnly} does not apply to it.
     *
     * @param url the store's URL ({@code jdbc:sqlite:PATH} for a SQLite file)
     */
    public static Refusal storeRefusal(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            return new Refusal(String.valueOf(url), "`" + url + "` is not a JDBC URL", "JDBC URLs start with `jdbc:`");
        }
        return parameters(url, "feedback stores", "mlx keeps feedback in SQLite or PostgreSQL only",
                "use `store sqlite \"FILE.db\"` or a `jdbc:postgresql:` URL");
    }

    private static Refusal parameters(String url, String use, String drivers, String driversHelp) {
        if (url.startsWith(SQLITE)) {
            return sqlite(url.substring(SQLITE.length()), use);
        }
        if (url.startsWith(POSTGRESQL)) {
            return postgresql(url, use);
        }
        int colon = url.indexOf(':', "jdbc:".length());
        String driver = colon < 0 ? url : url.substring(0, colon + 1);
        return new Refusal(driver, drivers + ", not `" + driver + "`", driversHelp);
    }

    private static Refusal sqlite(String rest, String use) {
        if (rest.startsWith(":resource:")) {
            return new Refusal(":resource:", "`:resource:` databases are fetched from a URL or the class path",
                    "name a database file relative to the .mlx file");
        }
        int q = rest.indexOf('?');
        if (q < 0) {
            return null;
        }
        boolean uri = rest.startsWith("file:");
        for (String token : rest.substring(q + 1).split("&")) {
            if (token.isBlank()) {
                continue;
            }
            int eq = token.indexOf('=');
            // sqlite-jdbc trims and lower-cases pragma names, so compare them the same way.
            String name = (eq < 0 ? token : token.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : token.substring(eq + 1).strip();
            boolean allowed = SQLITE_PARAMETERS.contains(name)
                    || uri && SQLITE_URI_PARAMETERS.contains(name) && (!name.equals("mode") || value.equals("ro"));
            if (!allowed) {
                return refused(name, SQLITE, use);
            }
        }
        return null;
    }

    private static Refusal postgresql(String url, String use) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String token : url.substring(q + 1).split("&")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (!POSTGRESQL_PARAMETERS.contains(name)) {
                return refused(name, POSTGRESQL, use);
            }
        }
        return null;
    }

    private static Refusal refused(String name, String driver, String use) {
        return new Refusal(name, "the URL parameter `" + name + "` is not accepted for `" + driver + "` " + use,
                "accepted: " + String.join(", ", allowedParameters().get(driver)));
    }

    /**
     * Opens the database read-only with extensions, attached databases and (for PostgreSQL) writes
     * switched off. Callers check {@link #refusal} first and report it in their own words; reaching
     * here with a refused URL is a bug, so it throws {@link IllegalArgumentException}.
     *
     * @param url the URL as the driver should see it (a SQLite path already resolved)
     * @param query the query that will run, checked for what the URL check cannot see
     * @return an open connection the caller closes
     * @throws SQLException when the driver cannot connect
     */
    public static Connection openReadOnly(String url, String query) throws SQLException {
        Refusal r = refusal(url, query);
        if (r != null) {
            throw new IllegalArgumentException(r.message());
        }
        Properties p = new Properties();
        if (url.startsWith(SQLITE)) {
            p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
            p.setProperty("enable_load_extension", "false");
            p.setProperty("limit_attached", "0"); // no ATTACH: the query sees this database only
        } else {
            p.setProperty("readOnly", "true");
            p.setProperty("readOnlyMode", "always");
            p.setProperty("loginTimeout", "30");
            p.setProperty("connectTimeout", "10");
        }
        Connection c = DriverManager.getConnection(url, p);
        try {
            if (url.startsWith(POSTGRESQL)) {
                c.setReadOnly(true);
                c.setAutoCommit(false); // the query runs in a read-only transaction
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Bounds a statement the checker runs: at most {@code maxRows} rows and {@code seconds} of
     * database time (drivers that cannot time out ignore the latter).
     *
     * @param st the statement to bound
     * @param maxRows the most rows the driver returns
     * @param seconds the most seconds the query may run
     * @throws SQLException when the driver refuses the settings
     */
    public static void bound(Statement st, int maxRows, int seconds) throws SQLException {
        st.setMaxRows(maxRows);
        try {
            st.setQueryTimeout(seconds);
        } catch (java.sql.SQLFeatureNotSupportedException e) {
            // The row limit still bounds the work.
        }
    }
}
