package dev.mlx.check;

import dev.mlx.diag.DiagnosticSink;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;

/** Entry point of the checker. (Passes being written.) */
public final class Checker {
    private Checker() {
    }

    public static CheckResult check(SourceFile file, CheckOptions options, DiagnosticSink sink) {
        Parsing.Result parsed = Parsing.parse(file, sink);
        return new CheckResult(parsed.experiment(), null, parsed.tokens(), java.util.Map.of());
    }
}
