package dev.mlx.cli;

import java.io.InputStream;
import java.util.Properties;

/** The mlx version, from the build. */
public final class Version {
    private static final String VALUE = load();

    private Version() {
    }

    public static String get() {
        return VALUE;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/mlx/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("$") ? "dev" : v;
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
