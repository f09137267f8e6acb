package dev.mlx.runtime.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Parquet files, read through DuckDB's JDBC driver: an in-memory database that runs one
 * {@code read_parquet} over a local file, so the rows arrive as a JDBC result set and are typed and
 * profiled exactly as a query's rows are ({@link JdbcLoader}, the checker's profile). The driver is
 * named, never linked: it is not in the runtime bundle (its natives are 80 MB against a bundle of
 * 35), and the compiler appends it only to the jars of experiments that read Parquet, or registers it
 * in its own process before a check.
 *
 * <p>The database may not install or load extensions on its own (DuckDB would otherwise fetch one
 * from the network for a remote path); the path is always a local file that was found first.
 */
public final class ParquetFiles {
    /** The driver's class, loaded by name. */
    public static final String DRIVER = "org.duckdb.DuckDBDriver";
    /** An in-memory DuckDB database. */
    public static final String URL = "jdbc:duckdb:";

    private ParquetFiles() {
    }

    /** True when a DuckDB driver is loaded or loadable by this class's loader, or registered with JDBC. */
    public static boolean driverAvailable() {
        try {
            Class.forName(DRIVER, true, ParquetFiles.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            try {
                DriverManager.getDriver(URL);
                return true;
            } catch (SQLException none) {
                return false;
            }
        }
    }

    /**
     * A connection to a fresh in-memory database that cannot fetch or load extensions. Throws
     * SQLException when no DuckDB driver is there, with a message that says so.
     */
    public static Connection open() throws SQLException {
        if (!driverAvailable()) {
            throw new SQLException("this program has no Parquet reader (DuckDB's JDBC driver): compile the experiment "
                    + "with `mlx compile`, which adds it to the jar of an experiment that reads Parquet");
        }
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection(URL, settings);
    }

    /** The query that reads every row of {@code file}, in file order. */
    public static String query(Path file) {
        String path = file.toAbsolutePath().normalize().toString().replace("'", "''");
        return "SELECT * FROM read_parquet('" + path + "')";
    }
}
