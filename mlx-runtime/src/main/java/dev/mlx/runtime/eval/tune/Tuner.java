package dev.mlx.runtime.eval.tune;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.Folds;
import dev.mlx.runtime.base.Parallel;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.RowKeys;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Quiet;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Tune;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tunes one model of an experiment as a {@code tune} statement asks: each trial is k-fold
 * cross-validation of the model with the trial's values in place of its own, on the training rows it
 * is given and nothing else, scored on each fold by the {@link FoldScorer} the evaluation hands in (so
 * a trial is scored as cross-validation scores a model). The folds (stratified by the target for
 * classification) are seeded by the
 * experiment seed and the same for every trial, so trials are compared on the same rows; the feature
 * pipeline is fitted inside each fold through {@code fitter}, once (the folds in parallel), and shared
 * by the trials. Trials run in parallel on the run's pool of threads ({@link Parallel}); their
 * configurations and trainer seeds come from the experiment seed and the trial number, so the result
 * does not depend on the number of threads.
 */
public final class Tuner {
    private Tuner() {
    }

    /** Tunes on the run's threads ({@link Parallel#threads()}), silently. */
    public static TuneResult tune(Experiment spec, Table train, Function<Table, FittedPipeline> fitter, Tune tune,
                                  FoldScorer scorer) {
        return tune(spec, train, fitter, tune, scorer, Parallel.threads(), line -> { });
    }

    /**
     * Tunes on {@code threads} threads, telling {@code progress} about every trial in order.
     * {@code train} must be the training rows only: the holdout is for the final model.
     */
    public static TuneResult tune(Experiment spec, Table train, Function<Table, FittedPipeline> fitter, Tune tune,
                                  FoldScorer scorer, int threads, Consumer<String> progress) {
        Quiet.install();
        long t0 = System.nanoTime();
        // the checker guarantees the model, its kind's trainer for the task and the metric
        Model model = spec.models().stream().filter(m -> m.name().equals(tune.model())).findFirst().orElseThrow();
        ModelSpec kind = Catalog.get().model(model.kind());
        String metric = tune.metric();
        MetricSpec ms = Catalog.get().metric(metric);
        Space space = Space.of(tune.params(), kind);
        String[] strata = strata(spec, train);
        RowKeys.Hashes hashes = RowKeys.forFolds(train, spec.data(), spec.seed());
        List<int[]> folds = Folds.split(hashes.key(), hashes.tie(), tune.folds(), strata);
        List<FeatureMatrix[]> matrices = Parallel.call(threads, () -> Parallel.map(folds, validation -> {
            Table foldTrain = train.rows(Folds.complement(train.rowCount(), validation));
            FittedPipeline p = fitter.apply(foldTrain);
            return new FeatureMatrix[] {p.transform(foldTrain), p.transform(train.rows(validation))};
        }));
        Search.Objective objective = (params, seed) -> {
            Model m = with(model, params);
            List<Double> scores = new ArrayList<>();
            for (int f = 0; f < matrices.size(); f++) {
                try {
                    scores.add(scorer.score(m, seed, matrices.get(f)[0], matrices.get(f)[1], metric));
                } catch (RuntimeException e) {
                    throw new RunException("fold " + (f + 1) + ": " + Search.message(e), e);
                }
            }
            return scores;
        };
        List<Trial> trials = Search.run(space, tune.search(), tune.trials(), spec.seed(), ms.higherIsBetter(), threads,
                objective, t -> progress.accept(line(tune.model(), t, tune.trials(), metric)));
        Trial best = Search.best(trials, ms.higherIsBetter());
        Model tuned = best == null ? model : with(model, best.params());
        return new TuneResult(model.name(), model.kind(), tune.search().word(), metric, ms.higherIsBetter(), tune.folds(),
                strata != null, spec.seed(), tune.trials(), space.dimensions(), trials, best, tuned, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The target of each row, for classification; null for the other tasks. */
    private static String[] strata(Experiment spec, Table train) {
        String target = spec.scope().target();
        if (spec.scope().task() != Task.CLASSIFICATION || target == null || !train.containsColumn(target)) {
            return null;
        }
        Column<?> col = train.column(target);
        String[] strata = new String[train.rowCount()];
        for (int i = 0; i < strata.length; i++) {
            strata[i] = col.isMissing(i) ? null : col.getString(i);
        }
        return strata;
    }

    /** The model with {@code params} in place of its own values. */
    static Model with(Model model, Map<String, Object> params) {
        Map<String, Object> merged = new LinkedHashMap<>(model.params());
        merged.putAll(params);
        return new Model(model.name(), model.kind(), merged);
    }

    private static String line(String model, Trial t, int trials, String metric) {
        String params = t.params().entrySet().stream().map(e -> e.getKey() + " " + show(e.getValue()))
                .collect(Collectors.joining(", "));
        String outcome = t.error() != null ? "failed: " + t.error()
                : String.format(Locale.ROOT, "%s %.4f ± %.4f", metric, t.mean(), t.sd());
        return String.format(Locale.ROOT, "tune     %-20s trial %d/%d  %s  %s (%d ms)", model, t.number(), trials, params,
                outcome, t.millis());
    }

    private static String show(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v);
    }
}
