package dev.mlx.check;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataProfile;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.DiagnosticSink;
import dev.mlx.diag.DidYouMean;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the passes share while checking one file. Facts learned by an early pass (the task, the
 * data profile, the model names) are read by later ones; a null fact means "unknown", and passes
 * stay silent about what depends on it, so one mistake gives one diagnostic.
 */
final class Context {
    final SourceFile file;
    final DiagnosticSink sink;
    final CheckOptions options;
    final ExperimentNode experiment;
    final Catalog catalog = Catalog.get();

    Task task;
    Name target;
    /** The data as read, or null when it could not be (or was not) read. */
    DataProfile data;
    /** Parameter values by name, after --set overrides. */
    final Map<String, Double> params = new LinkedHashMap<>();
    final Map<String, String> paramText = new LinkedHashMap<>();
    /** Model names to their kinds, in declaration order. */
    final Map<String, String> models = new LinkedHashMap<>();
    /** Metrics computed by evaluate (deciding metric included). */
    final Set<String> computedMetrics = new LinkedHashSet<>();
    /** Raw columns that are transformed by standardize/normalize (for the scaling warning). */
    final Set<String> scaled = new LinkedHashSet<>();
    /** Raw columns dropped, with where. */
    final Map<String, Span> dropped = new LinkedHashMap<>();
    String idColumn;
    /** The columns each selector picked, in the order the features block resolved them. */
    final Map<dev.mlx.ast.Stmt.Selector, List<String>> selections = new LinkedHashMap<>();
    /** Where the parser already reported something: passes say nothing more there. */
    final List<Span> syntaxErrors = new java.util.ArrayList<>();

    boolean overlapsSyntaxError(Span s) {
        for (Span e : syntaxErrors) {
            if (e != null && e.start() >= s.start() && e.start() <= s.end()) {
                return true;
            }
        }
        return false;
    }

    private int errorsReported;

    Context(SourceFile file, DiagnosticSink sink, CheckOptions options, ExperimentNode experiment) {
        this.file = file;
        this.sink = sink;
        this.options = options;
        this.experiment = experiment;
    }

    void report(Diagnostic.Builder b) {
        Diagnostic d = b.file(file).build();
        if (d.isError()) {
            errorsReported++;
        }
        sink.report(d);
    }

    /** Errors this check has reported so far: a pass compares the count to see whether one of its statements was poisoned. */
    int errorsReported() {
        return errorsReported;
    }

    Diagnostic.Builder error(Code code, String message) {
        return Diagnostic.error(code, message);
    }

    /** The number a quantity stands for, resolving `$param`; NaN when unknown (already reported). */
    double number(Quantity q) {
        if (q == null) {
            return Double.NaN;
        }
        if (q.isVariable()) {
            Double v = params.get(q.variable());
            return v == null ? Double.NaN : v;
        }
        return q.value();
    }

    /**
     * The number as a fraction when written as a percentage ({@code 20%} is 0.2), directly or through a
     * parameter declared as one ({@code holdout = 20%} makes {@code $holdout} 0.2, as the run reads it).
     */
    double fraction(Quantity q) {
        double v = number(q);
        return isPercent(q) ? v / 100.0 : v;
    }

    /** Written as a percentage, or a parameter whose value (in the file or from {@code --set}) is one. */
    boolean isPercent(Quantity q) {
        if (q == null) {
            return false;
        }
        if (q.isVariable()) {
            String text = paramText.get(q.variable());
            return text != null && text.trim().endsWith("%");
        }
        return q.unit() == dev.mlx.ast.Unit.PERCENT;
    }

    boolean hasData() {
        return data != null;
    }

    /** The {@code split none} statement, or null: without one some rows are held out. */
    dev.mlx.ast.Stmt.SplitNone splitNone() {
        return experiment.first(dev.mlx.ast.BlockKind.DATA, dev.mlx.ast.Stmt.SplitNone.class);
    }

    /**
     * The rows the models are fitted on after the holdout (all of them with {@code split none}),
     * counting only rows with a target when there is one; -1 without data. Close to the run's split,
     * which rounds the holdout per class when stratified.
     */
    long trainingRows() {
        if (data == null) {
            return -1;
        }
        long rows = data.rows();
        if (target != null && task != Task.CLUSTERING) {
            ColumnProfile t = data.column(target.text());
            if (t != null) {
                rows = t.count();
            }
        }
        if (splitNone() != null) {
            return rows;
        }
        dev.mlx.ast.Stmt.Split split = experiment.first(dev.mlx.ast.BlockKind.DATA, dev.mlx.ast.Stmt.Split.class);
        double holdout = split == null ? 0.2 : fraction(split.holdout());
        if (Double.isNaN(holdout) || holdout <= 0 || holdout >= 1) {
            holdout = 0.2;
        }
        return rows - Math.max(1, Math.round(rows * holdout));
    }

    ColumnProfile column(String name) {
        return data == null ? null : data.column(name);
    }

    /**
     * Checks that a raw column exists; reports MLX0403 with did-you-mean from the real header.
     * Returns the profile, or null (unknown column, or no data to know).
     */
    ColumnProfile requireColumn(Name name, String role) {
        if (data == null || name == null) {
            return null;
        }
        ColumnProfile c = data.column(name.text());
        if (c != null) {
            return c;
        }
        Span dropAt = dropped.get(name.text());
        if (dropAt != null) {
            return null;
        }
        String suggestion = DidYouMean.suggest(name.text(), data.names());
        Diagnostic.Builder b = error(Code.MLX0403, "unknown column `" + name.text() + "`")
                .primary(name.span(), "no such column in the data" + (role == null ? "" : " (" + role + ")"))
                .note("the data (" + data.source() + ") has " + data.columns().size() + " columns: "
                        + shortList(data.names()));
        b.suggest(name.span(), suggestion == null ? null : quoteIfNeeded(suggestion));
        report(b);
        return null;
    }

    /** A path as the user would type it: relative to the working folder when under it. */
    static String display(java.nio.file.Path p) {
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    static String shortList(List<String> names) {
        List<String> shown = names.size() > 12 ? names.subList(0, 12) : names;
        String s = DidYouMean.list(shown);
        return names.size() > 12 ? s.replace(" and ", ", ") + " and " + (names.size() - 12) + " more" : s;
    }

    /** A column name as it must be written in a file. */
    static String quoteIfNeeded(String name) {
        if (name.matches("[\\p{L}_][\\p{L}\\p{N}_]*") && !name.equals("true") && !name.equals("false")
                && !name.equals("rows")) {
            return name;
        }
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }
}
