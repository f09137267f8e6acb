package dev.mlx.runtime.models;

import dev.mlx.runtime.features.FeatureMatrix;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;

/**
 * A trainer that can also fit straight from a {@link FeatureMatrix}, without a Tribuo dataset of
 * one {@code Example} object per row in between. The result is the same Tribuo model as
 * {@link Trainer#train} on {@code Datasets.dataset(m, task)} would give; callers that hold a matrix
 * use this and build the dataset only for trainers that need it.
 */
public interface MatrixTrainer<T extends Output<T>> extends Trainer<T> {
    Model<T> train(FeatureMatrix m);
}
