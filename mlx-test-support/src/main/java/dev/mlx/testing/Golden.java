package dev.mlx.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one golden-file rule: the expected text lives in a file; {@code -Dmlx.update=true} rewrites it
 * from what the code produces now; without that switch a missing golden file fails the test, so a
 * golden test can never pass by writing its own expectation.
 */
public final class Golden {
    /** The system property that rewrites golden files. */
    public static final String UPDATE = "mlx.update";

    private Golden() {
    }

    /** True when the build was asked to rewrite golden files. */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /** Compares {@code actual} with the golden file (or rewrites it when updating). */
    public static void assertMatches(Path golden, String actual) {
        assertMatches(golden, actual, "");
    }

    /** As {@link #assertMatches(Path, String)}, with a line saying what was compared. */
    public static void assertMatches(Path golden, String actual, String what) {
        String prefix = what.isEmpty() ? "" : what + ": ";
        try {
            if (updating()) {
                Path parent = golden.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(golden)) {
                fail(prefix + "golden file " + golden + " is missing (run with -D" + UPDATE + "=true to write it)");
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                    prefix + golden + " differs (rerun with -D" + UPDATE + "=true after an intended change)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
