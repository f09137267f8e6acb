package dev.mlx.runtime.models;

import dev.mlx.runtime.models.tree.TreeScoring;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;

/**
 * The one way the runtime scores rows with a model (evaluation, explanations, the latency meter,
 * {@code predict}, the server): rows the model would refuse made scorable ({@link KnownFeatures}),
 * forests scored without their per-tree lookups ({@link TreeScoring}); the predictions are Tribuo's.
 */
public final class Predictions {
    private Predictions() {
    }

    /** The model's predictions of {@code examples}, in order. */
    public static <T extends Output<T>> List<Prediction<T>> of(Model<T> model, List<Example<T>> examples) {
        return TreeScoring.predict(model, KnownFeatures.of(model, examples));
    }

    /** The model's prediction of one row. */
    public static <T extends Output<T>> Prediction<T> of(Model<T> model, Example<T> example) {
        return of(model, List.of(example)).get(0);
    }
}
