package dev.mlx.lsp;

import dev.mlx.diag.Code;
import dev.mlx.diag.Explanations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where a diagnostic code's explain page is, as a link for {@code codeDescription}. By default the
 * pages that {@code mlx explain} prints are written once per version as Markdown files under the
 * user's cache folder ({@code $XDG_CACHE_HOME/mlx/VERSION/explain/MLX0311.md}, else
 * {@code ~/.cache/...}) and linked by {@code file:} URI: they work offline and always match the
 * server. An editor can instead pass {@code explainBaseUrl} in the initialization options to link a
 * hosted copy ({@code BASE + "MLX0311.md"}).
 */
final class ExplainLinks {
    /** The links, once the pages are written (local pages are written in the background). */
    private final CompletableFuture<Map<Code, String>> links;

    private ExplainLinks(CompletableFuture<Map<Code, String>> links) {
        this.links = links;
    }

    static ExplainLinks hosted(String base) {
        Map<Code, String> l = new EnumMap<>(Code.class);
        for (Code c : Code.values()) {
            l.put(c, base + c.name() + ".md");
        }
        return new ExplainLinks(CompletableFuture.completedFuture(l));
    }

    /**
     * Writes the pages (when missing) and links them; codes whose page cannot be written get no link.
     * The pages are written on a thread of their own, so that {@code initialize} does not wait for
     * them (reading and comparing every page was a third of its answer); {@link #link} waits.
     */
    static ExplainLinks local(String version) {
        CompletableFuture<Map<Code, String>> links = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                links.complete(write(version));
            } catch (RuntimeException | Error e) {
                links.complete(new EnumMap<>(Code.class)); // no links; the diagnostics are unaffected
            }
        }, "mlx-lsp-explain-pages");
        t.setDaemon(true);
        t.start();
        return new ExplainLinks(links);
    }

    private static Map<Code, String> write(String version) {
        Map<Code, String> l = new EnumMap<>(Code.class);
        Path dir = cacheDir().resolve("mlx").resolve(version).resolve("explain");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return l;
        }
        for (Code c : Code.values()) {
            Path page = dir.resolve(c.name() + ".md");
            try {
                String text = Explanations.page(c);
                if (!Files.exists(page) || !Files.readString(page, StandardCharsets.UTF_8).equals(text)) {
                    Path tmp = Files.createTempFile(dir, "." + c.name(), ".tmp");
                    Files.writeString(tmp, text, StandardCharsets.UTF_8);
                    try {
                        Files.move(tmp, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                l.put(c, page.toUri().toString());
            } catch (IOException e) {
                // no link for this code; the diagnostic itself is unaffected
            }
        }
        return l;
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        String home = System.getProperty("user.home");
        return home == null ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(home, ".cache");
    }

    String link(Code code) {
        return links.join().get(code);
    }
}
