package dev.mlx.runtime.history;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.JdbcSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracking store: one row per run (experiment, id, status, duration, the file's and the data's
 * hashes, the git commit, the mlx version, where its folder is), its parameters and every metric of
 * every model (cross-validated mean and standard deviation, holdout value). SQLite by default
 * ({@code runs.db} in the output folder), or PostgreSQL by URL, under the same URL rule as data
 * sources ({@link JdbcSources#refusal}: two drivers, an allow-list of parameters). A run is written
 * in two transactions, when it begins and when it ends, so a run that stops halfway leaves a row
 * marked {@code running} or {@code error} and every earlier row as it was. A store that cannot be read
 * is a {@link RunException} that says so and what to do; the run folders keep every run's files
 * whatever becomes of it.
 */
public final class RunStore implements AutoCloseable {
    /** The default store's file name, in the output folder. */
    public static final String FILE = "runs.db";
    /**
     * The message of a retrain's candidate run, then {@code ": promoted"}, {@code ": kept"} or
     * {@code ": failed"} once the retrain decided.
     */
    public static final String RETRAIN_CANDIDATE = "retrain candidate";

    /** One metric of one model of a run; null where it was not measured. */
    public record Metric(String model, String metric, Double cvMean, Double cvSd, Double holdout) {
    }

    /**
     * One run as the store holds it.
     *
     * @param started     milliseconds since the epoch
     * @param durationMs  null while it runs
     * @param status      "running", a run.json status ("passed", "failed gates", ...), or "error" (it stopped
     *                    on bad data or a bug before reaching a status; {@code message} says why)
     * @param folder      the run folder, as the run saw it
     * @param parameters  every parameter's value, by name
     * @param overridden  the names given with {@code --set}
     */
    public record Entry(String experiment, String id, long started, Long durationMs, String status, String folder,
                        String sourceFile, String fileSha256, String dataSource, String dataSha256, Integer dataRows,
                        Integer dataColumns, String selected, String metric, String gitCommit, String mlxVersion,
                        String message, boolean promoted, Map<String, Double> parameters, List<String> overridden,
                        List<Metric> metrics, String engine) {
        public Entry {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            overridden = List.copyOf(overridden);
            metrics = List.copyOf(metrics);
        }
    }

    private final Connection connection;
    private final String label;

    private RunStore(Connection connection, String label) {
        this.connection = connection;
        this.label = label;
    }

    /** The default store of an output folder: {@code jdbc:sqlite:} of its {@value #FILE}. */
    public static String defaultUrl(Path outDir) {
        return JdbcSources.SQLITE + outDir.resolve(FILE).toAbsolutePath().normalize();
    }

    /**
     * Opens the store at {@code url}, making its tables when they are missing. A URL the rule refuses,
     * a server that does not answer and a file that is not a database are {@link RunException}s.
     */
    public static RunStore open(String url) {
        String label = redact(url);
        JdbcSources.Refusal refused = JdbcSources.refusal(url, null);
        if (refused != null) {
            throw new RunException("the run store " + label + " is refused: " + refused.message() + " (" + refused.help() + ")");
        }
        Connection c = null;
        try {
            if (url.startsWith(JdbcSources.SQLITE)) {
                Path file = Path.of(url.substring(JdbcSources.SQLITE.length()));
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            }
            java.util.Properties p = new java.util.Properties();
            if (url.startsWith(JdbcSources.SQLITE)) {
                p.setProperty("enable_load_extension", "false");
                p.setProperty("busy_timeout", "10000");
            } else {
                p.setProperty("loginTimeout", "30");
                p.setProperty("connectTimeout", "10");
            }
            c = DriverManager.getConnection(url, p);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS mlx_runs (experiment VARCHAR(200) NOT NULL, id VARCHAR(40) NOT NULL, "
                        + "started BIGINT NOT NULL, duration_ms BIGINT, status VARCHAR(60) NOT NULL, folder TEXT NOT NULL, "
                        + "source_file TEXT, file_sha256 VARCHAR(64), data_source TEXT, data_sha256 VARCHAR(64), data_rows INTEGER, "
                        + "data_columns INTEGER, selected VARCHAR(200), metric VARCHAR(80), git_commit VARCHAR(64), "
                        + "mlx_version VARCHAR(40), message TEXT, promoted INTEGER NOT NULL, engine VARCHAR(20), "
                        + "PRIMARY KEY (experiment, id))");
                addEngineColumn(c);
                s.execute("CREATE TABLE IF NOT EXISTS mlx_run_params (experiment VARCHAR(200) NOT NULL, run_id VARCHAR(40) NOT NULL, "
                        + "name VARCHAR(200) NOT NULL, value DOUBLE PRECISION, overridden INTEGER NOT NULL, "
                        + "PRIMARY KEY (experiment, run_id, name))");
                s.execute("CREATE TABLE IF NOT EXISTS mlx_run_metrics (experiment VARCHAR(200) NOT NULL, run_id VARCHAR(40) NOT NULL, "
                        + "model VARCHAR(200) NOT NULL, metric VARCHAR(80) NOT NULL, cv_mean DOUBLE PRECISION, cv_sd DOUBLE PRECISION, "
                        + "holdout DOUBLE PRECISION, PRIMARY KEY (experiment, run_id, model, metric))");
            }
            c.setAutoCommit(false);
            return new RunStore(c, label);
        } catch (SQLException | java.io.IOException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the first error is the one to report
                }
            }
            throw new RunException("cannot open the run store " + label + ": " + e.getMessage()
                    + (url.startsWith(JdbcSources.SQLITE) ? " (if the file is damaged, move it aside: a new store is made, and "
                    + "every run's files stay in its folder under runs/)" : ""), e);
        }
    }

    /**
     * A store made before runs said which engine ran them gets the column (empty: those runs were local);
     * the check runs before the connection leaves auto-commit, so a failed probe aborts nothing.
     */
    private static void addEngineColumn(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT engine FROM mlx_runs WHERE 1 = 0").close();
        } catch (SQLException missing) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE mlx_runs ADD COLUMN engine VARCHAR(20)");
            }
        }
    }

    /** Records which engine ran run {@code id} ({@code local}, {@code spark}). */
    public void engine(String experiment, String id, String engine) {
        transaction(() -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE mlx_runs SET engine = ? WHERE experiment = ? AND id = ?")) {
                st.setString(1, engine);
                st.setString(2, experiment);
                st.setString(3, id);
                st.executeUpdate();
            }
        });
    }

    /** The URL without its password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    public String label() {
        return label;
    }

    /** Records a run as it begins: its row with status {@code running} and its parameters, in one transaction. */
    public void begin(Entry run) {
        transaction(() -> {
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO mlx_runs (experiment, id, started, duration_ms, status, "
                    + "folder, source_file, file_sha256, data_source, data_sha256, data_rows, data_columns, selected, metric, "
                    + "git_commit, mlx_version, message, promoted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, run.experiment());
                st.setString(2, run.id());
                st.setLong(3, run.started());
                setLong(st, 4, run.durationMs());
                st.setString(5, run.status());
                st.setString(6, run.folder());
                st.setString(7, run.sourceFile());
                st.setString(8, run.fileSha256());
                st.setString(9, run.dataSource());
                st.setString(10, run.dataSha256());
                setInt(st, 11, run.dataRows());
                setInt(st, 12, run.dataColumns());
                st.setString(13, run.selected());
                st.setString(14, run.metric());
                st.setString(15, run.gitCommit());
                st.setString(16, run.mlxVersion());
                st.setString(17, run.message());
                st.setInt(18, run.promoted() ? 1 : 0);
                st.executeUpdate();
            }
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT INTO mlx_run_params (experiment, run_id, name, value, overridden) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Double> p : run.parameters().entrySet()) {
                    st.setString(1, run.experiment());
                    st.setString(2, run.id());
                    st.setString(3, p.getKey());
                    setDouble(st, 4, p.getValue());
                    st.setInt(5, run.overridden().contains(p.getKey()) ? 1 : 0);
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
    }

    /** Records how a run ended: its status, duration, data, selection and metrics, in one transaction. */
    public void finish(String experiment, String id, String status, long durationMs, String dataSource, String dataSha256,
                       Integer dataRows, Integer dataColumns, String selected, String metric, String message,
                       List<Metric> metrics) {
        transaction(() -> {
            try (PreparedStatement st = connection.prepareStatement("UPDATE mlx_runs SET status = ?, duration_ms = ?, data_source = ?, "
                    + "data_sha256 = ?, data_rows = ?, data_columns = ?, selected = ?, metric = ?, message = ? "
                    + "WHERE experiment = ? AND id = ?")) {
                st.setString(1, status);
                st.setLong(2, durationMs);
                st.setString(3, dataSource);
                st.setString(4, dataSha256);
                setInt(st, 5, dataRows);
                setInt(st, 6, dataColumns);
                st.setString(7, selected);
                st.setString(8, metric);
                st.setString(9, message);
                st.setString(10, experiment);
                st.setString(11, id);
                st.executeUpdate();
            }
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO mlx_run_metrics (experiment, run_id, model, metric, "
                    + "cv_mean, cv_sd, holdout) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Metric m : metrics) {
                    st.setString(1, experiment);
                    st.setString(2, id);
                    st.setString(3, m.model());
                    st.setString(4, m.metric());
                    setDouble(st, 5, m.cvMean());
                    setDouble(st, 6, m.cvSd());
                    setDouble(st, 7, m.holdout());
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
    }

    /** Marks {@code id} as the promoted run of its experiment: the one its output folder holds and serves. */
    public void promote(String experiment, String id) {
        transaction(() -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "UPDATE mlx_runs SET promoted = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE experiment = ?")) {
                st.setString(1, id);
                st.setString(2, experiment);
                st.executeUpdate();
            }
        });
    }

    /** Sets run {@code id}'s message: why it stopped, or what became of it (a retrain's candidate, kept or promoted). */
    public void note(String experiment, String id, String message) {
        transaction(() -> {
            try (PreparedStatement st = connection.prepareStatement("UPDATE mlx_runs SET message = ? WHERE experiment = ? AND id = ?")) {
                st.setString(1, message);
                st.setString(2, experiment);
                st.setString(3, id);
                st.executeUpdate();
            }
        });
    }

    /** Forgets a run: its row, parameters and metrics, in one transaction (its folder is the caller's). */
    public void delete(String experiment, String id) {
        transaction(() -> {
            for (String sql : List.of("DELETE FROM mlx_run_metrics WHERE experiment = ? AND run_id = ?",
                    "DELETE FROM mlx_run_params WHERE experiment = ? AND run_id = ?",
                    "DELETE FROM mlx_runs WHERE experiment = ? AND id = ?")) {
                try (PreparedStatement st = connection.prepareStatement(sql)) {
                    st.setString(1, experiment);
                    st.setString(2, id);
                    st.executeUpdate();
                }
            }
        });
    }

    /** The experiments the store holds runs of, sorted. */
    public List<String> experiments() {
        List<String> names = new ArrayList<>();
        query("SELECT DISTINCT experiment FROM mlx_runs ORDER BY experiment", List.of(), rs -> names.add(rs.getString(1)));
        return names;
    }

    /** Every run of {@code experiment}, oldest first, with its parameters and metrics. */
    public List<Entry> runs(String experiment) {
        Map<String, Map<String, Double>> params = new LinkedHashMap<>();
        Map<String, List<String>> overridden = new LinkedHashMap<>();
        query("SELECT run_id, name, value, overridden FROM mlx_run_params WHERE experiment = ? ORDER BY run_id, name",
                List.of(experiment), rs -> {
                    params.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), getDouble(rs, 3));
                    if (rs.getInt(4) != 0) {
                        overridden.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                });
        Map<String, List<Metric>> metrics = new LinkedHashMap<>();
        query("SELECT run_id, model, metric, cv_mean, cv_sd, holdout FROM mlx_run_metrics WHERE experiment = ? "
                + "ORDER BY run_id, model, metric", List.of(experiment), rs -> metrics.computeIfAbsent(rs.getString(1),
                        k -> new ArrayList<>()).add(new Metric(rs.getString(2), rs.getString(3), getDouble(rs, 4), getDouble(rs, 5),
                        getDouble(rs, 6))));
        List<Entry> runs = new ArrayList<>();
        query("SELECT id, started, duration_ms, status, folder, source_file, file_sha256, data_source, data_sha256, data_rows, "
                + "data_columns, selected, metric, git_commit, mlx_version, message, promoted, engine FROM mlx_runs "
                + "WHERE experiment = ? "
                + "ORDER BY id", List.of(experiment), rs -> {
                    String id = rs.getString(1);
                    long d = rs.getLong(3);
                    Long duration = rs.wasNull() ? null : d;
                    int rows = rs.getInt(10);
                    Integer dataRows = rs.wasNull() ? null : rows;
                    int cols = rs.getInt(11);
                    Integer dataColumns = rs.wasNull() ? null : cols;
                    runs.add(new Entry(experiment, id, rs.getLong(2), duration, rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), dataRows, dataColumns, rs.getString(12),
                            rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getInt(17) != 0,
                            params.getOrDefault(id, Map.of()), overridden.getOrDefault(id, List.of()),
                            metrics.getOrDefault(id, List.of()), rs.getString(18) == null ? "local" : rs.getString(18)));
                });
        return runs;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing is pending: every write committed or rolled back
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    private void transaction(Work work) {
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the first error is the one to report
            }
            throw new RunException("cannot write to the run store " + label + ": " + e.getMessage(), e);
        }
    }

    private void query(String sql, List<String> args, Rows rows) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
            connection.commit(); // ends the read transaction, so a writer elsewhere is not held up
        } catch (SQLException e) {
            throw new RunException("cannot read the run store " + label + ": " + e.getMessage(), e);
        }
    }

    private static Double getDouble(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

    private static void setLong(PreparedStatement st, int i, Long v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.BIGINT);
        } else {
            st.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement st, int i, Integer v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            st.setNull(i, Types.DOUBLE);
        } else {
            st.setDouble(i, v);
        }
    }
}
