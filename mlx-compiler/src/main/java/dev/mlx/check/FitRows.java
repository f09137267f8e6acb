package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.diag.Code;
import dev.mlx.source.Span;
import java.util.Map;

/**
 * Hyperparameters whose values count rows, against the rows of the smallest fit: the final one on
 * every training row and each cross-validation fold's (the training rows minus the largest
 * validation fold). The checker knows the rows from the data; the run would fail, or fit a model
 * that cannot learn, only once it got there.
 */
final class FitRows {
    private FitRows() {
    }

    /**
     * What one value of a hyperparameter needs of the rows.
     *
     * @param perValue      rows one unit of the value needs (a split puts min_child_weight on each side: 2)
     * @param checkDefault  whether the catalog's default is checked too (it fails the run, not just the model)
     * @param counted       what the value counts, in the headline
     */
    private record Need(int perValue, boolean checkDefault, String counted) {
    }

    private static final Need NEIGHBOURS = new Need(1, true, "asks for more neighbours than");
    private static final Need LEAF = new Need(2, false, "leaves no split possible on");

    /** kind → hyperparameter → its need. Rows weigh 1 in every tree (HistogramTrees scales weights to add up to the rows). */
    private static final Map<String, Map<String, Need>> NEEDS = Map.of(
            "knn", Map.of("k", NEIGHBOURS),
            "kmeans", Map.of("k", new Need(1, true, "asks for more clusters than")),
            "hdbscan", Map.of("k", NEIGHBOURS, "min_cluster_size", new Need(1, false, "asks for a larger cluster than")),
            "cart", Map.of("min_child_weight", LEAF),
            "forest", Map.of("min_child_weight", LEAF),
            "extra_trees", Map.of("min_child_weight", LEAF),
            "xgboost", Map.of("min_child_weight", LEAF));

    /** Every row-counting hyperparameter of a model: written, or the catalog's default where that fails a run. */
    static void model(Context ctx, ModelSpec spec, Stmt.Model m) {
        Map<String, Need> needs = NEEDS.get(spec.kind());
        if (needs == null || !ctx.hasData() || ctx.trainingRows() < 0) {
            return;
        }
        for (Map.Entry<String, Need> e : new java.util.TreeMap<>(needs).entrySet()) {
            String name = e.getKey();
            Need need = e.getValue();
            Stmt.HyperParam written = m.params().stream().filter(hp -> hp.name().text().equals(name)).findFirst().orElse(null);
            double value;
            String text;
            Span span;
            if (written == null) {
                ParamSpec p = spec.param(name);
                if (!need.checkDefault() || p == null || !(p.defaultValue() instanceof Number n)) {
                    continue;
                }
                value = n.doubleValue();
                text = ModelsPass.fmt(value);
                span = m.kind().span();
            } else {
                Quantity q = written.value() instanceof Value.Num n ? n.quantity()
                        : written.value() instanceof Value.Rng r ? r.range().lo() : null;
                if (q == null) {
                    continue;
                }
                value = ctx.number(q);
                text = q.text();
                span = q.span();
            }
            if (Double.isNaN(value)) {
                continue;
            }
            long training = ctx.trainingRows();
            int folds = folds(ctx, m);
            long smallest = smallestFit(training, folds);
            if (value * need.perValue() > smallest) {
                String most = most(smallest, need);
                ctx.report(withLeafNote(ctx.error(Code.MLX0313, "`" + name + " " + text + "`" + (written == null ? " (the default)" : "")
                                        + " of `" + spec.kind() + "` " + need.counted() + " the " + smallest + " rows it is fitted on")
                                .primary(span, "at most " + most + " here")
                                .note(fitsNote(ctx, training, folds, smallest)), need, name)
                        .help("write `" + spec.kind() + " { " + name + " " + most + " }`" + (name.equals("k") ? "" : " or less") + ", or use more rows"));
            }
        }
    }

    /**
     * {@code tune MODEL { k in lo..hi }} (or a list of choices) on a row-counting hyperparameter:
     * every value the search may try is fitted in the tuning folds and then in the evaluation's, so
     * the largest must fit the smallest of them.
     */
    static void tuned(Context ctx, Stmt.Tune t, ModelSpec spec, Stmt.TuneParam tp) {
        Need need = NEEDS.getOrDefault(spec.kind(), Map.of()).get(tp.name().text());
        if (need == null || !ctx.hasData()) {
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
        double value = largest == null ? Double.NaN : ctx.number(largest);
        int folds = folds(ctx, m);
        long smallest = smallestFit(training, folds);
        if (!Double.isNaN(value) && value * need.perValue() > smallest) {
            String most = most(smallest, need);
            String name = tp.name().text();
            ctx.report(withLeafNote(ctx.error(Code.MLX0313, "tuning `" + name + "` of `" + spec.kind() + "` up to " + largest.text() + " "
                                    + need.counted() + " the " + smallest + " rows it is fitted on")
                            .primary(largest.span(), "at most " + most + " here")
                            .note(fitsNote(ctx, training, folds, smallest)), need, name)
                    .help(tp.range() != null ? "end the range at " + most + ", or use more rows"
                            : "keep the choices at " + most + " or below, or use more rows"));
        }
    }

    private static dev.mlx.diag.Diagnostic.Builder withLeafNote(dev.mlx.diag.Diagnostic.Builder d, Need need, String name) {
        return need == LEAF ? d.note("each side of a split must weigh at least `" + name + "`, and a row weighs at most 1; "
                + "a tree that cannot split is one leaf, which predicts the same for every row") : d;
    }

    /** The largest value that fits {@code rows}. */
    private static String most(long rows, Need need) {
        return ModelsPass.fmt(need.perValue() == 1 ? Math.max(1, rows) : rows / (double) need.perValue());
    }

    /** The rows of the smallest fit: the final one on all training rows, or a fold's (all but the largest validation fold). */
    private static long smallestFit(long training, int folds) {
        return folds >= 2 && training >= folds ? training - (training + folds - 1) / folds : training;
    }

    private static String fitsNote(Context ctx, long training, int folds, long smallest) {
        return folds >= 2 ? training + " training rows; each of the " + folds + " cross-validation folds fits on "
                + smallest + " or more of them" : ctx.splitNone() != null ? training + " rows, all of them for training (`split none`)"
                : training + " training rows after the holdout";
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
}
