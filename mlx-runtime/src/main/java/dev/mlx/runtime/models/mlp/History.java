package dev.mlx.runtime.models.mlp;

import java.util.List;

/**
 * How training went: the mean training loss of every epoch run, the validation loss after each
 * (empty without a validation slice), and the epoch whose weights the model kept (0-based; -1 when
 * there was no validation slice and the model holds the last epoch's weights). Losses are cross
 * entropy for classification and half the squared error of the standardised target for regression.
 */
public record History(List<Double> trainingLoss, List<Double> validationLoss, int bestEpoch)
        implements java.io.Serializable {
    public History {
        trainingLoss = List.copyOf(trainingLoss);
        validationLoss = List.copyOf(validationLoss);
    }

    /** The number of epochs run (fewer than asked for when training stopped early). */
    public int epochs() {
        return trainingLoss.size();
    }
}
