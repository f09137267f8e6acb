package dev.mlx.runtime.eval;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.Folds;
import dev.mlx.runtime.base.Parallel;
import dev.mlx.runtime.data.RowKeys;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.spec.Evaluate;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * "Do we have enough data?": the selected model's metric at growing training sizes. The training
 * rows are cut into the folds of the evaluation (same seed, same stratification); in each fold the
 * model is trained on growing shares of that fold's training rows (each share holding the smaller
 * ones, and every class in its proportion) and scored on the fold's validation rows, with the
 * feature pipeline fitted on the share alone. The verdict compares the last two sizes fold by fold:
 * more data is likely to help when the last step still gained more than twice its standard error
 * and more than half a percent of the metric; otherwise the curve has flattened within its spread.
 */
public final class LearningCurves {
    /** The gain, relative to the metric's size, below which a step counts as flat whatever its spread. */
    static final double FLAT = 0.005;

    private LearningCurves() {
    }

    /**
     * The curve of {@code model} (trained with the experiment's seed) on {@code train}, the raw
     * training rows; {@code fitter} fits the feature pipeline on the rows it is given.
     */
    public static Evaluation.LearningCurve compute(Experiment spec, Model model, Table train,
                                                   Function<Table, FittedPipeline> fitter, Consumer<String> progress) {
        Evaluate.LearningCurve plan = spec.evaluate().learningCurve();
        Task task = spec.scope().task();
        String metric = plan.metric();
        boolean higher = Catalog.get().metric(metric).higherIsBetter();
        int k = Math.max(2, Math.min(plan.folds(), train.rowCount()));
        String[] strata = strata(spec, train);
        RowKeys.Hashes hashes = RowKeys.forFolds(train, spec.data(), spec.seed());
        List<int[]> folds = Folds.split(hashes.key(), hashes.tie(), k, strata);
        List<Double> sizes = plan.sizes();
        List<int[]> orders = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            orders.add(order(Folds.complement(train.rowCount(), folds.get(f)), strata, spec.seed() + f));
        }
        List<int[]> cells = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            for (int s = 0; s < sizes.size(); s++) {
                cells.add(new int[] {f, s});
            }
        }
        // Every cell fits its own pipeline and model and writes only its own score: the order the
        // cells finish in changes nothing.
        List<Double> scores = Parallel.map(cells, cell -> {
            int[] order = orders.get(cell[0]);
            int rows = rowsAt(sizes.get(cell[1]), order.length);
            int[] chosen = Arrays.copyOf(order, rows);
            Arrays.sort(chosen);
            try {
                Table part = train.rows(chosen);
                FittedPipeline p = fitter.apply(part);
                FeatureMatrix mt = p.transform(part);
                FeatureMatrix mv = p.transform(train.rows(folds.get(cell[0])));
                return Evaluator.foldScore(spec, model, spec.seed(), mt, mv, metric);
            } catch (RuntimeException e) {
                return Double.NaN; // too few rows for this model (one class, one row): no score at this size
            }
        });
        List<Evaluation.CurvePoint> points = new ArrayList<>();
        double[][] byFold = new double[sizes.size()][k];
        for (int s = 0; s < sizes.size(); s++) {
            List<Double> values = new ArrayList<>();
            long rows = 0;
            for (int f = 0; f < k; f++) {
                double v = scores.get(f * sizes.size() + s);
                byFold[s][f] = v;
                values.add(v);
                rows += rowsAt(sizes.get(s), orders.get(f).length);
            }
            EvaluationResult.Summary sum = Evaluator.summary(values);
            points.add(new Evaluation.CurvePoint(sizes.get(s), (int) Math.round((double) rows / k),
                    EvaluationResult.num(sum.mean()), EvaluationResult.num(sum.sd()),
                    values.stream().map(EvaluationResult::num).toList()));
            progress.accept(String.format(Locale.ROOT, "learning curve %3.0f%% of the training rows: %s %s", 100 * sizes.get(s),
                    metric, Double.isNaN(sum.mean()) ? "not scored" : String.format(Locale.ROOT, "%.4f", sum.mean())));
        }
        return verdict(model.name(), metric, higher, k, points, byFold);
    }

    /** The verdict from the last two sizes, compared fold by fold. */
    static Evaluation.LearningCurve verdict(String model, String metric, boolean higher, int k,
                                            List<Evaluation.CurvePoint> points, double[][] byFold) {
        int n = points.size();
        if (n < 2) {
            return new Evaluation.LearningCurve(model, metric, higher, k, points, null, null, false,
                    "one training size cannot say whether more data would help");
        }
        double sign = higher ? 1 : -1;
        List<Double> gains = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            double a = byFold[n - 2][f];
            double b = byFold[n - 1][f];
            if (!Double.isNaN(a) && !Double.isNaN(b)) {
                gains.add(sign * (b - a));
            }
        }
        Evaluation.CurvePoint prev = points.get(n - 2);
        Evaluation.CurvePoint last = points.get(n - 1);
        String step = "from " + pct(prev.size()) + " to " + pct(last.size()) + " of the training rows ("
                + prev.trainRows() + " to " + last.trainRows() + " rows per fold)";
        if (gains.size() < 2 || last.mean() == null) {
            return new Evaluation.LearningCurve(model, metric, higher, k, points, null, null, false,
                    "cannot judge: " + metric + " could not be scored in at least two folds at both of the last sizes");
        }
        EvaluationResult.Summary g = Evaluator.summary(gains);
        double gain = g.mean();
        double se = g.sd() / Math.sqrt(gains.size());
        boolean helps = gain > 2 * se && gain > FLAT * Math.max(Math.abs(last.mean()), 1e-12);
        // a change that prints as 0.0000 is no change: say so rather than "rose by 0.0000"
        String change = Math.abs(gain) < 0.00005
                ? String.format(Locale.ROOT, "%s did not change on average (standard error %.4f over %d folds)",
                        metric, se, gains.size())
                : String.format(Locale.ROOT, "%s %s by %.4f (standard error %.4f over %d folds)", metric,
                        sign * gain >= 0 ? "rose" : "fell", Math.abs(gain), se, gains.size());
        String verdict = helps
                ? "more data would likely help: " + step + ", " + change + ", a gain larger than twice its spread"
                  + " between folds, so the curve has not flattened yet"
                : "more data would likely not help much: " + step + ", " + change + ", "
                  + (gain <= 0 ? "no gain" : "a gain within twice its spread between folds or below half a percent")
                  + ", so the curve has flattened; better features or another model are the likelier gains";
        return new Evaluation.LearningCurve(model, metric, higher, k, points, gain, se, helps, verdict);
    }

    /** Rows of a share of {@code available}, at least one. */
    static int rowsAt(double size, int available) {
        return Math.max(1, Math.min(available, (int) Math.round(size * available)));
    }

    /** Stratification keys: the target's classes for a stratified classification, else null. */
    private static String[] strata(Experiment spec, Table train) {
        String target = spec.scope().target();
        if (spec.scope().task() != Task.CLASSIFICATION || !spec.evaluate().stratified() || target == null
                || !train.containsColumn(target)) {
            return null;
        }
        Column<?> col = train.column(target);
        String[] out = new String[train.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = col.isMissing(i) ? null : col.getString(i);
        }
        return out;
    }

    /**
     * The training rows in a seeded order whose every prefix holds each stratum in its share: each
     * row is keyed by its (shuffled) rank within its stratum over the stratum's size, ties broken by
     * the shuffle.
     */
    static int[] order(int[] rows, String[] strata, long seed) {
        int[] shuffled = rows.clone();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        if (strata == null) {
            return shuffled;
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int r : shuffled) {
            sizes.merge(String.valueOf(strata[r]), 1, Integer::sum);
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        double[] key = new double[shuffled.length];
        Integer[] at = new Integer[shuffled.length];
        for (int i = 0; i < shuffled.length; i++) {
            String s = String.valueOf(strata[shuffled[i]]);
            int rank = seen.merge(s, 1, Integer::sum) - 1;
            key[i] = (rank + 0.5) / sizes.get(s);
            at[i] = i;
        }
        Arrays.sort(at, Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingInt(i -> i));
        int[] out = new int[shuffled.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = shuffled[at[i]];
        }
        return out;
    }

    private static String pct(double share) {
        double p = 100 * share;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
