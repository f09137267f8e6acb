package dev.mlx.runtime.models;

/**
 * A decision tree another engine grew, in the terms {@link ImportedModels} rebuilds it from: splits on a
 * feature's index (in the feature list handed over with the tree) at a threshold, a row whose value is at
 * most the threshold going to {@code atOrBelow}; leaves with the class probabilities (in the class list's
 * order) or the one predicted value.
 */
public sealed interface ImportedTree {
    /** A split: a row goes to {@code atOrBelow} when its value of feature {@code feature} is at most {@code threshold}. */
    record Split(int feature, double threshold, ImportedTree atOrBelow, ImportedTree above) implements ImportedTree {
    }

    /** A leaf: the class probabilities, or the single value of a regression. */
    record Leaf(double[] values) implements ImportedTree {
        public Leaf {
            values = values.clone();
        }
    }
}
