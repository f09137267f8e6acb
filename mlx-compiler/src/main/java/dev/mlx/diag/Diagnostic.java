package dev.mlx.diag;

import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One finding about one root cause. Renders as human text, a short line, JSON and an LSP diagnostic.
 * The headline is lowercase with no final period and names things in backticks.
 */
public record Diagnostic(Code code, Severity severity, String message, SourceFile file,
                         List<Label> labels, List<String> notes, List<String> helps, List<Fix> fixes) {
    public Diagnostic {
        labels = List.copyOf(labels);
        notes = List.copyOf(notes);
        helps = List.copyOf(helps);
        fixes = List.copyOf(fixes);
    }

    public static Builder error(Code code, String message) {
        return new Builder(code, code.defaultSeverity(), message);
    }

    /** The primary span, or null for a diagnostic about no place in particular. */
    public Span span() {
        for (Label l : labels) {
            if (l.primary()) {
                return l.span();
            }
        }
        return labels.isEmpty() ? null : labels.get(0).span();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, message, file, labels, notes, helps, fixes);
    }

    /** Builds a diagnostic fluently; {@code file} may be set late by the sink. */
    public static final class Builder {
        private final Code code;
        private final Severity severity;
        private final String message;
        private SourceFile file;
        private final List<Label> labels = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> helps = new ArrayList<>();
        private final List<Fix> fixes = new ArrayList<>();

        private Builder(Code code, Severity severity, String message) {
            this.code = code;
            this.severity = severity;
            this.message = message;
        }

        public Builder file(SourceFile f) {
            this.file = f;
            return this;
        }

        public Builder primary(Span span, String label) {
            if (span != null) {
                labels.add(Label.primary(span, label));
            }
            return this;
        }

        public Builder secondary(Span span, String label) {
            if (span != null) {
                labels.add(Label.secondary(span, label));
            }
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder help(String help) {
            helps.add(help);
            return this;
        }

        public Builder fix(String title, Span span, String replacement) {
            fixes.add(new Fix(title, span, replacement));
            return this;
        }

        /** Adds the did-you-mean help and a fix replacing {@code span} when a suggestion exists. */
        public Builder suggest(Span span, String suggestion) {
            if (suggestion != null) {
                helps.add("did you mean `" + suggestion + "`?");
                fixes.add(new Fix("replace with `" + suggestion + "`", span, suggestion));
            }
            return this;
        }

        public Diagnostic build() {
            return new Diagnostic(code, severity, message, file, labels, notes, helps, fixes);
        }
    }
}
