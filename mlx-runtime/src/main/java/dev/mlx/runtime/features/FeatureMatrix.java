package dev.mlx.runtime.features;

import java.util.List;

/**
 * Transformed rows, ready for a model: feature names shared by all rows, and per row the sparse
 * (index, value) pairs of its non-zero features, in increasing index order. {@code labels} holds
 * the target as text for classification (null when predicting or clustering without labels);
 * {@code targets} the numeric target for regression. Row i of the matrix is row {@code rowIds[i]}
 * (0-based) of the table it came from.
 */
public record FeatureMatrix(List<String> names, int[][] indices, double[][] values, String[] labels, double[] targets,
                            int[] rowIds) {
    public int rows() {
        return indices.length;
    }
}
