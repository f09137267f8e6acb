package dev.mlx.runtime.eval;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Silhouette;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tribuo.Model;
import tech.tablesaw.api.Table;

/**
 * One metric of a model on a holdout table, computed exactly as a run computes holdout metrics:
 * what retraining uses to compare the serving model with a new one on the same rows.
 */
public final class Compare {
    private Compare() {
    }

    /** The metric of {@code model} (behind its own pipeline) on {@code test}, which carries the target; NaN when undefined. */
    public static double holdout(Model<?> model, FittedPipeline pipeline, Table test, Task task, String metric, String positive,
                                 long seed) {
        return metric(score(model, pipeline, test, task, classes(test, pipeline, task, model)), metric, positive, seed);
    }

    /**
     * Two models on the same rows by one metric: both values, the difference (second minus first)
     * and its 95% interval from a paired percentile bootstrap of the rows (the same resampled rows
     * for both, {@code resamples} times, seeded).
     */
    public record Paired(int rows, double first, double second, double difference, double lo, double hi, int resamples) {
    }

    /** Resamples of {@link #paired}. */
    public static final int RESAMPLES = 1000;

    /** Compares {@code first} with {@code second} on the rows of {@code test}; see {@link Paired}. */
    public static Paired paired(Model<?> first, FittedPipeline firstPipeline, Model<?> second, FittedPipeline secondPipeline,
                                Table test, Task task, String metric, String positive, long seed) {
        List<String> classes = null;
        if (task == Task.CLASSIFICATION) {
            TreeSet<String> all = new TreeSet<>(classes(test, firstPipeline, task, first));
            all.addAll(classes(test, secondPipeline, task, second));
            classes = new ArrayList<>(all);
        }
        Scored a = score(first, firstPipeline, test, task, classes);
        Scored b = score(second, secondPipeline, test, task, classes);
        double va = metric(a, metric, positive, seed);
        double vb = metric(b, metric, positive, seed);
        int n = a.n;
        double[] diffs = new double[RESAMPLES];
        int kept = 0;
        java.util.Random random = new java.util.Random(seed);
        int[] rows = new int[n];
        for (int r = 0; r < RESAMPLES && n > 0; r++) {
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            double d = metric(b.subset(rows), metric, positive, seed) - metric(a.subset(rows), metric, positive, seed);
            if (!Double.isNaN(d)) {
                diffs[kept++] = d;
            }
        }
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (kept > 0) {
            double[] sorted = java.util.Arrays.copyOf(diffs, kept);
            java.util.Arrays.sort(sorted);
            lo = sorted[(int) Math.floor(0.025 * (kept - 1))];
            hi = sorted[(int) Math.ceil(0.975 * (kept - 1))];
        }
        return new Paired(n, va, vb, vb - va, lo, hi, kept);
    }

    private static List<String> classes(Table test, FittedPipeline pipeline, Task task, Model<?> model) {
        if (task != Task.CLASSIFICATION) {
            return null;
        }
        TreeSet<String> all = new TreeSet<>();
        for (String l : pipeline.transform(test).labels()) {
            all.add(l);
        }
        for (Object o : model.getOutputIDInfo().getDomain()) {
            all.add(((org.tribuo.classification.Label) o).getLabel());
        }
        return new ArrayList<>(all);
    }

    private static Scored score(Model<?> model, FittedPipeline pipeline, Table test, Task task, List<String> classes) {
        FeatureMatrix m = pipeline.transform(test);
        return Scored.of(model, m, Scored.examples(m, task), task, classes, model.generatesProbabilities());
    }

    private static double metric(Scored s, String metric, String positive, long seed) {
        Double v = Metrics.compute(s, List.of(metric), new Metrics.Context(positive, Integer.MIN_VALUE, seed,
                Silhouette.Metric.of(null))).get(metric);
        return v == null ? Double.NaN : v;
    }

    /** Whether a larger value of the metric is better. */
    public static boolean higherIsBetter(String metric) {
        MetricSpec ms = Catalog.get().metric(metric);
        return ms == null || ms.higherIsBetter();
    }
}
