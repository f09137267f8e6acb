package dev.mlx.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The {@code mlx explain} pages, one Markdown resource per code. */
public final class Explanations {
    private Explanations() {
    }

    /** The page text, or null when the code has no page (a test forbids that). */
    public static String raw(Code code) {
        try (InputStream in = Explanations.class.getResourceAsStream("/dev/mlx/diag/explain/" + code.name() + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    public static String page(Code code) {
        String raw = raw(code);
        return raw != null ? raw : "# " + code.name() + ": " + code.title() + "\n\n(no page yet)\n";
    }
}
