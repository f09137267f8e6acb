package dev.mlx.runtime.spec;

import java.util.List;

/**
 * How models are compared: k-fold CV on the training rows ({@code folds} 0 = holdout only), the
 * metrics computed (the deciding metric included), selection by {@code selectMetric}, slices, and
 * the learning curve of the selected model (null: none asked for).
 */
public record Evaluate(int folds, boolean stratified, List<String> metrics, Rule select, double tolerance,
                       String selectMetric, List<String> slices, LearningCurve learningCurve) {
    public Evaluate {
        metrics = List.copyOf(metrics);
        slices = List.copyOf(slices);
    }

    /** An evaluation without a learning curve. */
    public Evaluate(int folds, boolean stratified, List<String> metrics, Rule select, double tolerance,
                    String selectMetric, List<String> slices) {
        this(folds, stratified, metrics, select, tolerance, selectMetric, slices, null);
    }

    /**
     * {@code learning curve}: the selected model's {@code metric}, cross-validated over {@code folds}
     * folds of the training rows, when trained on growing shares ({@code sizes}, increasing, in
     * (0, 1], the last usually 1) of each fold's training rows.
     */
    public record LearningCurve(List<Double> sizes, String metric, int folds) {
        public LearningCurve {
            sizes = List.copyOf(sizes);
        }
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
