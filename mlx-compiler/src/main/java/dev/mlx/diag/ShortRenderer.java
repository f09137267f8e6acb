package dev.mlx.diag;

import dev.mlx.source.Span;

/** {@code path:line:col: error[MLX0311]: message}, one per line, for tools and grep. */
public final class ShortRenderer {
    public String render(Diagnostic d) {
        Span s = d.span();
        String where = d.file() == null ? "<input>" : d.file().displayPath();
        if (d.file() != null && s != null) {
            where += ":" + (d.file().line(s.start()) + 1) + ":" + d.file().displayColumn(s.start());
        }
        return where + ": " + d.severity().word() + "[" + d.code().name() + "]: " + d.message();
    }
}
