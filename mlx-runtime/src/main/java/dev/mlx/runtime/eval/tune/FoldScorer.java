package dev.mlx.runtime.eval.tune;

import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.spec.Model;

/**
 * How a trial is scored on one fold, given to the {@link Tuner} by the evaluation that owns the
 * metrics, so that the tuner scores exactly as cross-validation does without depending on it.
 */
@FunctionalInterface
public interface FoldScorer {
    /**
     * The {@code metric} of {@code model} trained (with trainer seed {@code seed}) on {@code train} and
     * scored on {@code validation}; NaN when the metric cannot be computed. A model that fails throws.
     */
    double score(Model model, long seed, FeatureMatrix train, FeatureMatrix validation, String metric);
}
