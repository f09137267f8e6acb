package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Stmt;
import dev.mlx.catalog.Engine;
import dev.mlx.catalog.SearchMethod;
import dev.mlx.catalog.Task;
import dev.mlx.catalog.Words;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.diag.Code;
import dev.mlx.source.Span;

/**
 * What the chosen engine cannot run ({@code --engine spark}): models MLlib lacks or runs for two classes only,
 * TPE, LIME, partial dependence, the transforms not mapped yet, a latest-rows split, {@code split none},
 * slices, learning curves, latency gates, clustering and a baseline strategy other than the majority or the
 * mean. Each is a located MLX0514 naming the alternative, so nothing fails halfway through a cluster job. A
 * hyperparameter the engine does not pass on to its library (logistic's {@code cost} on Spark, whose penalty
 * is {@code l2}) is warning MLX0607 naming what the model takes there. The answers come from {@link Engine},
 * which the Spark engine asks again of the typed spec.
 */
final class EnginePass {
    private EnginePass() {
    }

    static void run(Context ctx) {
        Engine engine = ctx.options.engine();
        if (engine == Engine.LOCAL) {
            return;
        }
        if (ctx.task == Task.CLUSTERING) {
            Stmt.Task t = ctx.experiment.all(BlockKind.SCOPE, Stmt.Task.class).stream().findFirst().orElse(null);
            if (t != null) {
                refuse(ctx, engine, t.task().span(), new Engine.Refusal("clustering (not mapped to Spark yet)",
                        "the local engine"));
            }
        }
        int classes = classes(ctx);
        for (Stmt.Model m : ctx.experiment.all(BlockKind.MODELS, Stmt.Model.class)) {
            Engine.Refusal r = engine.model(m.kind().text(), ctx.task, classes);
            if (r == null && m.kind().text().equals("mlp") && ctx.task == Task.REGRESSION) {
                r = new Engine.Refusal("a regression `mlp` (MLlib's perceptron classifies only)", "`forest` or `xgboost`");
            }
            refuse(ctx, engine, m.kind().span(), r);
            if (r == null) {
                settings(ctx, engine, m);
            }
        }
        for (Stmt.Tune t : ctx.experiment.all(BlockKind.MODELS, Stmt.Tune.class)) {
            SearchMethod search = t.search() == null ? null : Words.parse(SearchMethod.class, t.search().text());
            Engine.Refusal r = search == null ? null : engine.search(search);
            if (r == null) {
                r = new Engine.Refusal("`tune` (hyperparameter search is not mapped to Spark yet)",
                        "the settings the local engine's tuning found");
            }
            refuse(ctx, engine, t.search() != null && search == SearchMethod.TPE ? t.search().span() : t.keyword(), r);
        }
        for (Stmt.Transform t : ctx.experiment.all(BlockKind.FEATURES, Stmt.Transform.class)) {
            refuse(ctx, engine, t.kind().span(), engine.transform(t.kind().text()));
        }
        for (Stmt.Derive d : ctx.experiment.all(BlockKind.FEATURES, Stmt.Derive.class)) {
            refuse(ctx, engine, d.keyword(), engine.transform("derive"));
        }
        for (Stmt.Lime l : ctx.experiment.all(BlockKind.EXPLAIN, Stmt.Lime.class)) {
            refuse(ctx, engine, l.keyword(), engine.explanation("lime"));
        }
        for (Stmt.Dependence d : ctx.experiment.all(BlockKind.EXPLAIN, Stmt.Dependence.class)) {
            refuse(ctx, engine, d.keyword(), engine.explanation("dependence"));
        }
        for (Stmt.Split s : ctx.experiment.all(BlockKind.DATA, Stmt.Split.class)) {
            if (s.orderedBy() != null) {
                refuse(ctx, engine, s.orderedBy().span(), engine.statement("split latest"));
            }
        }
        for (Stmt.SplitNone s : ctx.experiment.all(BlockKind.DATA, Stmt.SplitNone.class)) {
            refuse(ctx, engine, s.keyword(), engine.statement("split none"));
        }
        for (Stmt.LearningCurve c : ctx.experiment.all(BlockKind.EVALUATE, Stmt.LearningCurve.class)) {
            refuse(ctx, engine, c.keyword(), engine.statement("learning curve"));
        }
        for (Stmt.Slices s : ctx.experiment.all(BlockKind.EVALUATE, Stmt.Slices.class)) {
            refuse(ctx, engine, s.keyword(), engine.statement("slices"));
        }
        for (Stmt.Require r : ctx.experiment.all(BlockKind.SCOPE, Stmt.Require.class)) {
            if (r.latency()) {
                refuse(ctx, engine, r.span(), engine.statement("latency"));
            }
        }
    }

    /** The model's written settings the engine refuses (a baseline strategy) or ignores. */
    private static void settings(Context ctx, Engine engine, Stmt.Model m) {
        String kind = m.kind().text();
        for (Stmt.HyperParam p : m.params()) {
            String name = p.name().text();
            if (kind.equals("baseline") && name.equals("strategy")) {
                String word = p.value() instanceof dev.mlx.ast.Value.Word w ? w.name().text()
                        : p.value() instanceof dev.mlx.ast.Value.Str str ? str.value() : null;
                refuse(ctx, engine, p.span(), word == null ? null : engine.baselineStrategy(word));
            } else if (engine.ignores(kind, name)) {
                java.util.List<String> honoured = engine.honoured(kind);
                ctx.report(ctx.error(Code.MLX0607, "the " + engine.word() + " engine ignores `" + name + "` of `" + kind + "`")
                        .primary(p.span(), "not passed on to " + (engine == Engine.SPARK ? "MLlib" : engine.word()))
                        .note("`" + kind + "` on " + engine.word() + " takes " + (honoured.isEmpty() ? "no settings"
                                : String.join(", ", honoured.stream().map(h -> "`" + h + "`").toList())) + " (and `seed`)")
                        .help("remove `" + name + "`, or run without `--engine " + engine.word() + "`"));
            }
        }
    }

    /** The target's classes in the data, 0 when unknown. */
    private static int classes(Context ctx) {
        if (ctx.task != Task.CLASSIFICATION || ctx.target == null) {
            return 0;
        }
        ColumnProfile c = ctx.column(ctx.target.text());
        return c == null ? 0 : (int) Math.min(Integer.MAX_VALUE, c.distinct());
    }

    private static void refuse(Context ctx, Engine engine, Span at, Engine.Refusal r) {
        if (r == null || at == null) {
            return;
        }
        ctx.report(ctx.error(Code.MLX0514, "the " + engine.word() + " engine cannot run " + r.what())
                .primary(at, "not on " + engine.word())
                .note("`--engine " + engine.word() + "` was asked for; the local engine runs this")
                .help("use " + r.instead() + ", or run without `--engine " + engine.word() + "`"));
    }
}
