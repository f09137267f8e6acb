package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;

/** A feature and a score: the leakage screen's, or a model's own importance. */
public record FeatureScore(String feature, @Nullable Double score) {
}
