package dev.mlx.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of mlx doing the compiling, from the build ({@code dev/mlx/version.properties}, which
 * mlx-runtime's build fills in). Every front end (the command line, the Maven plugin) stamps it into
 * the plan and the jars it writes; "dev" when run from classes that the build did not filter.
 */
public final class MlxVersion {
    private static final String VALUE = load();

    private MlxVersion() {
    }

    /** The version, or "dev". */
    public static String get() {
        return VALUE;
    }

    private static String load() {
        try (InputStream in = MlxVersion.class.getResourceAsStream("/dev/mlx/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("$") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
