package dev.mlx.runtime.models.mlp;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.provenance.ModelProvenance;

/**
 * What the classification and regression mlp trainers share: the settings (as OLCUT {@code @Config}
 * fields, so the trainer provenance records every one), the seeding, and the training run. A
 * subclass says how outputs become training targets ({@link Head}) and how the result becomes a
 * model.
 * <p>
 * Seeding follows Tribuo's trainers: the n-th {@code train} call of a trainer uses the n-th split of
 * a generator seeded with {@code seed}, so a fresh trainer always starts the same way and the
 * invocation count in the provenance reproduces a later call.
 */
public abstract class MlpTrainer<T extends Output<T>> extends AbstractTrainer<T> {
    @Config(description = "Units in each hidden layer, input side first.")
    private int[] hidden = {32};

    @Config(description = "Non-linearity of the hidden layers.")
    private Activation activation = Activation.RELU;

    @Config(mandatory = true, description = "Updates the weights from each mini-batch's gradient.")
    private StochasticGradientOptimiser optimiser;

    @Config(description = "Passes over the training rows.")
    private int epochs = 200;

    @Config(description = "Rows per gradient step.")
    private int minibatchSize = 32;

    @Config(description = "L2 penalty on the weights (not the biases).")
    private double l2 = 1e-4;

    @Config(description = "Epochs without a lower validation loss before training stops; 0 never stops early.")
    private int patience = 10;

    @Config(description = "Share of the training rows held out to pick the best epoch; 0 keeps the last epoch.")
    private double validation = 0.1;

    @Config(description = "Seed of the initial weights, the validation split and the shuffles.")
    private long seed = Trainer.DEFAULT_SEED;

    /** For OLCUT. */
    MlpTrainer() {
    }

    MlpTrainer(MlpSettings s) {
        this.hidden = s.hidden().stream().mapToInt(Integer::intValue).toArray();
        this.activation = s.activation();
        this.optimiser = s.optimiser();
        this.epochs = s.epochs();
        this.minibatchSize = s.batchSize();
        this.l2 = s.l2();
        this.patience = s.patience();
        this.validation = s.validation();
        this.seed = s.seed();
    }

    /** How the outputs of the rows become the loss the network minimises. */
    abstract Head head(Dataset<T> examples, ImmutableOutputInfo<T> outputs);

    /** The model for the trained weights. */
    abstract MlpModel<T> model(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs,
                               MlpParameters parameters, Activation activation, History history, Head head);

    @Override
    public MlpModel<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        if (examples.getOutputInfo().getUnknownCount() > 0) {
            throw new IllegalArgumentException("the dataset contains unknown outputs, and this trainer is supervised");
        }
        if (examples.size() == 0 || examples.getFeatureIDMap().size() == 0) {
            throw new IllegalArgumentException("cannot train an mlp without rows and features");
        }
        Invocation invocation = invoke();
        ImmutableFeatureMap features = examples.getFeatureIDMap();
        ImmutableOutputInfo<T> outputs = examples.getOutputIDInfo();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = features.size();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs.size();
        Head head = head(examples, outputs);
        Fit.Result result = new Fit(activation, optimiser, epochs, minibatchSize, l2, patience, validation)
                .run(sizes, Rows.of(examples, features), head, invocation.generator(seed));
        ModelProvenance mp = new ModelProvenance(modelClassName(), OffsetDateTime.now(), examples.getProvenance(), invocation.provenance(),
                runProvenance);
        return model(mp, features, outputs, result.parameters(), activation, result.history(), head);
    }

    /** The class name recorded in the model provenance. */
    abstract String modelClassName();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(hidden=" + Arrays.toString(hidden) + ",activation=" + activation
                + ",optimiser=" + optimiser + ",epochs=" + epochs + ",minibatchSize=" + minibatchSize + ",l2=" + l2
                + ",patience=" + patience + ",validation=" + validation + ",seed=" + seed + ")";
    }
}
