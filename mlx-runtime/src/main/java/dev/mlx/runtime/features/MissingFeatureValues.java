package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;

/**
 * Rows that still have a missing value in a numeric feature after the features block, which no
 * model accepts. At prediction time it is the rows' fault, not the model's: the server answers it
 * as a client error naming the feature.
 */
public final class MissingFeatureValues extends RunException {
    private static final long serialVersionUID = 1L;

    private final String feature;
    private final int row;

    MissingFeatureValues(String feature, int count, int row) {
        super("feature `" + feature + "` has " + count + (count == 1 ? " missing value" : " missing values")
                + " after the features block (first in row " + (row + 1) + "); impute or drop it");
        this.feature = feature;
        this.row = row;
    }

    /** The feature (for a numeric column, the column's name) that has the gap. */
    public String feature() {
        return feature;
    }

    /** The first row (0-based, in the rows given to the pipeline) with the gap. */
    public int row() {
        return row;
    }
}
