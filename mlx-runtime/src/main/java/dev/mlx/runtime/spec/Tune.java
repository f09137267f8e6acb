package dev.mlx.runtime.spec;

import dev.mlx.catalog.SearchMethod;
import java.util.List;

/** Hyperparameter search for one model, by cross-validation on the training rows only. */
public record Tune(String model, List<Param> params, int trials, SearchMethod search, String metric, int folds) {
    public Tune {
        params = List.copyOf(params);
    }

    /** One hyperparameter searched over. */
    public sealed interface Param {
        String name();
    }

    /** {@code name in lo..hi [log]}. */
    public record Range(String name, double lo, double hi, boolean log) implements Param {
    }

    /** {@code name in [a, b]}: numbers as Doubles, words as Strings; the catalog gives their type. */
    public record Choices(String name, List<Object> values) implements Param {
        public Choices {
            values = List.copyOf(values);
        }
    }
}
