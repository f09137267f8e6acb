package dev.mlx.diag;

import dev.mlx.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics for one file: fills in the file, drops exact repeats, caps the count, and
 * sorts by position for output.
 */
public final class Diagnostics implements DiagnosticSink {
    public static final int DEFAULT_LIMIT = 50;

    private final SourceFile file;
    private final int limit;
    private final List<Diagnostic> items = new ArrayList<>();
    private int dropped;

    public Diagnostics(SourceFile file) {
        this(file, DEFAULT_LIMIT);
    }

    public Diagnostics(SourceFile file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    @Override
    public void report(Diagnostic d) {
        Diagnostic withFile = d.file() == null
                ? new Diagnostic(d.code(), d.severity(), d.message(), file, d.labels(), d.notes(), d.helps(), d.fixes())
                : d;
        for (Diagnostic seen : items) {
            if (seen.code() == withFile.code() && seen.message().equals(withFile.message())
                    && java.util.Objects.equals(seen.span(), withFile.span())) {
                return;
            }
        }
        if (items.size() >= limit) {
            dropped++;
            return;
        }
        items.add(withFile);
    }

    public SourceFile file() {
        return file;
    }

    /** All diagnostics in source order (errors before warnings on the same spot). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(items);
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.span() == null ? -1 : d.span().start())
                .thenComparing(d -> d.severity().ordinal())
                .thenComparing(d -> d.code().name()));
        return out;
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return items.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return items.size() - errorCount();
    }

    /** How many were left out past the cap. */
    public int dropped() {
        return dropped;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * The closing line after a file's or a run's diagnostics, as every front end prints it:
     * {@code error: 2 errors, 1 warning}, or {@code warning: 1 warning} when there is no error.
     */
    public static String summary(long errors, long warnings) {
        StringBuilder sb = new StringBuilder(errors > 0 ? "error: " : "warning: ");
        if (errors > 0) {
            sb.append(errors).append(errors == 1 ? " error" : " errors");
        }
        if (warnings > 0) {
            sb.append(errors > 0 ? ", " : "").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        return sb.toString();
    }
}
