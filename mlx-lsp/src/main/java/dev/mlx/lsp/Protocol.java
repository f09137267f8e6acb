package dev.mlx.lsp;

import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.JsonRenderer;
import dev.mlx.diag.Label;
import dev.mlx.diag.Severity;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Between the compiler's values and the protocol's: spans are UTF-16 offsets and LSP positions
 * count UTF-16 units too, so a span maps to a range by the file's line index alone.
 */
final class Protocol {
    private Protocol() {
    }

    static Position position(SourceFile file, int offset) {
        int o = Math.min(Math.max(offset, 0), file.text().length());
        return new Position(file.line(o), file.column(o));
    }

    static Range range(SourceFile file, Span span) {
        if (span == null) {
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        return new Range(position(file, span.start()), position(file, span.end()));
    }

    static int offset(SourceFile file, Position p) {
        return file.offset(p.getLine(), p.getCharacter());
    }

    /**
     * One diagnostic as the protocol carries it: the first line of the message is the headline
     * {@code mlx check} prints, followed by its notes and helps; context spans become related
     * information; the code links to its explain page; {@code data} is {@code mlx check --format
     * json}'s object for the same diagnostic.
     */
    static org.eclipse.lsp4j.Diagnostic diagnostic(Diagnostic d, String uri, Function<dev.mlx.diag.Code, String> links) {
        StringBuilder message = new StringBuilder(d.message());
        for (String note : d.notes()) {
            message.append("\nnote: ").append(note);
        }
        for (String help : d.helps()) {
            message.append("\nhelp: ").append(help);
        }
        org.eclipse.lsp4j.Diagnostic out = new org.eclipse.lsp4j.Diagnostic(range(d.file(), d.span()), message.toString(),
                d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "mlx",
                d.code().name());
        String href = links.apply(d.code());
        if (href != null) {
            out.setCodeDescription(new DiagnosticCodeDescription(href));
        }
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Label l : d.labels()) {
            if (!l.primary()) {
                related.add(new DiagnosticRelatedInformation(new Location(uri, range(d.file(), l.span())),
                        l.message().isEmpty() ? "related" : l.message()));
            }
        }
        if (!related.isEmpty()) {
            out.setRelatedInformation(related);
        }
        out.setData(new JsonRenderer().toJson(d));
        return out;
    }
}
