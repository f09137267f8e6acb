package dev.mlx.runtime.models.tree;

/**
 * How to grow trees. {@code featuresPerSplit} is the share of features a split considers, 0 for
 * scikit-learn's default (the square root of the number of features for classification, every
 * feature for regression); {@code bootstrap} draws each tree's rows with replacement (a random
 * forest); {@code randomSplits} cuts each considered feature at one random point instead of the best
 * (extra trees).
 *
 * @param trees            trees in the ensemble (1 for a single tree)
 * @param maxDepth         deepest split
 * @param minLeafWeight    smallest total row weight a leaf may hold
 * @param featuresPerSplit share of features each split considers, 0 for scikit-learn's default
 * @param bootstrap        whether each tree sees a bootstrap sample of the rows
 * @param randomSplits     whether splits are drawn at random (extra trees)
 * @param seed             seed of the whole ensemble; tree t draws from the t-th split of it
 */
public record TreeSettings(int trees, int maxDepth, double minLeafWeight, double featuresPerSplit, boolean bootstrap,
                           boolean randomSplits, long seed) {
    public TreeSettings {
        if (trees < 1 || maxDepth < 1 || !(minLeafWeight >= 0) || !(featuresPerSplit >= 0 && featuresPerSplit <= 1)) {
            throw new IllegalArgumentException("trees and depth must be at least 1, the leaf weight at least 0 and the "
                    + "share of features within 0..1");
        }
    }

    /** Features a split considers among {@code features}, at least 1. */
    int featuresPerSplit(int features, boolean classification) {
        if (featuresPerSplit == 0) {
            return classification ? Math.max(1, (int) Math.sqrt(features)) : Math.max(1, features);
        }
        return Math.max(1, Math.min(features, (int) Math.round(featuresPerSplit * features)));
    }
}
