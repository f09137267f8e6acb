package dev.mlx.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The queries a user has run with {@code mlx check}, so that the language server may run them too
 * (docs/lsp.md, "Workspace trust"). A consent names one file, one URL and one query: editing the
 * URL or the query, or moving the file, asks again. It is kept as one SHA-256 line per consent in
 * {@code trusted-queries} under the user's mlx configuration folder ({@code $MLX_CONFIG_HOME}, else
 * {@code $XDG_CONFIG_HOME/mlx}, else {@code ~/.config/mlx}), where the CLI and the server both look.
 */
public final class QueryConsent {
    /** The file name of the store inside the configuration folder. */
    public static final String FILE = "trusted-queries";
    private final Path store;

    /** A store at this path (tests use a temporary one). */
    public QueryConsent(Path store) {
        this.store = store;
    }

    /**
     * The user's store, in the configuration folder the environment names (the system property
     * {@code mlx.config.home} first, which the build's tests set).
     */
    public static QueryConsent user() {
        String home = System.getProperty("mlx.config.home", System.getenv("MLX_CONFIG_HOME"));
        Path dir;
        if (home != null && !home.isBlank()) {
            dir = Path.of(home);
        } else {
            String xdg = System.getenv("XDG_CONFIG_HOME");
            dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config"))
                    .resolve("mlx");
        }
        return new QueryConsent(dir.resolve(FILE));
    }

    /** The store's path. */
    public Path store() {
        return store;
    }

    /** Whether the user ran this query of this file with {@code mlx check}. */
    public boolean granted(Path file, String url, String query) {
        try {
            return Files.isRegularFile(store) && Files.readAllLines(store, StandardCharsets.UTF_8).contains(key(file, url, query));
        } catch (IOException e) {
            return false; // an unreadable store grants nothing
        }
    }

    /**
     * Records that the user ran this query; an unwritable store is not an error of the check (the
     * editor then keeps asking), so this returns whether it was recorded.
     */
    public boolean grant(Path file, String url, String query) {
        if (granted(file, url, query)) {
            return true;
        }
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.writeString(store, key(file, url, query) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The trust of {@code mlx check}: every query may run, and each one run from a file on disk is
     * recorded as consent for the language server.
     */
    public DataTrust recording() {
        return new DataTrust() {
            @Override
            public String refuseQuery(dev.mlx.source.SourceFile file, String url, String query) {
                if (file.path() != null) {
                    grant(file.path(), url, query);
                }
                return null;
            }
        };
    }

    static String key(Path file, String url, String query) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(file.toAbsolutePath().normalize().toString(), url, query)) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
