package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Stmt;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.StoreKind;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import dev.mlx.runtime.base.OutputPaths;
import dev.mlx.runtime.data.JdbcSources;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluation and everything downstream that names metrics or models: inspect, gates, select,
 * tune-by, explain, deploy and feedback.
 */
final class EvaluatePass {
    private EvaluatePass() {
    }

    static List<String> defaultMetrics(Task task) {
        return dev.mlx.catalog.Catalog.get().defaultMetrics(task);
    }

    static String defaultMetric(Task task) {
        return dev.mlx.catalog.Catalog.get().defaultMetric(task);
    }

    static void run(Context ctx) {
        inspect(ctx);
        Stmt.Metrics metrics = ctx.experiment.first(BlockKind.EVALUATE, Stmt.Metrics.class);
        if (metrics != null) {
            List<Name> misfits = new ArrayList<>();
            for (Name m : metrics.metrics()) {
                MetricSpec spec = ctx.catalog.metric(m.text());
                if (spec != null && ctx.task != null && !spec.tasks().contains(ctx.task)) {
                    misfits.add(m);
                } else if (ScopePass.metric(ctx, m, "a metric")) {
                    ctx.computedMetrics.add(m.text());
                    needsProbabilities(ctx, m);
                }
            }
            if (!misfits.isEmpty()) {
                // One root cause (usually the task changed): one diagnostic for the whole list.
                var b = ctx.error(Code.MLX0504, (misfits.size() == 1 ? "metric `" + misfits.get(0).text() + "` does"
                                : misfits.size() + " metrics do") + " not fit " + ctx.task.word())
                        .primary(misfits.get(0).span(), "not a " + ctx.task.word() + " metric");
                for (Name m : misfits.subList(1, misfits.size())) {
                    b.secondary(m.span(), "");
                }
                ctx.report(b.note("metrics for " + ctx.task.word() + " are " + DidYouMean.list(ctx.catalog.metricsFor(ctx.task))));
            }
        } else if (ctx.task != null) {
            ctx.computedMetrics.addAll(defaultMetrics(ctx.task));
        }
        Stmt.Metric deciding = ctx.experiment.first(BlockKind.SCOPE, Stmt.Metric.class);
        if (deciding != null) {
            MetricSpec spec = ctx.catalog.metric(deciding.metric().text());
            if (spec != null && (ctx.task == null || spec.tasks().contains(ctx.task))) {
                ctx.computedMetrics.add(spec.name());
                if (metrics == null) {
                    needsProbabilities(ctx, deciding.metric());
                }
            }
        } else if (ctx.task != null) {
            ctx.computedMetrics.add(defaultMetric(ctx.task));
        }
        cv(ctx);
        withoutHoldout(ctx);
        for (Stmt.Select s : ctx.experiment.all(BlockKind.EVALUATE, Stmt.Select.class)) {
            computed(ctx, s.metric(), "`select`");
            if (s.tolerance() != null) {
                double t = ctx.fraction(s.tolerance());
                if (!(t > 0 && t < 1)) {
                    ctx.report(ctx.error(Code.MLX0512, "a tolerance lies between 0% and 100%")
                            .primary(s.tolerance().span(), "out of range")
                            .help("1% is a common tolerance"));
                }
            }
        }
        for (Stmt.Slices s : ctx.experiment.all(BlockKind.EVALUATE, Stmt.Slices.class)) {
            s.columns().forEach(c -> ctx.requireColumn(c, "to slice by"));
        }
        for (Stmt.LearningCurve lc : ctx.experiment.all(BlockKind.EVALUATE, Stmt.LearningCurve.class)) {
            learningCurve(ctx, lc);
        }
        for (Stmt.Require r : ctx.experiment.all(BlockKind.SCOPE, Stmt.Require.class)) {
            if (!r.latency()) {
                computed(ctx, r.measure(), "a gate");
                if (r.on() != null && r.on().text().equals("cv")
                        && ctx.experiment.first(BlockKind.EVALUATE, Stmt.HoldoutOnly.class) != null) {
                    ctx.report(ctx.error(Code.MLX0512, "this gate is checked on cross-validation, which is turned off")
                            .primary(r.on().span(), "no cross-validation runs")
                            .help("write `on holdout`, or replace `holdout` in `evaluate` by `cv 5 folds`"));
                }
            }
        }
        for (Stmt.Tune t : ctx.experiment.all(BlockKind.MODELS, Stmt.Tune.class)) {
            if (t.metric() != null && ctx.catalog.metric(t.metric().text()) != null) {
                computed(ctx, t.metric(), "`tune`");
            }
        }
        explain(ctx);
        deploy(ctx);
        feedback(ctx);
    }

    /** A curve needs a target to score against, sizes that grow within (0%, 100%] and a metric of the task. */
    private static void learningCurve(Context ctx, Stmt.LearningCurve lc) {
        if (ctx.task == Task.CLUSTERING) {
            ctx.report(ctx.error(Code.MLX0511, "a learning curve needs a target to score against, and clustering has none")
                    .primary(lc.keyword(), "clustering experiment")
                    .help("remove `learning curve`; the silhouette for each k shows how well the clusters separate"));
            return;
        }
        if (lc.metric() != null) {
            ScopePass.metric(ctx, lc.metric(), "`learning curve`");
        }
        if (lc.sizes().size() == 1) {
            ctx.report(ctx.error(Code.MLX0512, "a learning curve needs at least two training sizes")
                    .primary(lc.sizes().get(0).span(), "one size is a point, not a curve")
                    .help("write sizes such as `learning curve 10%, 25%, 50%, 75%, 100%`, or none for those defaults"));
            return;
        }
        double previous = 0;
        for (Quantity q : lc.sizes()) {
            double size = ctx.fraction(q);
            if (!(size > 0 && size <= 1)) {
                ctx.report(ctx.error(Code.MLX0512, "a training size lies above 0% and at most 100%")
                        .primary(q.span(), "out of range")
                        .note("each size is the share of a fold's training rows the model is trained on")
                        .help("write sizes such as `10%, 25%, 50%, 75%, 100%`"));
                return;
            }
            if (size <= previous) {
                ctx.report(ctx.error(Code.MLX0512, "the training sizes of a learning curve grow from one to the next")
                        .primary(q.span(), "not larger than the size before it")
                        .help("list the sizes smallest first, each once"));
                return;
            }
            previous = size;
        }
    }

    private static void computed(Context ctx, Name metric, String who) {
        MetricSpec spec = ctx.catalog.metric(metric.text());
        if (spec == null) {
            ScopePass.metric(ctx, metric, who);
            return;
        }
        if (ctx.task != null && !spec.tasks().contains(ctx.task)) {
            return; // reported where the metric is checked against the task
        }
        if (!ctx.computedMetrics.contains(metric.text())) {
            Stmt.Metrics list = ctx.experiment.first(BlockKind.EVALUATE, Stmt.Metrics.class);
            var b = ctx.error(Code.MLX0506, who + " uses `" + metric.text() + "`, which is not computed")
                    .primary(metric.span(), "not among the computed metrics")
                    .note("computed: " + DidYouMean.list(ctx.computedMetrics))
                    .help("add `" + metric.text() + "` to `metrics` in `evaluate`");
            if (list != null) {
                b.secondary(list.keyword(), "the metrics computed");
            }
            ctx.report(b);
        }
    }

    private static List<String> nonProbabilistic(Context ctx) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> m : ctx.models.entrySet()) {
            ModelSpec spec = ctx.catalog.model(m.getValue());
            if (spec != null && !spec.probabilistic() && spec.tasks().contains(Task.CLASSIFICATION)) {
                out.add(m.getKey().equals(m.getValue()) ? m.getKey() : m.getValue() + " " + m.getKey());
            }
        }
        return out;
    }

    private static void needsProbabilities(Context ctx, Name metric) {
        MetricSpec spec = ctx.catalog.metric(metric.text());
        if (spec == null || !spec.needsProbabilities() || ctx.task != Task.CLASSIFICATION) {
            return;
        }
        List<String> none = nonProbabilistic(ctx);
        if (!none.isEmpty()) {
            ctx.report(ctx.error(Code.MLX0509, "`" + metric.text() + "` needs class probabilities, which `"
                            + String.join("`, `", none) + "` cannot give")
                    .primary(metric.span(), "needs probabilities")
                    .note("nearest neighbours (knn) and linear SVMs predict a class without a probability")
                    .help("remove `" + metric.text() + "`, or replace them with a probabilistic model such as `forest` or `logistic`"));
        }
    }

    private static void cv(Context ctx) {
        for (Stmt.Cv cv : ctx.experiment.all(BlockKind.EVALUATE, Stmt.Cv.class)) {
            double folds = ctx.number(cv.folds());
            if (Double.isNaN(folds)) {
                continue;
            }
            if (folds < 2 || folds != Math.rint(folds)) {
                ctx.report(ctx.error(Code.MLX0508, "cross-validation needs at least 2 folds")
                        .primary(cv.folds().span(), folds < 2 ? "too few folds" : "not a whole number")
                        .help("5 or 10 folds are common; write `holdout` to evaluate on the holdout only"));
            } else if (ctx.hasData()) {
                Stmt.Split split = ctx.experiment.first(BlockKind.DATA, Stmt.Split.class);
                double holdout = ctx.splitNone() != null ? 0 : split == null ? 0.2 : ctx.fraction(split.holdout());
                long training = (long) Math.floor(ctx.data.rows() * (1 - (Double.isNaN(holdout) ? 0.2 : holdout)));
                if (folds > training) {
                    ctx.report(ctx.error(Code.MLX0508, cv.folds().text() + " folds need at least as many training rows, and there are "
                                    + training)
                            .primary(cv.folds().span(), "more folds than rows")
                            .note(ctx.splitNone() != null ? ctx.data.rows() + " rows in the data, all of them cross-validated"
                                    : ctx.data.rows() + " rows in the data, " + training + " left for training after the holdout"));
                }
            }
            if (cv.stratified() && ctx.task != null && ctx.task != Task.CLASSIFICATION) {
                ctx.report(ctx.error(Code.MLX0511, "stratified folds need classes")
                        .primary(cv.stratifiedSpan(), "this is a " + ctx.task.word() + " experiment")
                        .help("remove `stratified`"));
            }
        }
    }

    /**
     * {@code split none} keeps no rows back: cross-validation is the only score, so whatever is measured
     * on the holdout has nothing to read.
     */
    private static void withoutHoldout(Context ctx) {
        Stmt.SplitNone none = ctx.splitNone();
        if (none == null) {
            return;
        }
        if (ctx.task == Task.CLUSTERING) {
            ctx.report(ctx.error(Code.MLX0511, "clustering is scored on the holdout, and `split none` keeps none")
                    .primary(none.span(), "no holdout")
                    .note("cross-validation on all rows is for classification and regression, where each fold scores against the target")
                    .help("write `split holdout 20%`"));
            return;
        }
        for (Stmt.HoldoutOnly h : ctx.experiment.all(BlockKind.EVALUATE, Stmt.HoldoutOnly.class)) {
            ctx.report(ctx.error(Code.MLX0508, "nothing would score the models: no holdout and no cross-validation")
                    .primary(h.keyword(), "turns cross-validation off")
                    .secondary(none.span(), "keeps no holdout")
                    .help("write `cv 5 folds` instead of `holdout`, or `split holdout 20%` instead of `split none`"));
        }
        if (ctx.experiment.first(BlockKind.EVALUATE, Stmt.HoldoutOnly.class) == null && ctx.hasData()
                && ctx.experiment.first(BlockKind.EVALUATE, Stmt.Cv.class) == null) {
            long rows = ctx.trainingRows();
            if (rows >= 0 && rows < DEFAULT_FOLDS) {
                ctx.report(ctx.error(Code.MLX0508, "the default " + DEFAULT_FOLDS + " folds need at least as many rows, and there are "
                                + rows)
                        .primary(none.span(), "every row is cross-validated")
                        .help("write `cv " + Math.max(2, rows) + " folds` in `evaluate`"));
            }
        }
        for (Stmt.Require r : ctx.experiment.all(BlockKind.SCOPE, Stmt.Require.class)) {
            if (!r.latency() && r.on() != null && r.on().text().equals("holdout")) {
                ctx.report(ctx.error(Code.MLX0512, "this gate is checked on the holdout, and `split none` keeps none")
                        .primary(r.on().span(), "no holdout")
                        .secondary(none.span(), "every row is cross-validated")
                        .help("write `on cv`: the gate then reads the mean over the folds"));
            }
        }
        for (Stmt.Slices sl : ctx.experiment.all(BlockKind.EVALUATE, Stmt.Slices.class)) {
            ctx.report(ctx.error(Code.MLX0508, "slices are scored on the holdout, and `split none` keeps none")
                    .primary(sl.keyword(), "needs holdout rows")
                    .secondary(none.span(), "every row is cross-validated")
                    .help("remove `slices`, or hold rows out with `split holdout 20%`"));
        }
        for (Stmt.Coverage c : ctx.experiment.all(BlockKind.INSPECT, Stmt.Coverage.class)) {
            ctx.report(ctx.error(Code.MLX0508, "coverage compares the holdout's categories with training, and `split none` keeps no holdout")
                    .primary(c.keyword(), "needs holdout rows")
                    .secondary(none.span(), "every row is cross-validated")
                    .help("remove `coverage`, or hold rows out with `split holdout 20%`"));
        }
    }

    private static final int DEFAULT_FOLDS = 5;

    private static void inspect(Context ctx) {
        for (Stmt.Leakage l : ctx.experiment.all(BlockKind.INSPECT, Stmt.Leakage.class)) {
            double v = ctx.fraction(l.below());
            if (!Double.isNaN(v) && !(v > 0 && v <= 1)) {
                ctx.report(ctx.error(Code.MLX0512, "a leakage threshold lies between 0 and 1")
                        .primary(l.below().span(), "out of range")
                        .note("it is the score (AUC or R²) above which one feature alone predicts the target suspiciously well")
                        .help("0.95 is a common threshold"));
            }
        }
        for (Stmt.Coverage c : ctx.experiment.all(BlockKind.INSPECT, Stmt.Coverage.class)) {
            double v = ctx.fraction(c.atLeast());
            if (!Double.isNaN(v) && !(v > 0 && v <= 1)) {
                ctx.report(ctx.error(Code.MLX0512, "coverage lies between 0% and 100%")
                        .primary(c.atLeast().span(), "out of range"));
            }
        }
        for (Stmt.Sample s : ctx.experiment.all(BlockKind.INSPECT, Stmt.Sample.class)) {
            ChecksPass.positiveInteger(ctx, s.rows(), "a sample size");
        }
    }

    private static void explain(Context ctx) {
        for (Stmt.Importance i : ctx.experiment.all(BlockKind.EXPLAIN, Stmt.Importance.class)) {
            if (i.method() != null) {
                ChecksPass.choice(ctx, "importance", i.method(), "importance method");
            }
            if (i.top() != null) {
                ChecksPass.positiveInteger(ctx, i.top(), "`top`");
            }
        }
        for (Stmt.Lime l : ctx.experiment.all(BlockKind.EXPLAIN, Stmt.Lime.class)) {
            if (ctx.task == Task.CLUSTERING) {
                ctx.report(ctx.error(Code.MLX0511, "LIME explains predictions of a classifier or regressor, not clusters")
                        .primary(l.keyword(), "clustering experiment")
                        .help("remove `lime`; the report profiles each cluster instead"));
                continue;
            }
            if (l.count() != null) {
                ChecksPass.positiveInteger(ctx, l.count(), "the number of rows to explain");
            }
            for (dev.mlx.ast.Quantity r : l.rows()) {
                ChecksPass.positiveInteger(ctx, r, "a row number");
            }
            List<String> none = ctx.task == Task.CLASSIFICATION ? nonProbabilistic(ctx) : List.of();
            if (!none.isEmpty()) {
                ctx.report(ctx.error(Code.MLX0509, "`lime` needs class probabilities, which `" + String.join("`, `", none)
                                + "` cannot give")
                        .primary(l.keyword(), "needs a probabilistic model")
                        .note("LIME fits a local surrogate to the model's probabilities; any model in the ladder may be selected")
                        .help("replace them with a probabilistic model (`forest`, `logistic`, `xgboost`), or remove `lime`"));
            }
        }
        for (Stmt.Dependence d : ctx.experiment.all(BlockKind.EXPLAIN, Stmt.Dependence.class)) {
            for (Name n : d.columns()) {
                ColumnProfile c = ctx.requireColumn(n, "for partial dependence");
                if (c != null && !c.type().isNumeric()) {
                    ctx.report(ctx.error(Code.MLX0408, "partial dependence needs a numeric column, and `" + c.name() + "` is "
                                    + c.type().description())
                            .primary(n.span(), "not numeric"));
                }
            }
        }
    }

    private static void deploy(Context ctx) {
        for (Stmt.Export e : ctx.experiment.all(BlockKind.DEPLOY, Stmt.Export.class)) {
            ChecksPass.choice(ctx, "export", e.format(), "export format");
            if (e.path().value().isBlank()) {
                ctx.report(ctx.error(Code.MLX0512, "an export needs a file path").primary(e.path().span(), "empty path"));
            } else {
                outputPath(ctx, e.path(), "the export");
            }
        }
        Stmt.ReportPath report = ctx.experiment.first(BlockKind.REPORT, Stmt.ReportPath.class);
        if (report != null) {
            outputPath(ctx, report.path(), "the report");
        }
        for (Stmt.Serve s : ctx.experiment.all(BlockKind.DEPLOY, Stmt.Serve.class)) {
            if (s.port() != null) {
                double p = ctx.number(s.port());
                if (!(p >= 1 && p <= 65535 && p == Math.rint(p))) {
                    ctx.report(ctx.error(Code.MLX0512, "port " + s.port().text() + " does not exist")
                            .primary(s.port().span(), "ports are 1..65535"));
                }
            }
            if (s.unknownPolicy() != null) {
                ChecksPass.choice(ctx, "unknown", s.unknownPolicy(), "policy for unseen categories");
            }
        }
    }

    /** An output the file names stays inside the run's output folder unless the command line allowed its folder. */
    private static void outputPath(Context ctx, dev.mlx.ast.Value.Str path, String what) {
        String why = OutputPaths.outside(path.value());
        if (why == null || OutputPaths.allowedOutside(path.value(), ctx.options.allowOutside())) {
            return;
        }
        ctx.report(ctx.error(Code.MLX0412, what + " `" + path.value() + "` is outside the run's output folder")
                .primary(path.span(), why)
                .note("outputs named in the file are written inside the run's output folder (`--out`), relative to it")
                .help("write a path relative to the output folder, such as \"" + fileName(path.value())
                        + "\", or pass `" + OutputPaths.FLAG + " DIR` to let the run write inside DIR"));
    }

    private static String fileName(String written) {
        String s = written.replace('\\', '/');
        String name = s.substring(s.lastIndexOf('/') + 1);
        return name.isEmpty() || name.equals("..") ? "report.html" : name;
    }

    /**
     * The store's URL under the same rule as a data source's (MLX0411): serve, report and retrain open
     * it with the driver, which would load or write what a refused parameter names. A SQLite path is
     * checked as the URL the runtime makes of it.
     */
    private static void storeUrl(Context ctx, Stmt.Store s) {
        String written = s.location().value();
        boolean sqlite = s.kind().text().equals(StoreKind.SQLITE.word());
        JdbcSources.Refusal refused = JdbcSources.storeRefusal(sqlite ? JdbcSources.SQLITE + written : written);
        if (refused == null) {
            return;
        }
        Span span = s.location().span();
        int at = written.indexOf(refused.parameter());
        String raw = ctx.file.text().substring(span.start(), span.end());
        if (at >= 0 && raw.startsWith("\"" + written.substring(0, at))) {
            span = new Span(span.start() + 1 + at, span.start() + 1 + at + refused.parameter().length());
        }
        ctx.report(ctx.error(Code.MLX0411, refused.message())
                .primary(span, "refused")
                .note("serve, report and retrain open the feedback store with this URL, so it may not name code to load "
                        + "or files to write")
                .help(refused.help()));
    }

    private static void feedback(Context ctx) {
        for (Stmt.Store s : ctx.experiment.all(BlockKind.FEEDBACK, Stmt.Store.class)) {
            if (ChecksPass.choice(ctx, "store", s.kind(), "store")) {
                storeUrl(ctx, s);
            }
        }
        for (Stmt.AbTest ab : ctx.experiment.all(BlockKind.FEEDBACK, Stmt.AbTest.class)) {
            boolean ok = true;
            for (Name m : List.of(ab.champion(), ab.challenger())) {
                if (!ctx.models.containsKey(m.text())) {
                    ModelsPass.undefinedModel(ctx, m, "abtest");
                    ok = false;
                }
            }
            if (ok && ab.champion().text().equals(ab.challenger().text())) {
                ctx.report(ctx.error(Code.MLX0512, "an A/B test compares two different models")
                        .primary(ab.challenger().span(), "the same model as the champion"));
            }
            if (ab.championShare() != null) {
                double a = ctx.number(ab.championShare());
                double b = ctx.number(ab.challengerShare());
                if (a + b != 100 || a <= 0 || b <= 0) {
                    ctx.report(ctx.error(Code.MLX0512, "an A/B split must add up to 100")
                            .primary(ab.championShare().span().to(ab.challengerShare().span()),
                                    ab.championShare().text() + " + " + ab.challengerShare().text() + " = " + ModelsPass.fmt(a + b))
                            .help("for example `split 90/10`"));
                }
            }
            if (ab.stickyBy() != null) {
                ctx.requireColumn(ab.stickyBy(), "the sticky key");
            }
        }
        for (Stmt.Online o : ctx.experiment.all(BlockKind.FEEDBACK, Stmt.Online.class)) {
            if (ScopePass.metric(ctx, o.metric(), "online")) {
                computed(ctx, o.metric(), "`online`");
            }
            if (o.kpi() != null && ctx.task == Task.CLUSTERING) {
                ctx.report(ctx.error(Code.MLX0511, "a business KPI is judged in an A/B test of predictions, and clustering has none")
                        .primary(o.kpi().span(), "clustering experiment")
                        .help("remove `, kpi " + o.kpi().text() + "`"));
            } else if (o.kpi() != null && ctx.catalog.metric(o.kpi().text()) != null) {
                ctx.report(ctx.error(Code.MLX0512, "`" + o.kpi().text() + "` is a metric, not a business KPI")
                        .primary(o.kpi().span(), "a metric the model's answers are scored by")
                        .note("a KPI is a business value the feedback carries for each prediction (revenue, cost, conversion)")
                        .help("name the business value, such as `kpi revenue`; metrics go first: `online " + o.kpi().text() + "`"));
            }
            if (!o.window().isVariable() && !o.window().unit().isDuration()) {
                ctx.report(ctx.error(Code.MLX0512, "an online window needs a time unit")
                        .primary(o.window().span(), "no unit")
                        .help("write `window " + o.window().text() + " days`"));
            }
        }
        for (Stmt.RetrainMargin r : ctx.experiment.all(BlockKind.FEEDBACK, Stmt.RetrainMargin.class)) {
            Quantity m = r.margin();
            if (!m.isVariable() && m.unit().isDuration()) {
                ctx.report(ctx.error(Code.MLX0512, "a retrain margin is an amount of the metric, not a duration")
                        .primary(m.span(), "a duration")
                        .help("write `retrain within 0.01`: promote a new model not worse by more than 0.01"));
            } else if (ctx.number(m) < 0) {
                ctx.report(ctx.error(Code.MLX0512, "a retrain margin cannot be negative")
                        .primary(m.span(), "below 0")
                        .help("write `retrain within 0` (the default) to promote only a significantly better model"));
            }
        }
    }
}
