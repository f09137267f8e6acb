package dev.mlx.runtime.spec;

import java.util.List;

/**
 * How models are compared: k-fold CV on the training rows ({@code folds} 0 = holdout only), the
 * metrics computed (the deciding metric included), selection by {@code selectMetric} and slices.
 */
public record Evaluate(int folds, boolean stratified, List<String> metrics, Rule select, double tolerance,
                       String selectMetric, List<String> slices) {
    public Evaluate {
        metrics = List.copyOf(metrics);
        slices = List.copyOf(slices);
    }

    /** {@code select best|simplest}. */
    public enum Rule {
        /** The best value of the deciding metric. */
        BEST,
        /** The simplest model (by the catalog's complexity order) within {@code tolerance} of the best. */
        SIMPLEST;

        /** The word as written. */
        public String word() {
            return dev.mlx.catalog.Words.of(this);
        }
    }
}
