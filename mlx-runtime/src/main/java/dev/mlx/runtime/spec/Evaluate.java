package dev.mlx.runtime.spec;

import java.util.List;

/**
 * How models are compared: k-fold CV on the training rows ({@code folds} 0 = holdout only), the
 * metrics computed (the deciding metric included), selection ("best", or "simplest" within
 * {@code tolerance} of the best by the catalog's complexity order) and slices.
 */
public record Evaluate(int folds, boolean stratified, List<String> metrics, String select, double tolerance,
                       String selectMetric, List<String> slices) {
    public Evaluate {
        metrics = List.copyOf(metrics);
        slices = List.copyOf(slices);
    }
}
