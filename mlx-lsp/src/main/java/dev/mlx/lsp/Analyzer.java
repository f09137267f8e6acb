package dev.mlx.lsp;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.check.DataFiles;
import dev.mlx.check.DataTrust;
import dev.mlx.check.ProfileCache;
import dev.mlx.check.data.DataProfile;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Tok;
import dev.mlx.syntax.TokenType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Runs the checker pipeline on a snapshot, the way {@code mlx check} does, with the server's profile cache. */
final class Analyzer {
    private final ProfileCache cache;
    private final DataTrust trust;

    /** Trusting every file's data, as {@code mlx check} does (the tests of the other features). */
    Analyzer(ProfileCache cache) {
        this(cache, DataTrust.ALL);
    }

    Analyzer(ProfileCache cache, DataTrust trust) {
        this.cache = cache;
        this.trust = trust;
    }

    Analysis analyze(Snapshot snap, Analysis previous) {
        SourceFile file = snap.file;
        // Why data was not read, if it was not: shown to the user beside the data source.
        String[] withheld = new String[1];
        DataTrust recording = new DataTrust() {
            @Override
            public String refuseData(SourceFile f) {
                return remember(trust.refuseData(f));
            }

            @Override
            public String refuseQuery(SourceFile f, String url, String query) {
                return remember(trust.refuseQuery(f, url, query));
            }

            private String remember(String why) {
                if (why != null) {
                    withheld[0] = why;
                }
                return why;
            }
        };
        CheckOptions options = new CheckOptions(false, Map.of(), true, cache, List.of(), recording);
        // Stamped before reading: a data file that changes during the check is seen as changed after it.
        Path watched = previous == null ? null : previous.dataFile();
        String stampBefore = DataFiles.stamp(watched);
        Diagnostics diags = new Diagnostics(file);
        CheckResult result = Checker.check(file, options, diags);
        ExperimentNode tree = result.experiment();
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
        Path dataFile = DataFiles.of(file, tree);
        String stamp = dataFile != null && dataFile.equals(watched) ? stampBefore : DataFiles.stamp(dataFile);
        return new Analysis(snap.version, snap, result, diags.sorted(), tree, data, dataFile, stamp, withheld[0]);
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
            if (t.is(TokenType.LBRACE)) {
                open.push(t);
            } else if (t.is(TokenType.RBRACE)) {
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
}
