package dev.mlx.runtime.features;

import java.io.Serializable;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A feature pipeline fitted on training rows: applies exactly the same transformation to any table
 * with the raw input columns (training, test, or rows to predict), and travels with the model.
 */
public interface FittedPipeline extends Serializable {
    /** Transforms the rows; labels/targets are filled when the table holds the target column. */
    FeatureMatrix transform(Table table);

    /** The names of the features the models see, in index order. */
    List<String> featureNames();

    /** The raw columns a row must carry at prediction time, in order. */
    List<String> inputColumns();

    /** The input columns read as text (tf-idf, bag of words): explained by their words. */
    default List<String> textColumns() {
        return List.of();
    }
}
