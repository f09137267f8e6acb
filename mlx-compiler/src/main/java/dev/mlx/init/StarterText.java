package dev.mlx.init;

import static dev.mlx.fmt.Quoting.name;
import static dev.mlx.fmt.Quoting.str;

import dev.mlx.catalog.Task;
import dev.mlx.check.data.DataException;
import dev.mlx.check.data.DataProfiler;
import dev.mlx.fmt.Quoting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the {@code .mlx} text from the choices, block by block in the order the language reads
 * them. The short blocks are written here; checks, features, models and evaluation have classes of
 * their own.
 */
final class StarterText {
    private StarterText() {
    }

    static String render(Choices c) {
        Writer w = new Writer();
        String name = experimentName(c.request().data());
        w.line("// A starter experiment written by `mlx init` from " + c.request().data().getFileName() + " ("
                + c.data().rows() + (c.data().sampled() ? "+" : "") + " rows, " + c.data().columns().size()
                + " columns).");
        w.line("// Every choice below is a first guess from the data: read it, change it, run `mlx check`.");
        w.line("experiment " + name + " " + str(question(c)) + " {");
        w.block("scope", scope(c));
        w.block("data", data(c));
        w.block("review", review(c));
        w.block("checks", ChecksBlock.statements(c));
        List<String> features = FeaturesBlock.statements(c);
        if (!features.isEmpty()) {
            w.block("features", features);
        }
        w.block("inspect", inspect(c));
        List<ModelBlocks.Rung> ladder = ModelBlocks.ladder(c);
        w.block("models", ModelBlocks.models(ladder));
        w.block("evaluate", ModelBlocks.evaluate(c, ladder));
        if (c.task() != Task.CLUSTERING) {
            w.block("explain", List.of("importance permutation top 10"));
        }
        w.block("deploy", List.of("export tribuo " + str("out/" + name + ".tribuo"), "serve port 8080"));
        w.line("");
        w.line("  report " + str("out/" + name + ".html"));
        w.line("}");
        return w.toString();
    }

    private static String question(Choices c) {
        return switch (c.task()) {
            case CLASSIFICATION -> c.binary()
                    ? "Which rows have " + c.target().name() + " \"" + c.positive() + "\"?"
                    : "Which " + c.target().name() + " does each row belong to?";
            case REGRESSION -> "How well can we predict " + c.target().name() + " from the other columns?";
            case CLUSTERING -> "Which natural groups do the rows fall into?";
        };
    }

    private static List<String> scope(Choices c) {
        List<String> lines = new ArrayList<>();
        lines.add("task " + c.task().word());
        if (c.target() != null) {
            lines.add("target " + name(c.target().name()));
        }
        if (c.positive() != null) {
            lines.add("positive " + str(c.positive()));
        }
        String metric = c.metric();
        lines.add("metric " + metric);
        lines.add(switch (c.task()) {
            case CLASSIFICATION -> "// require " + metric + " >= 0.8 on cv    // a release gate: the run fails below it";
            case REGRESSION -> "// require r2 >= 0.7 on cv    // a release gate: the run fails below it";
            case CLUSTERING -> "// require silhouette >= 0.25    // a release gate: the run fails below it";
        });
        return lines;
    }

    private static List<String> data(Choices c) {
        List<String> lines = new ArrayList<>();
        String source = "source csv " + str(relativePath(c.request()));
        String delimiter = delimiter(c.request().data());
        if (!delimiter.equals(",")) {
            source += " delimiter " + str(delimiter);
        }
        lines.add(source);
        if (c.id() != null) {
            lines.add("id " + name(c.id().name()));
        }
        if (!c.types().isEmpty()) {
            List<String> decls = new ArrayList<>();
            c.types().forEach((col, t) -> {
                String format = c.dateFormats().get(col);
                decls.add(name(col) + ": " + t.word() + (format == null ? "" : " " + str(format)));
            });
            String inline = "types { " + String.join(", ", decls) + " }";
            if (decls.size() <= 3 && inline.length() <= 80) {
                lines.add(inline);
            } else {
                lines.add("types {");
                decls.forEach(d -> lines.add("  " + d));
                lines.add("}");
            }
        }
        lines.add("missing " + String.join(", ", c.markers().stream().map(Quoting::str).toList()));
        if (c.cvOnAllRows()) {
            lines.add("split none  // a small table: every row is cross-validated, then the final model is fitted on all of them");
            return lines;
        }
        // A stratified holdout takes 20% of each class: nothing of classes of one row each.
        boolean stratified = c.task() == Task.CLASSIFICATION && !(c.target().unique() && c.holdoutPercent() < 50);
        lines.add("split holdout " + c.holdoutPercent() + "%" + (stratified ? " stratified" : "")
                + " seed 42");
        return lines;
    }

    private static String delimiter(Path data) {
        try {
            return DataProfiler.detectDelimiter(data);
        } catch (DataException e) {
            return ","; // the file was just read; if it cannot be read again the check will say so
        }
    }

    /** The data file as seen from where the .mlx will live, so the pair can move together. */
    private static String relativePath(Starter.Request request) {
        Path file = request.data().toAbsolutePath().normalize();
        Path base = request.baseDir().toAbsolutePath().normalize();
        Path rel;
        try {
            rel = file.getRoot() != null && file.getRoot().equals(base.getRoot()) ? base.relativize(file) : file;
        } catch (IllegalArgumentException e) {
            rel = file;
        }
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    private static List<String> review(Choices c) {
        List<String> lines = new ArrayList<>();
        lines.add("summary");
        boolean numeric = c.data().columns().stream().anyMatch(col -> col != c.id() && c.typeOf(col).isNumeric());
        if (numeric) {
            lines.add("outliers iqr 1.5");
            lines.add("correlations");
        }
        if (c.task() == Task.CLASSIFICATION) {
            lines.add("balance");
        }
        return lines;
    }

    /**
     * Gaps left after the features block stop the run. Leakage is measured against the target
     * (clustering has none) by one feature alone (AUC, or R² for regression): a genuine strong
     * feature reaches 0.95 and more (petal width on iris scores 0.996), so only a near-perfect one,
     * a copy of the target or a value recorded after the fact, is stopped; on a small table even a
     * perfect score can be chance, so there it is not a gate. Constant columns were dropped by
     * name; a feature constant only in the training rows (a rare value that fell in the holdout)
     * is no reason to stop, so {@code no constant} is not written.
     */
    private static List<String> inspect(Choices c) {
        if (c.task() == Task.CLUSTERING || c.data().rows() < LEAKAGE_ROWS) {
            return List.of("no missing");
        }
        return List.of("no missing", "leakage below " + LEAKAGE);
    }

    /** The leakage gate init writes: near-perfect, not merely strong. */
    static final String LEAKAGE = "0.999";
    /** Below this many rows init writes no leakage gate. */
    static final long LEAKAGE_ROWS = 100;

    /** Two-space indentation, one statement per line, a blank line between blocks. */
    private static final class Writer {
        private final StringBuilder sb = new StringBuilder();
        private int blocks;

        void line(String s) {
            sb.append(s).append('\n');
        }

        void block(String keyword, List<String> statements) {
            if (blocks++ > 0) {
                line("");
            }
            line("  " + keyword + " {");
            for (String s : statements) {
                line("    " + s);
            }
            line("  }");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /**
     * The experiment's name from the data file's: unlike a column it names nothing outside the file,
     * so it is rewritten into a bare identifier rather than quoted.
     */
    private static String experimentName(Path data) {
        String file = data.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String s = stem.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", "_").replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        if (s.isEmpty()) {
            return "experiment_1";
        }
        if (!Character.isLetter(s.codePointAt(0))) {
            s = "data_" + s;
        }
        return Quoting.reserved(s) ? s + "_data" : s;
    }
}
