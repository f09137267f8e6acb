package dev.mlx.runtime.spec;

/**
 * Checks on the transformed training data. {@code leakageBelow} and {@code coverage} are fractions
 * (null: not checked); {@code sample} is how many transformed rows to show.
 */
public record Inspect(boolean noMissing, boolean noConstant, boolean noDuplicates, Double leakageBelow, Double coverage,
                      int sample) {
}
