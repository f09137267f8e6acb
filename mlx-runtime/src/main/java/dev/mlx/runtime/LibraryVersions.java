package dev.mlx.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of a library as its own jar records it: {@code META-INF/maven/GROUP/ARTIFACT/pom.properties},
 * which Maven writes into every jar it builds and the runtime bundle keeps. A package's
 * implementation version would not do: in the bundle every package reports the bundle's own manifest.
 */
public final class LibraryVersions {
    private LibraryVersions() {
    }

    /** The version of {@code group:artifact} on the classpath, or "unknown" when its jar does not say. */
    public static String of(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = LibraryVersions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null || v.isBlank() ? "unknown" : v.strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
