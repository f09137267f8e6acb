package dev.mlx.runtime.models;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.util.Map;
import java.util.function.Function;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;

/**
 * A trainer whose settings depend on the data: LIBSVM's default kernel width is 1/features, and
 * the L2 penalty of AdaGrad-RDA is scaled by the number of steps per epoch. The real trainer is
 * built from the dataset when training starts; {@code prototype} (the same trainer with the
 * data-free settings) answers for provenance until then.
 */
final class DeferredTrainer<T extends Output<T>> extends AbstractTrainer<T> {
    private final Function<Dataset<T>, Trainer<T>> build;
    private final Trainer<T> prototype;

    DeferredTrainer(Trainer<T> prototype, Function<Dataset<T>, Trainer<T>> build) {
        super(() -> prototype);
        this.prototype = prototype;
        this.build = build;
    }

    /** The real trainer is new for every call, so it starts from its seed each time. */
    @Override
    public Model<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        Trainer<T> real = build.apply(examples);
        count();
        return real.train(examples, runProvenance);
    }

    @Override
    public String toString() {
        return prototype.toString();
    }
}
