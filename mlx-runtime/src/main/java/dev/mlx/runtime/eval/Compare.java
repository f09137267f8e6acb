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
        FeatureMatrix m = pipeline.transform(test);
        List<String> classes = null;
        if (task == Task.CLASSIFICATION) {
            TreeSet<String> all = new TreeSet<>();
            for (String l : m.labels()) {
                all.add(l);
            }
            for (Object o : model.getOutputIDInfo().getDomain()) {
                all.add(((org.tribuo.classification.Label) o).getLabel());
            }
            classes = new ArrayList<>(all);
        }
        Scored s = Scored.of(model, m, Scored.examples(m, task), task, classes, model.generatesProbabilities());
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
