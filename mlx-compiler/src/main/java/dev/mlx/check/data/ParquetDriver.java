package dev.mlx.check.data;

import dev.mlx.runtime.data.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * DuckDB's JDBC driver in the tool's own process, for checking (and {@code mlx run}) experiments that
 * read Parquet. The tool carries the driver's jar once, as the resource {@value #RESOURCE} that
 * {@code codegen.JarBuilder} appends to the jars of such experiments; here it is copied to a temporary
 * file, loaded in a class loader of its own and registered with {@link DriverManager} through a
 * delegate (DriverManager hands out only drivers whose class the caller's loader can see). JDBC's
 * driver list is the JVM's one registry, so this is the one piece of process-wide state the checker
 * keeps: loaded once, on the first Parquet source, and never for a file that reads none.
 */
public final class ParquetDriver {
    /** Where the build puts DuckDB's JDBC jar (see mlx-compiler's pom). */
    public static final String RESOURCE = "/dev/mlx/codegen/duckdb-driver.jar";

    private static String problem;
    private static boolean tried;

    private ParquetDriver() {
    }

    /** Makes a DuckDB driver available to {@link ParquetFiles#open()}; null when it is, else why not. */
    public static synchronized String load() {
        if (tried || ParquetFiles.driverAvailable()) {
            return problem;
        }
        tried = true;
        try (InputStream jar = ParquetDriver.class.getResourceAsStream(RESOURCE)) {
            if (jar == null) {
                problem = "this build of mlx has no Parquet reader (" + RESOURCE + "): build it with `mvn -B package`";
                return problem;
            }
            Path copy = Files.createTempFile("mlx-duckdb-", ".jar");
            copy.toFile().deleteOnExit();
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()},
                    ParquetDriver.class.getClassLoader());
            Driver real = (Driver) Class.forName(ParquetFiles.DRIVER, true, loader).getDeclaredConstructor().newInstance();
            DriverManager.registerDriver(new Delegate(real));
            return null;
        } catch (IOException | ReflectiveOperationException | SQLException | LinkageError e) {
            problem = "the Parquet reader (DuckDB's JDBC driver) did not load: " + e;
            return problem;
        }
    }

    /** A driver of the tool's own class loader that hands every call to DuckDB's. */
    private record Delegate(Driver real) implements Driver {
        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return real.connect(url, info);
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return real.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return real.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return real.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return real.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return real.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return real.getParentLogger();
        }
    }
}
