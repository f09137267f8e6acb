package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.diag.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Likely mistakes that do not stop the run (errors under --strict). */
final class WarningsPass {
    private WarningsPass() {
    }

    static void run(Context ctx, Map<String, FeaturesPass.Col> features) {
        noBaseline(ctx);
        onnx(ctx);
        accuracyOnImbalance(ctx);
        if (ctx.data != null) {
            idLike(ctx, features);
            unscaled(ctx, features);
        }
    }

    /** ONNX export happens for the selected model; say early which models would leave it out. */
    private static void onnx(Context ctx) {
        for (Stmt.Export e : ctx.experiment.all(BlockKind.DEPLOY, Stmt.Export.class)) {
            if (!e.format().text().equals("onnx")) {
                continue;
            }
            List<String> without = new ArrayList<>();
            for (Map.Entry<String, String> m : ctx.models.entrySet()) {
                ModelSpec spec = ctx.catalog.model(m.getValue());
                if (spec != null && !spec.onnx() && (ctx.task == null || spec.tasks().contains(ctx.task))) {
                    without.add(m.getKey());
                }
            }
            if (without.isEmpty()) {
                continue;
            }
            List<String> with = ctx.catalog.models().values().stream()
                    .filter(s -> s.onnx() && (ctx.task == null || s.tasks().contains(ctx.task))).map(ModelSpec::kind).toList();
            ctx.report(ctx.error(Code.MLX0605, "`" + String.join("`, `", without) + "` cannot be exported to ONNX")
                    .primary(e.format().span(), "ONNX export")
                    .note("if one of them is selected, the run writes the Tribuo model and says that ONNX is unavailable")
                    .note("models with ONNX export: " + dev.mlx.diag.DidYouMean.list(with))
                    .help("remove `export onnx`, or keep only models that support it"));
        }
    }

    private static void noBaseline(Context ctx) {
        Section models = ctx.experiment.section(BlockKind.MODELS);
        if (models == null || ctx.models.isEmpty() || ctx.task == Task.CLUSTERING || ctx.models.containsValue("baseline")) {
            return;
        }
        ctx.report(ctx.error(Code.MLX0602, "no baseline model to compare with")
                .primary(models.name().span(), "the ladder has no `baseline`")
                .note("without a baseline a score cannot be judged: 0.9 accuracy is poor when 90% of rows are one class")
                .help("add `baseline base` as the first model"));
    }

    private static void accuracyOnImbalance(Context ctx) {
        Stmt.Metric m = ctx.experiment.first(BlockKind.SCOPE, Stmt.Metric.class);
        if (m == null || !m.metric().text().equals("accuracy") || ctx.target == null || ctx.task != Task.CLASSIFICATION) {
            return;
        }
        ColumnProfile t = ctx.column(ctx.target.text());
        if (t == null || t.top().size() < 2 || t.count() == 0) {
            return;
        }
        if (t.distinctCapped() || t.top().size() != t.distinct()) {
            return; // more classes than the profile counts one by one: their shares are not known
        }
        long smallest = Long.MAX_VALUE;
        String rare = null;
        long largest = -1;
        String common = null;
        for (ColumnProfile.ValueCount vc : t.top()) {
            if (vc.count() < smallest) {
                smallest = vc.count();
                rare = vc.value();
            }
            if (vc.count() > largest) {
                largest = vc.count();
                common = vc.value();
            }
        }
        int classes = t.top().size();
        double share = (double) smallest / t.count();
        // Imbalanced: a class below 20% of the rows and below half its fair share 1/k (20% for two classes,
        // 16.7% for three, 10% for five): a balanced five-class target with 18% in one class is not.
        if (share < Math.min(0.2, 0.5 / classes)) {
            ctx.report(ctx.error(Code.MLX0603, "accuracy decides, but the target is imbalanced")
                    .primary(m.metric().span(), "misleading on imbalanced classes")
                    .note(String.format(Locale.ROOT, "class \"%s\" is %.1f%% of the rows; always predicting the most common class"
                            + " \"%s\" scores %.1f%% accuracy", rare, share * 100, common, 100.0 * largest / t.count()))
                    .help("decide by `f1`, `balanced_accuracy` or `auc` instead")
                    .fix("use balanced accuracy", m.metric().span(), "balanced_accuracy"));
        }
    }

    static boolean looksLikeId(ColumnProfile c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        boolean named = n.equals("id") || n.endsWith("_id") || n.endsWith(" id") || n.equals("uuid") || n.equals("key");
        boolean allDistinct = c.count() >= 20 && c.missing() == 0 && c.unique()
                && (c.type() == ColumnType.INTEGER || c.type() == ColumnType.CATEGORY);
        return named || allDistinct;
    }

    private static void idLike(Context ctx, Map<String, FeaturesPass.Col> features) {
        Section data = ctx.experiment.section(BlockKind.DATA);
        for (FeaturesPass.Col col : features.values()) {
            if (col.name.equals(ctx.idColumn) || (ctx.target != null && col.name.equals(ctx.target.text()))) {
                continue;
            }
            ColumnProfile c = ctx.column(col.name);
            if (c == null || !looksLikeId(c)) {
                continue;
            }
            String q = Context.quoteIfNeeded(c.name());
            ctx.report(ctx.error(Code.MLX0601, "column `" + c.name() + "` looks like an identifier but is used as a feature")
                    .primary(col.lastMention != null ? col.lastMention : data == null ? null : data.name().span(),
                            "`" + c.name() + "` reaches the models")
                    .note(c.unique() && c.missing() == 0 ? "every one of its " + c.count() + " values is different"
                            : "its name says it is an identifier")
                    .help("declare it with `id " + q + "` in `data`, or `drop " + q + "`"));
        }
    }

    private static void unscaled(Context ctx, Map<String, FeaturesPass.Col> features) {
        List<String> sensitive = new ArrayList<>();
        Stmt.Model first = null;
        for (Stmt.Model m : ctx.experiment.all(BlockKind.MODELS, Stmt.Model.class)) {
            ModelSpec spec = ctx.catalog.model(m.kind().text());
            if (spec != null && spec.needsScaling() && (ctx.task == null || spec.tasks().contains(ctx.task))
                    && !sensitive.contains(spec.kind())) {
                sensitive.add(spec.kind());
                if (first == null) {
                    first = m;
                }
            }
        }
        if (first == null) {
            return;
        }
        List<String> raw = new ArrayList<>();
        for (FeaturesPass.Col c : features.values()) {
            if (c.name.equals(ctx.idColumn) || (ctx.target != null && c.name.equals(ctx.target.text()))) {
                continue;
            }
            if (c.type.isNumeric() && !c.encoded && !ctx.scaled.contains(c.name)) {
                raw.add(c.name);
            }
        }
        if (raw.isEmpty()) {
            return;
        }
        List<String> quoted = raw.stream().map(Context::quoteIfNeeded).toList();
        ctx.report(ctx.error(Code.MLX0604, "`" + String.join("`, `", sensitive) + "` " + (sensitive.size() == 1 ? "is" : "are")
                        + " sensitive to feature scale, and " + raw.size() + " numeric feature" + (raw.size() == 1 ? " is" : "s are")
                        + " not scaled")
                .primary(first.kind().span(), "scale-sensitive model")
                .note("unscaled: " + Context.shortList(raw))
                .help("add `standardize " + String.join(", ", quoted.size() > 6 ? quoted.subList(0, 6) : quoted)
                        + (quoted.size() > 6 ? ", ..." : "") + "` to `features`"));
    }
}
