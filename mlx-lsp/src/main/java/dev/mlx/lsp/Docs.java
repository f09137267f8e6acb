package dev.mlx.lsp;

import dev.mlx.catalog.BlockSpec;
import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.FunctionSpec;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.StatementSpec;
import dev.mlx.catalog.Task;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataProfile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown for hover and completion documentation, all drawn from the catalog and the data profile. */
final class Docs {
    private Docs() {
    }

    static String block(BlockSpec b) {
        StringBuilder sb = new StringBuilder("**").append(b.keyword()).append("** block")
                .append(b.required() ? " (required)" : "").append(" — ").append(b.doc()).append("\n\n");
        if (!b.keyword().equals("params") && !b.keyword().equals("report")) {
            sb.append("```mlx\n");
            for (StatementSpec s : b.statements()) {
                sb.append(s.shape()).append('\n');
            }
            sb.append("```\n");
        }
        return sb.toString();
    }

    static String statement(String block, StatementSpec s) {
        return "```mlx\n" + s.shape() + "\n```\n\n" + capital(s.doc()) + " (in `" + block + "`)";
    }

    static String model(ModelSpec m) {
        StringBuilder sb = new StringBuilder("**").append(m.kind()).append("** — ").append(m.title()).append("\n\n")
                .append(m.doc()).append("\n\n");
        List<String> tasks = new ArrayList<>();
        m.tasks().forEach(t -> tasks.add(t.word()));
        sb.append("Tasks: ").append(String.join(", ", tasks))
                .append(" · probabilities: ").append(m.probabilistic() ? "yes" : "no")
                .append(" · needs scaled features: ").append(m.needsScaling() ? "yes" : "no")
                .append(" · ONNX export: ").append(m.onnx() ? "yes" : "no").append("\n\n");
        if (!m.params().isEmpty()) {
            sb.append("| hyperparameter | accepts | default | |\n|---|---|---|---|\n");
            for (ParamSpec p : m.params()) {
                sb.append("| `").append(p.name()).append("` | ").append(accepts(p)).append(" | ")
                        .append(p.defaultValue() == null ? "" : p.defaultValue()).append(" | ").append(p.doc()).append(" |\n");
            }
        }
        String trainer = String.join(", ", new java.util.LinkedHashSet<>(m.trainers().values()));
        sb.append("\nTribuo: `").append(trainer).append('`');
        return sb.toString();
    }

    private static String accepts(ParamSpec p) {
        String s = p.type().description();
        if (!p.choices().isEmpty()) {
            s += ": " + String.join(", ", p.choices());
        }
        if (p.min() != null || p.max() != null) {
            s += " in " + (p.min() == null ? "" : num(p.min())) + ".." + (p.max() == null ? "" : num(p.max()));
        }
        return s;
    }

    static String param(ModelSpec m, ParamSpec p) {
        return "**" + p.name() + "** (hyperparameter of `" + m.kind() + "`) — " + p.doc() + "\n\n" + capital(p.summary());
    }

    static String metric(MetricSpec m) {
        List<String> tasks = new ArrayList<>();
        for (Task t : Task.values()) {
            if (m.tasks().contains(t)) {
                tasks.add(t.word());
            }
        }
        return "**" + m.name() + "** (metric) — " + m.doc() + "\n\n" + String.join(", ", tasks) + " · "
                + (m.higherIsBetter() ? "higher is better" : "lower is better")
                + (m.needsProbabilities() ? " · needs class probabilities" : "")
                + (m.needsLabels() ? " · needs known labels (a target)" : "");
    }

    static String transform(TransformSpec t) {
        StringBuilder sb = new StringBuilder("**").append(t.name()).append("** (transform) — ").append(t.doc())
                .append("\n\nAccepts ");
        List<String> types = new ArrayList<>();
        for (dev.mlx.catalog.ColumnType c : dev.mlx.catalog.ColumnType.values()) {
            if (t.accepts().contains(c)) {
                types.add(c.word());
            }
        }
        sb.append(String.join(", ", types)).append(" columns; produces ").append(t.produces()).append('.');
        if (!t.options().isEmpty()) {
            sb.append("\n\nOptions:");
            t.options().forEach((k, v) -> sb.append("\n- `").append(k).append("` ").append(v)
                    .append(t.required().contains(k) ? " (required)" : ""));
        }
        if (!t.aliases().isEmpty()) {
            sb.append("\n\nAlso written: ").append(String.join(", ", t.aliases()));
        }
        return sb.toString();
    }

    static String function(FunctionSpec f) {
        return "**" + f.name() + "**(" + f.argument() + ") — " + f.doc() + "\n\nUsable in "
                + (f.inChecks() && f.inDerive() ? "checks and derive" : f.inChecks() ? "checks" : "derive");
    }

    /** "category · 3 missing (0.9%)": the detail line of a column completion. */
    static String columnDetail(ColumnProfile c) {
        return c.type().word() + " · " + (c.missing() == 0 ? "no missing" : pct(c.missingShare()) + " missing");
    }

    /** What {@code describe} says of a column, with its unit: "body mass of the bird (unit: g)". */
    static String meaning(dev.mlx.ast.Stmt.ColumnDoc doc) {
        return doc.text().value() + (doc.unit() == null ? "" : " (unit: " + doc.unit().value() + ")");
    }

    /** The data source as the file names it: relative to the .mlx file's folder when under it. */
    static String source(DataProfile data, java.nio.file.Path folder) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(data.source());
            if (folder != null && p.isAbsolute() && p.startsWith(folder)) {
                return folder.relativize(p).toString().replace('\\', '/');
            }
        } catch (java.nio.file.InvalidPathException e) {
            // a JDBC URL: shown as it is
        }
        return data.source();
    }

    static String column(ColumnProfile c, DataProfile data, java.nio.file.Path folder) {
        return column(c, data, folder, null);
    }

    /** A column's hover: its type and source, what {@code describe} says it means (when it does), its statistics. */
    static String column(ColumnProfile c, DataProfile data, java.nio.file.Path folder, dev.mlx.ast.Stmt.ColumnDoc doc) {
        StringBuilder sb = new StringBuilder("**").append(c.name()).append("** — ").append(c.type().word())
                .append(" column");
        if (c.type() != c.inferred()) {
            sb.append(" (declared; the values look like ").append(c.inferred().word()).append(')');
        }
        sb.append(" of `").append(source(data, folder)).append("`\n\n");
        if (doc != null) {
            sb.append(meaning(doc)).append("\n\n");
        }
        long total = c.count() + c.missing();
        sb.append("- missing: ").append(c.missing()).append(" of ").append(total).append(" (")
                .append(pct(c.missingShare())).append(")\n");
        sb.append("- distinct: ").append(c.distinctCapped() ? "over " : "").append(c.distinct()).append('\n');
        if (c.min() != null && c.max() != null) {
            sb.append("- min ").append(num(c.min())).append(" · max ").append(num(c.max()));
            if (c.mean() != null) {
                sb.append(" · mean ").append(num(c.mean()));
            }
            sb.append('\n');
        }
        if (!c.top().isEmpty() && !c.type().isNumeric()) {
            sb.append("- top values: ");
            List<String> vals = new ArrayList<>();
            for (ColumnProfile.ValueCount vc : c.top().subList(0, Math.min(5, c.top().size()))) {
                vals.add("`" + vc.value().replace("`", "'") + "` (" + vc.count() + ")");
            }
            sb.append(String.join(", ", vals)).append('\n');
        }
        if (c.badValues() > 0) {
            sb.append("- ").append(c.badValues()).append(" values do not fit the type, first \"").append(c.badExample())
                    .append("\" in row ").append(c.badRow()).append('\n');
        }
        sb.append("\n").append(data.sampled() ? "From the first " : "From ").append(data.rows()).append(" rows.");
        return sb.toString();
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
