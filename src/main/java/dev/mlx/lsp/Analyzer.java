package dev.mlx.lsp;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Experiment;
import dev.mlx.ast.Stmt;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.check.data.DataProfile;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Tok;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Runs the checker pipeline on a snapshot, the way {@code mlx check} does, with the server's profile cache. */
final class Analyzer {
    private final CheckOptions options;

    Analyzer(ProfileCache cache) {
        this.options = new CheckOptions(false, Map.of(), true, cache);
    }

    Analysis analyze(Snapshot snap, Analysis previous) {
        SourceFile file = snap.file;
        // Stamped before reading: a data file that changes during the check is seen as changed after it.
        Path watched = previous == null ? null : previous.dataFile();
        String stampBefore = stamp(watched);
        Diagnostics diags = new Diagnostics(file);
        CheckResult result = Checker.check(file, options, diags);
        Experiment tree = result.experiment();
        DataProfile data = result.data();
        if (tree == null) {
            // A missing or stray brace stops the checker before the data is bound; a copy of the
            // text with the braces balanced (offsets unchanged) still gives the outline and facts.
            String repaired = balanceBraces(snap.tokens(), file.text());
            if (repaired != null) {
                CheckResult r = Checker.check(new SourceFile(file.displayPath(), file.path(), repaired), options, d -> { });
                tree = r.experiment();
                data = r.data();
            }
        }
        if (data == null && previous != null && previous.data() != null && result.experiment() == null) {
            data = previous.data(); // still the best knowledge of the columns while the file is broken
        }
        Path dataFile = dataFile(file, tree);
        String stamp = dataFile != null && dataFile.equals(watched) ? stampBefore : stamp(dataFile);
        return new Analysis(snap.version, snap, result, diags.sorted(), tree, data, dataFile, stamp);
    }

    /**
     * The text with each unmatched `}` blanked and each unclosed `{` closed at the end, or null when
     * the braces already balance. Offsets of the original text are kept.
     */
    static String balanceBraces(List<Tok> tokens, String text) {
        StringBuilder sb = new StringBuilder(text);
        Deque<Tok> open = new ArrayDeque<>();
        boolean changed = false;
        for (Tok t : tokens) {
            if (t.is("LBRACE")) {
                open.push(t);
            } else if (t.is("RBRACE")) {
                if (open.isEmpty()) {
                    sb.setCharAt(t.span().start(), ' ');
                    changed = true;
                } else {
                    open.pop();
                }
            }
        }
        if (!open.isEmpty()) {
            sb.append('\n');
            sb.append("}\n".repeat(open.size()));
            changed = true;
        }
        return changed ? sb.toString() : null;
    }

    /** The CSV or SQLite file the data block reads, to notice when it changes on disk. */
    static Path dataFile(SourceFile file, Experiment tree) {
        if (tree == null) {
            return null;
        }
        Stmt.CsvSource csv = tree.first(BlockKind.DATA, Stmt.CsvSource.class);
        if (csv != null && csv.path() != null) {
            return file.directory().resolve(csv.path().value()).normalize();
        }
        Stmt.JdbcSource jdbc = tree.first(BlockKind.DATA, Stmt.JdbcSource.class);
        if (jdbc != null && jdbc.url() != null && jdbc.url().value().startsWith("jdbc:sqlite:")
                && !jdbc.url().value().startsWith("jdbc:sqlite::memory:")) {
            return file.directory().resolve(jdbc.url().value().substring("jdbc:sqlite:".length())).normalize();
        }
        return null;
    }

    /** Modification time and size: what tells that a data file changed. */
    static String stamp(Path p) {
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
