package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Unit;
import dev.mlx.ast.Value;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.Task;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The models block: kinds, names, hyperparameters and tuning ranges against the catalog. */
final class ModelsPass {
    private ModelsPass() {
    }

    static void run(Context ctx) {
        Map<String, Stmt.Model> byName = new HashMap<>();
        for (Stmt.Model m : ctx.experiment.all(BlockKind.MODELS, Stmt.Model.class)) {
            ModelSpec spec = ctx.catalog.model(m.kind().text());
            if (spec == null) {
                List<String> kinds = ctx.task == null ? List.copyOf(ctx.catalog.models().keySet()) : ctx.catalog.modelsFor(ctx.task);
                String suggestion = KnownWords.suggest(m.kind().text(), ctx.catalog.models().keySet());
                ctx.report(ctx.error(Code.MLX0302, "unknown model kind `" + m.kind().text() + "`")
                        .primary(m.kind().span(), "not a model")
                        .note((ctx.task == null ? "models are " : "models for " + ctx.task.word() + " are ") + DidYouMean.list(kinds))
                        .suggest(m.kind().span(), suggestion));
                continue;
            }
            Stmt.Model first = byName.putIfAbsent(m.ref().text(), m);
            if (first != null) {
                ctx.report(ctx.error(Code.MLX0207, "two models are named `" + m.ref().text() + "`")
                        .primary(m.ref().span(), "second model with this name")
                        .secondary(first.ref().span(), "first named here")
                        .help(m.name() == null ? "give one a name: `" + m.kind().text() + " " + m.kind().text() + "2`"
                                : "rename one of them"));
                continue;
            }
            ctx.models.put(m.ref().text(), spec.kind());
            if (ctx.task != null && !spec.tasks().contains(ctx.task)) {
                ctx.report(ctx.error(Code.MLX0505, "`" + spec.kind() + "` does not do " + ctx.task.word())
                        .primary(m.kind().span(), spec.title() + " is for " + tasks(spec))
                        .note("models for " + ctx.task.word() + ": " + DidYouMean.list(ctx.catalog.modelsFor(ctx.task)))
                        .help(alternative(ctx.task, spec.kind())));
            }
            for (Stmt.HyperParam hp : m.params()) {
                hyper(ctx, spec, hp);
            }
            neighboursWithinRows(ctx, spec, m);
        }
        for (Stmt.Tune t : ctx.experiment.all(BlockKind.MODELS, Stmt.Tune.class)) {
            tune(ctx, t);
        }
    }

    /** Models whose {@code k} counts training rows: neighbours consulted, or clusters made of them. */
    private static final java.util.Set<String> K_COUNTS_ROWS = java.util.Set.of("knn", "kmeans");

    /**
     * {@code knn { k N }} and {@code kmeans { k N }} need at least N rows in every fit: the final one
     * and each cross-validation fold's (the smallest: the rows minus the largest validation fold).
     */
    private static void neighboursWithinRows(Context ctx, ModelSpec spec, Stmt.Model m) {
        if (!K_COUNTS_ROWS.contains(spec.kind()) || !ctx.hasData()) {
            return;
        }
        long training = ctx.trainingRows();
        if (training < 0) {
            return;
        }
        Stmt.HyperParam written = m.params().stream().filter(hp -> hp.name().text().equals("k")).findFirst().orElse(null);
        double k;
        String text;
        dev.mlx.source.Span span;
        if (written == null) { // the catalog's default counts too
            ParamSpec p = spec.param("k");
            Object d = p == null ? null : p.defaultValue();
            if (!(d instanceof Number n)) {
                return;
            }
            k = n.doubleValue();
            text = fmt(k);
            span = m.kind().span();
        } else {
            Quantity q = written.value() instanceof Value.Num n ? n.quantity()
                    : written.value() instanceof Value.Rng r ? r.range().lo() : null;
            k = q == null ? Double.NaN : ctx.number(q);
            text = q == null ? "" : q.text();
            span = q == null ? null : q.span();
        }
        if (Double.isNaN(k)) {
            return;
        }
        int folds = folds(ctx, m);
        long smallest = smallestFit(training, folds);
        if (k > smallest) {
            ctx.report(ctx.error(Code.MLX0313, "`k " + text + "`" + (written == null ? " (the default)" : "") + " of `" + spec.kind()
                            + "` asks for more " + countedByK(spec) + " than the " + smallest + " rows it is fitted on")
                    .primary(span, "at most " + smallest + " here")
                    .note(fitsNote(ctx, training, folds, smallest))
                    .help("write `" + spec.kind() + " { k " + Math.max(1, smallest) + " }`, or use more rows"));
        }
    }

    /** The rows of the smallest fit: the final one on all training rows, or a fold's (all but the largest validation fold). */
    private static long smallestFit(long training, int folds) {
        return folds >= 2 && training >= folds ? training - (training + folds - 1) / folds : training;
    }

    private static String countedByK(ModelSpec spec) {
        return spec.kind().equals("knn") ? "neighbours" : "clusters";
    }

    private static String fitsNote(Context ctx, long training, int folds, long smallest) {
        return folds >= 2 ? training + " training rows; each of the " + folds + " cross-validation folds fits on "
                + smallest + " or more of them" : ctx.splitNone() != null ? training + " rows, all of them for training (`split none`)"
                : training + " training rows after the holdout";
    }

    /**
     * {@code tune MODEL { k in lo..hi }} (or {@code k in [..]}) on a model whose {@code k} counts rows:
     * every value the search may try is fitted in the tuning folds and then in the evaluation's, so
     * the largest must fit the smallest of them; the checker knows the rows, the run would fail
     * halfway through the search.
     */
    private static void tunedNeighboursWithinRows(Context ctx, Stmt.Tune t, ModelSpec spec, Stmt.TuneParam tp) {
        if (!K_COUNTS_ROWS.contains(spec.kind()) || !tp.name().text().equals("k") || !ctx.hasData()) {
            return;
        }
        long training = ctx.trainingRows();
        Stmt.Model m = ctx.experiment.all(BlockKind.MODELS, Stmt.Model.class).stream()
                .filter(x -> x.ref().text().equals(t.model().text())).findFirst().orElse(null);
        if (training < 0 || m == null) {
            return;
        }
        Quantity largest = null;
        if (tp.range() != null) {
            largest = tp.range().hi();
        } else if (tp.choices() != null) {
            for (Value v : tp.choices().items()) {
                if (v instanceof Value.Num n && !Double.isNaN(ctx.number(n.quantity()))
                        && (largest == null || ctx.number(n.quantity()) > ctx.number(largest))) {
                    largest = n.quantity();
                }
            }
        }
        double k = largest == null ? Double.NaN : ctx.number(largest);
        int folds = folds(ctx, m);
        long smallest = smallestFit(training, folds);
        if (!Double.isNaN(k) && k > smallest) {
            ctx.report(ctx.error(Code.MLX0313, "tuning `k` of `" + spec.kind() + "` up to " + largest.text() + " asks for more "
                            + countedByK(spec) + " than the " + smallest + " rows it is fitted on")
                    .primary(largest.span(), "at most " + smallest + " here")
                    .note(fitsNote(ctx, training, folds, smallest))
                    .help(tp.range() != null ? "end the range at " + Math.max(1, smallest) + ", or use more rows"
                            : "keep the choices at " + Math.max(1, smallest) + " or below, or use more rows"));
        }
    }

    /** The folds the model is cross-validated over: the evaluate block's (5 by default; 0 for `holdout`), or its tuning's if more. */
    private static int folds(Context ctx, Stmt.Model m) {
        int folds = 5;
        if (ctx.experiment.first(BlockKind.EVALUATE, Stmt.HoldoutOnly.class) != null) {
            folds = 0;
        } else {
            Stmt.Cv cv = ctx.experiment.first(BlockKind.EVALUATE, Stmt.Cv.class);
            if (cv != null) {
                double f = ctx.number(cv.folds());
                folds = Double.isNaN(f) ? 5 : (int) f;
            }
        }
        for (Stmt.Tune t : ctx.experiment.all(BlockKind.MODELS, Stmt.Tune.class)) {
            if (t.model().text().equals(m.ref().text())) {
                double f = t.folds() == null ? (folds >= 2 ? folds : 5) : ctx.number(t.folds());
                if (!Double.isNaN(f)) {
                    folds = Math.max(folds, (int) f);
                }
            }
        }
        return folds;
    }

    private static String tasks(ModelSpec spec) {
        return String.join(" and ", spec.tasks().stream().map(Task::word).toList());
    }

    private static String alternative(Task task, String kind) {
        Map<String, String> swap = Map.of("logistic", "linear", "linear", "logistic", "lasso", "logistic",
                "elastic_net", "logistic", "naive_bayes", "linear", "adaboost", "xgboost");
        String other = swap.get(kind);
        if (task == Task.CLUSTERING) {
            return "for clustering use `kmeans` or `hdbscan`";
        }
        return other != null ? "use `" + other + "` for " + task.word() : "pick a model for " + task.word();
    }

    static void hyper(Context ctx, ModelSpec spec, Stmt.HyperParam hp) {
        ParamSpec p = spec.param(hp.name().text());
        if (p == null) {
            ctx.report(ctx.error(Code.MLX0311, "unknown hyperparameter `" + hp.name().text() + "` for model `" + spec.kind() + "`")
                    .primary(hp.name().span(), "unknown hyperparameter")
                    .note("`" + spec.kind() + "` accepts: " + String.join(", ", spec.paramNames()))
                    .suggest(hp.name().span(), KnownWords.suggest(hp.name().text(), spec.paramNames())));
            return;
        }
        value(ctx, spec, p, hp.value());
    }

    private static void value(Context ctx, ModelSpec spec, ParamSpec p, Value v) {
        switch (p.type()) {
            case INT, FLOAT -> {
                if (!(v instanceof Value.Num n) || (n.quantity().unit() != Unit.NONE && !n.quantity().isVariable())) {
                    wrongType(ctx, spec, p, v);
                    return;
                }
                number(ctx, spec, p, n.quantity());
            }
            case BOOL -> {
                if (!(v instanceof Value.Bool)) {
                    wrongType(ctx, spec, p, v);
                }
            }
            case CHOICE -> {
                String word = v instanceof Value.Word w ? w.name().text() : v instanceof Value.Str s ? s.value() : null;
                if (word == null) {
                    wrongType(ctx, spec, p, v);
                } else if (!p.choices().contains(word)) {
                    ctx.report(ctx.error(Code.MLX0307, "`" + p.name() + "` of `" + spec.kind() + "` cannot be `" + word + "`")
                            .primary(v.span(), "not one of the choices")
                            .note("`" + p.name() + "` is one of " + DidYouMean.list(p.choices()))
                            .suggest(v.span(), KnownWords.suggest(word, p.choices())));
                } else if (spec.kind().equals("baseline") && ctx.task != null) {
                    boolean regressionWord = word.equals("mean") || word.equals("median");
                    if (regressionWord != (ctx.task == Task.REGRESSION)) {
                        ctx.report(ctx.error(Code.MLX0511, "baseline strategy `" + word + "` is for "
                                        + (regressionWord ? "regression" : "classification"))
                                .primary(v.span(), "does not fit " + ctx.task.word())
                                .help(ctx.task == Task.REGRESSION ? "use `mean` or `median`" : "use `majority`, `stratified` or `uniform`"));
                    }
                }
            }
            case INT_LIST -> {
                if (!(v instanceof Value.ListOf list) || list.items().isEmpty()) {
                    wrongType(ctx, spec, p, v);
                    return;
                }
                for (Value item : list.items()) {
                    if (!(item instanceof Value.Num n) || n.quantity().unit() != Unit.NONE) {
                        wrongType(ctx, spec, p, item);
                        return;
                    }
                    number(ctx, spec, new ParamSpec(p.name(), ParamSpec.Type.INT, p.min(), p.max(), null, null, p.doc()), n.quantity());
                }
            }
            case INT_OR_RANGE -> {
                ParamSpec asInt = new ParamSpec(p.name(), ParamSpec.Type.INT, p.min(), p.max(), null, null, p.doc());
                if (v instanceof Value.Num n) {
                    number(ctx, spec, asInt, n.quantity());
                } else if (v instanceof Value.Rng r) {
                    if (number(ctx, spec, asInt, r.range().lo()) && number(ctx, spec, asInt, r.range().hi())
                            && ctx.number(r.range().lo()) >= ctx.number(r.range().hi())) {
                        ctx.report(ctx.error(Code.MLX0313, "range " + r.range().lo().text() + ".." + r.range().hi().text()
                                        + " for `" + p.name() + "` is empty or a single value")
                                .primary(r.span(), "low end must be below the high end"));
                    }
                } else {
                    wrongType(ctx, spec, p, v);
                }
            }
            default -> { }
        }
    }

    private static void wrongType(Context ctx, ModelSpec spec, ParamSpec p, Value v) {
        ctx.report(ctx.error(Code.MLX0312, "`" + p.name() + "` of `" + spec.kind() + "` must be " + p.type().description())
                .primary(v.span(), "this is " + Value.describe(v))
                .note("`" + p.name() + "`: " + p.doc() + "; " + p.summary()));
    }

    /** Type and range of a number; false when reported. */
    private static boolean number(Context ctx, ModelSpec spec, ParamSpec p, Quantity q) {
        double v = ctx.number(q);
        if (Double.isNaN(v)) {
            return false;
        }
        if (p.type() == ParamSpec.Type.INT && v != Math.rint(v)) {
            ctx.report(ctx.error(Code.MLX0312, "`" + p.name() + "` of `" + spec.kind() + "` must be a whole number")
                    .primary(q.span(), "not a whole number")
                    .note("`" + p.name() + "`: " + p.summary()));
            return false;
        }
        if ((p.min() != null && v < p.min()) || (p.max() != null && v > p.max())) {
            ctx.report(ctx.error(Code.MLX0313, "`" + p.name() + "` of `" + spec.kind() + "` is out of range")
                    .primary(q.span(), "must be in " + (p.min() == null ? "" : fmt(p.min())) + ".."
                            + (p.max() == null ? "" : fmt(p.max())))
                    .note("`" + p.name() + "`: " + p.doc() + "; " + p.summary()));
            return false;
        }
        return true;
    }

    static String fmt(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void tune(Context ctx, Stmt.Tune t) {
        String kind = ctx.models.get(t.model().text());
        if (kind == null) {
            undefinedModel(ctx, t.model(), "tune");
            return;
        }
        ModelSpec spec = ctx.catalog.model(kind);
        for (Stmt.TuneParam tp : t.params()) {
            ParamSpec p = spec.param(tp.name().text());
            if (p == null) {
                ctx.report(ctx.error(Code.MLX0311, "unknown hyperparameter `" + tp.name().text() + "` for model `" + kind + "`")
                        .primary(tp.name().span(), "unknown hyperparameter")
                        .note("`" + kind + "` accepts: " + String.join(", ", spec.paramNames()))
                        .suggest(tp.name().span(), KnownWords.suggest(tp.name().text(), spec.paramNames())));
                continue;
            }
            if (tp.range() != null) {
                if (!p.isNumeric()) {
                    ctx.report(ctx.error(Code.MLX0314, "`" + p.name() + "` is " + p.type().description() + ", not a number to tune over a range")
                            .primary(tp.range().span(), "a range")
                            .help(p.choices().isEmpty() ? "tune numeric hyperparameters only"
                                    : "list the choices: `" + p.name() + " in [" + String.join(", ", p.choices()) + "]`"));
                    continue;
                }
                double lo = ctx.number(tp.range().lo());
                double hi = ctx.number(tp.range().hi());
                if (Double.isNaN(lo) || Double.isNaN(hi)) {
                    continue;
                }
                if (lo >= hi) {
                    ctx.report(ctx.error(Code.MLX0512, "tuning range " + tp.range().lo().text() + ".." + tp.range().hi().text() + " is empty")
                            .primary(tp.range().span(), "low end must be below the high end"));
                } else if ((p.min() != null && lo < p.min()) || (p.max() != null && hi > p.max())) {
                    ctx.report(ctx.error(Code.MLX0314, "tuning range for `" + p.name() + "` leaves its domain")
                            .primary(tp.range().span(), "`" + p.name() + "` must stay in " + (p.min() == null ? "" : fmt(p.min()))
                                    + ".." + (p.max() == null ? "" : fmt(p.max()))));
                } else if (tp.log() && lo <= 0) {
                    ctx.report(ctx.error(Code.MLX0314, "a log-scale range must start above 0")
                            .primary(tp.range().span(), "starts at " + tp.range().lo().text())
                            .help("start the range at a small positive number, or drop `log`"));
                } else if (p.type() == ParamSpec.Type.INT && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
                    ctx.report(ctx.error(Code.MLX0314, "`" + p.name() + "` is a whole number; its range ends must be too")
                            .primary(tp.range().span(), "not whole numbers"));
                } else {
                    tunedNeighboursWithinRows(ctx, t, spec, tp);
                }
            } else if (tp.choices() != null) {
                int before = ctx.errorsReported();
                for (Value v : tp.choices().items()) {
                    value(ctx, spec, p, v);
                }
                if (ctx.errorsReported() == before) { // one diagnostic per cause: a choice out of the domain says enough
                    tunedNeighboursWithinRows(ctx, t, spec, tp);
                }
            }
        }
        if (t.trials() != null) {
            ChecksPass.positiveInteger(ctx, t.trials(), "the number of trials");
        }
        if (t.search() != null) {
            ChecksPass.choice(ctx, "search", t.search(), "search strategy");
        }
        if (t.folds() != null) {
            double f = ctx.number(t.folds());
            if (!Double.isNaN(f) && (f < 2 || f != Math.rint(f))) {
                ctx.report(ctx.error(Code.MLX0508, "tuning needs at least 2 folds")
                        .primary(t.folds().span(), "too few folds"));
            }
        }
        if (t.metric() != null) {
            ScopePass.metric(ctx, t.metric(), "tuning");
        }
    }

    static void undefinedModel(Context ctx, Name name, String where) {
        ctx.report(ctx.error(Code.MLX0507, "model `" + name.text() + "` is not defined")
                .primary(name.span(), "no model with this name")
                .note(ctx.models.isEmpty() ? "the `models` block defines no models"
                        : "models defined: " + DidYouMean.list(ctx.models.keySet()))
                .suggest(name.span(), DidYouMean.suggest(name.text(), ctx.models.keySet())));
    }
}
