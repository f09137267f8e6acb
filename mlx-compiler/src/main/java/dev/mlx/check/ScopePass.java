package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Unit;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.Task;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import java.util.HashMap;
import java.util.Map;

/** The scope block: task, target presence, deciding metric, gates' shape, retraining plan, the model card's words. */
final class ScopePass {
    private ScopePass() {
    }

    static void run(Context ctx) {
        Section scope = ctx.experiment.section(BlockKind.SCOPE);
        if (scope == null) {
            return; // reported by the structure pass
        }
        Stmt.Task task = ctx.experiment.first(BlockKind.SCOPE, Stmt.Task.class);
        boolean unreadable = scope.body() != null && ctx.overlapsSyntaxError(scope.body());
        if (task == null && !unreadable) {
            ctx.report(ctx.error(Code.MLX0206, "the scope does not say which task this is")
                    .primary(scope.name().span(), "no `task` in this block")
                    .help("add `task classification`, `task regression` or `task clustering`"));
        } else if (task != null) {
            ctx.task = Task.parse(task.task().text());
            if (ctx.task == null) {
                ctx.report(ctx.error(Code.MLX0301, "unknown task `" + task.task().text() + "`")
                        .primary(task.task().span(), "not a task")
                        .note("tasks are " + DidYouMean.list(ctx.catalog.choices("task")))
                        .suggest(task.task().span(), DidYouMean.suggest(task.task().text(), ctx.catalog.choices("task"))));
            }
        }
        Stmt.Target target = ctx.experiment.first(BlockKind.SCOPE, Stmt.Target.class);
        if (target != null) {
            ctx.target = target.column();
        } else if ((ctx.task == Task.CLASSIFICATION || ctx.task == Task.REGRESSION) && !unreadable) {
            ctx.report(ctx.error(Code.MLX0206, "a " + ctx.task.word() + " needs a target")
                    .primary(scope.name().span(), "no `target` in this block")
                    .help("add `target COLUMN`, naming the column to predict"));
        }
        Stmt.Positive positive = ctx.experiment.first(BlockKind.SCOPE, Stmt.Positive.class);
        if (positive != null && ctx.task != null && ctx.task != Task.CLASSIFICATION) {
            ctx.report(ctx.error(Code.MLX0511, "`positive` only applies to classification")
                    .primary(positive.keyword(), "this is a " + ctx.task.word() + " experiment")
                    .help("remove the `positive` line"));
        }
        Stmt.Metric metric = ctx.experiment.first(BlockKind.SCOPE, Stmt.Metric.class);
        if (metric != null) {
            metric(ctx, metric.metric(), "the deciding metric");
        }
        for (Stmt.Require r : ctx.experiment.all(BlockKind.SCOPE, Stmt.Require.class)) {
            if (r.latency()) {
                if (!ctx.catalog.choices("percentile").contains(r.measure().text())) {
                    ctx.report(ctx.error(Code.MLX0307, "unknown latency measure `" + r.measure().text() + "`")
                            .primary(r.measure().span(), "not a percentile")
                            .note("latency gates use " + DidYouMean.list(ctx.catalog.choices("percentile")))
                            .suggest(r.measure().span(), DidYouMean.suggest(r.measure().text(), ctx.catalog.choices("percentile"))));
                }
                if (!r.threshold().unit().isDuration() && !r.threshold().isVariable()) {
                    ctx.report(ctx.error(Code.MLX0512, "a latency limit needs a time unit")
                            .primary(r.threshold().span(), "no unit")
                            .help("write `" + r.threshold().text() + " ms`"));
                } else if (!r.op().startsWith("<")) {
                    ctx.report(ctx.error(Code.MLX0512, "a latency gate sets an upper limit")
                            .primary(r.threshold().span(), "use `<` or `<=`"));
                }
            } else {
                metric(ctx, r.measure(), "a gate");
                if (r.on() != null && !ctx.catalog.choices("on").contains(r.on().text())) {
                    ctx.report(ctx.error(Code.MLX0307, "a gate is checked `on cv` or `on holdout`, not `on " + r.on().text() + "`")
                            .primary(r.on().span(), "unknown evaluation")
                            .suggest(r.on().span(), DidYouMean.suggest(r.on().text(), ctx.catalog.choices("on"))));
                }
            }
        }
        for (Stmt.Retrain r : ctx.experiment.all(BlockKind.SCOPE, Stmt.Retrain.class)) {
            if (r.every() != null && !r.every().isVariable() && !r.every().unit().isDuration()) {
                ctx.report(ctx.error(Code.MLX0512, "a retraining interval needs a time unit")
                        .primary(r.every().span(), "no unit")
                        .help("write `every " + r.every().text() + " days`"));
            } else if (r.every() != null && ctx.number(r.every()) <= 0) {
                ctx.report(ctx.error(Code.MLX0512, "a retraining interval must be positive")
                        .primary(r.every().span(), "not positive"));
            }
            if (r.drift() != null && !(ctx.number(r.drift()) > 0)) {
                ctx.report(ctx.error(Code.MLX0512, "a drift threshold must be positive")
                        .primary(r.drift().span(), "not positive")
                        .note("drift is measured by the population stability index (PSI); 0.2 is a common threshold"));
            }
        }
        for (Stmt.IntendedUse u : ctx.experiment.all(BlockKind.SCOPE, Stmt.IntendedUse.class)) {
            if (u.text().value().isBlank()) {
                ctx.report(ctx.error(Code.MLX0512, "the intended use is empty")
                        .primary(u.text().span(), "no words")
                        .help("say what the model is for and who uses it, or leave `intended use` out"));
            }
        }
        Map<String, Stmt.Limitation> limits = new HashMap<>();
        for (Stmt.Limitation l : ctx.experiment.all(BlockKind.SCOPE, Stmt.Limitation.class)) {
            String text = l.text().value().strip();
            if (text.isEmpty()) {
                ctx.report(ctx.error(Code.MLX0512, "the limitation is empty")
                        .primary(l.text().span(), "no words")
                        .help("say what the model must not be used for, or leave the `limitation` out"));
                continue;
            }
            Stmt.Limitation first = limits.putIfAbsent(text, l);
            if (first != null) {
                ctx.report(ctx.error(Code.MLX0205, "the same limitation is stated twice")
                        .primary(l.text().span(), "stated again here")
                        .secondary(first.text().span(), "first stated here")
                        .help("keep one of them"));
            }
        }
    }

    /** A metric name must exist and fit the task. Returns false when reported. */
    static boolean metric(Context ctx, dev.mlx.ast.Name name, String role) {
        MetricSpec spec = ctx.catalog.metric(name.text());
        if (spec == null) {
            var candidates = ctx.task == null ? ctx.catalog.metrics().keySet() : ctx.catalog.metricsFor(ctx.task);
            ctx.report(ctx.error(Code.MLX0303, "unknown metric `" + name.text() + "`")
                    .primary(name.span(), "not a metric")
                    .note((ctx.task == null ? "metrics are " : "metrics for " + ctx.task.word() + " are ")
                            + DidYouMean.list(candidates))
                    .suggest(name.span(), KnownWords.suggest(name.text(), candidates)));
            return false;
        }
        if (ctx.task != null && !spec.tasks().contains(ctx.task)) {
            ctx.report(ctx.error(Code.MLX0504, "metric `" + name.text() + "` does not fit " + ctx.task.word())
                    .primary(name.span(), "a " + spec.tasks().iterator().next().word() + " metric")
                    .note("metrics for " + ctx.task.word() + " are " + DidYouMean.list(ctx.catalog.metricsFor(ctx.task))));
            return false;
        }
        return true;
    }
}
