package dev.mlx.lsp;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import dev.mlx.syntax.Tok;
import java.util.List;

/**
 * One version of an open document: its text, tokens and (parsed on first use) syntax tree. Editor
 * requests read the snapshot of the text as it is now, even while a check of it is still running.
 */
final class Snapshot {
    final int version;
    final SourceFile file;
    private List<Tok> tokens;
    private Parsing.Result parsed;

    Snapshot(int version, SourceFile file) {
        this.version = version;
        this.file = file;
    }

    String text() {
        return file.text();
    }

    synchronized List<Tok> tokens() {
        if (tokens == null) {
            tokens = Parsing.lex(file.text());
        }
        return tokens;
    }

    /** The tree as far as the parser could read it (statement-level recovery); null if unreadable. */
    synchronized ExperimentNode tree() {
        if (parsed == null) {
            parsed = Parsing.parse(file, d -> { });
        }
        return parsed.experiment();
    }
}
