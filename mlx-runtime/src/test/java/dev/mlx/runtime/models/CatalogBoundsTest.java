package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import tech.tablesaw.api.Table;

/**
 * The catalog's ranges are what the trainers accept: every bound of every numeric hyperparameter, for
 * every task the model serves, is built into the real trainer and trained on a small table. A bound
 * the trainer refuses would pass {@code mlx check} and then fail the run.
 */
class CatalogBoundsTest {
    private static final long SEED = 11;
    /** Other settings kept cheap, so that an upper bound of rounds or trees is what is measured. */
    private static final Map<String, Map<String, Object>> CHEAP = Map.of(
            "forest", Map.of("trees", 3L, "max_depth", 3L),
            "extra_trees", Map.of("trees", 3L, "max_depth", 3L),
            "xgboost", Map.of("trees", 3L, "max_depth", 2L),
            "adaboost", Map.of("rounds", 3L),
            "mlp", Map.of("epochs", 3L, "hidden", List.of(4L)),
            "factorization_machine", Map.of("epochs", 2L),
            "logistic", Map.of("epochs", 2L),
            "linear", Map.of("epochs", 2L));
    /**
     * Upper bounds that only say how long a run may take; driven with the rest of the settings cheap
     * (trees and rounds are a loop count, nothing a trainer validates), they would still cost minutes.
     */
    private static final List<String> COST_ONLY = List.of("trees", "rounds", "epochs", "max_iterations", "iterations");

    @Test
    void everyBoundTrains() {
        Table c = TestData.classification(60, 2, 3);
        FeatureMatrix cls = TrainersTest.minMax(c, c, "label", Task.CLASSIFICATION);
        Table r = TestData.regression(60, 4);
        FeatureMatrix reg = new TestData.Pipeline(r, List.of("x1", "x2", "x3"), "y", Task.REGRESSION).transform(r);
        Table b = TestData.blobs(150, 3); // k may be 100: more rows than clusters
        FeatureMatrix blobs = new TestData.Pipeline(b, List.of("x1", "x2"), "label", Task.CLUSTERING).transform(b);

        List<String> refused = new ArrayList<>();
        int driven = 0;
        for (ModelSpec spec : Catalog.get().models().values()) {
            for (ParamSpec p : spec.params()) {
                if (!p.isNumeric() && p.type() != ParamSpec.Type.INT_LIST) {
                    continue;
                }
                for (Double bound : new Double[] {p.min(), p.max()}) {
                    if (bound == null || (bound.equals(p.max()) && COST_ONLY.contains(p.name()))) {
                        continue;
                    }
                    for (Task task : spec.tasks()) {
                        Map<String, Object> settings = new LinkedHashMap<>(CHEAP.getOrDefault(spec.kind(), Map.of()));
                        settings.put(p.name(), value(p, bound));
                        Model model = new Model(spec.kind(), spec.kind(), settings);
                        driven++;
                        try {
                            Trainer<?> trainer = Trainers.trainer(model, task, SEED);
                            train(trainer, task, cls, reg, blobs);
                        } catch (RuntimeException e) {
                            refused.add(spec.kind() + " { " + p.name() + " " + fmt(bound) + " } for " + task.word() + ": "
                                    + e);
                        }
                    }
                }
            }
        }
        assertTrue(driven > 60, "drove only " + driven + " bounds");
        assertTrue(refused.isEmpty(), "the catalog allows settings the trainer refuses:\n" + String.join("\n", refused));
    }

    private static Object value(ParamSpec p, double bound) {
        return switch (p.type()) {
            case INT, INT_OR_RANGE -> (long) bound;
            case INT_LIST -> List.of((long) bound);
            default -> bound;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void train(Trainer<?> trainer, Task task, FeatureMatrix cls, FeatureMatrix reg, FeatureMatrix blobs) {
        Dataset data = switch (task) {
            case CLASSIFICATION -> Datasets.classification(cls);
            case REGRESSION -> Datasets.regression(reg);
            case CLUSTERING -> Datasets.clustering(blobs);
        };
        ((Trainer) trainer).train(data);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
