package dev.mlx.runtime.models.mlp;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

/**
 * Trains an {@link MlpClassificationModel}: softmax output, cross-entropy loss. See
 * {@link MlpTrainer} for the training run.
 */
public final class MlpClassificationTrainer extends MlpTrainer<Label> {
    /** For OLCUT. */
    private MlpClassificationTrainer() {
    }

    public MlpClassificationTrainer(MlpSettings settings) {
        super(settings);
    }

    @Override
    Head head(Dataset<Label> examples, ImmutableOutputInfo<Label> outputs) {
        int[] ids = new int[examples.size()];
        int r = 0;
        for (Example<Label> e : examples) {
            ids[r++] = outputs.getID(e.getOutput());
        }
        return new Head.Labels(ids);
    }

    @Override
    MlpModel<Label> model(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Label> outputs,
                          MlpParameters parameters, Activation activation, History history, Head head) {
        return new MlpClassificationModel("mlp-classification-model", provenance, features, outputs, parameters, activation,
                history);
    }

    @Override
    String modelClassName() {
        return MlpClassificationModel.class.getName();
    }
}
