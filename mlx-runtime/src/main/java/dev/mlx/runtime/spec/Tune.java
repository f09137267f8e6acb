package dev.mlx.runtime.spec;

import java.util.List;

/**
 * Hyperparameter search for one model, by cross-validation on the training rows only.
 * {@code search} is grid, random or tpe.
 */
public record Tune(String model, List<Param> params, int trials, String search, String metric, int folds) {
    public Tune {
        params = List.copyOf(params);
    }

    /** A range (lo..hi, optionally log scale) or a list of choices. */
    public record Param(String name, Double lo, Double hi, boolean log, List<Object> choices) {
        public Param {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }
}
