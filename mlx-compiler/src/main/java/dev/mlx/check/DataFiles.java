package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Stmt;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local file a data block reads, and what tells that it changed: one rule for the checker
 * (which profiles it and keys its cache on the stamp) and the language server (which watches it).
 * Paths are relative to the folder of the .mlx file.
 */
public final class DataFiles {
    private static final String SQLITE = "jdbc:sqlite:";

    private DataFiles() {
    }

    /** The data file (CSV, Parquet, JSON Lines), or the SQLite database of a {@code jdbc:sqlite:} URL, the data block reads; null for any other source. */
    public static Path of(SourceFile file, ExperimentNode tree) {
        if (tree == null) {
            return null;
        }
        Stmt.CsvSource csv = tree.first(BlockKind.DATA, Stmt.CsvSource.class);
        if (csv != null && csv.path() != null) {
            return resolve(file, csv.path().value());
        }
        Stmt.FileSource other = tree.first(BlockKind.DATA, Stmt.FileSource.class);
        if (other != null && other.path() != null) {
            return resolve(file, other.path().value());
        }
        Stmt.JdbcSource jdbc = tree.first(BlockKind.DATA, Stmt.JdbcSource.class);
        String db = jdbc == null || jdbc.url() == null ? null : sqlitePath(jdbc.url().value());
        return db == null ? null : resolve(file, db);
    }

    /** A path written in the file, resolved against its folder. */
    static Path resolve(SourceFile file, String written) {
        return file.directory().resolve(written).normalize();
    }

    /** The database path of a {@code jdbc:sqlite:} URL naming a file; null for other URLs and in-memory databases. */
    static String sqlitePath(String url) {
        return url.startsWith(SQLITE) && !url.startsWith(SQLITE + ":memory:") ? url.substring(SQLITE.length()) : null;
    }

    /** Modification time and size, "absent" when the file cannot be read; null for no file. */
    public static String stamp(Path p) {
        if (p == null) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p);
        } catch (IOException e) {
            return "absent";
        }
    }
}
