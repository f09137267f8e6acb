package dev.mlx.runtime.models;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.util.Map;
import java.util.function.IntFunction;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Trainer;

/**
 * Tribuo's SGD trainers with mini-batches, made safe for any data. Tribuo 4.3.2 turns a row that
 * holds every feature into a dense vector and any other row into a sparse one, and its mini-batch
 * merge fails (ClassCastException) when one batch mixes both: plain numeric data where some value
 * happens to be 0 is enough. Such a dataset is trained on a copy with explicit zeros (every row
 * dense); a dataset where no row is full (one-hot, text) is left sparse. The trainer is built per
 * dataset size (the L2 penalty of AdaGrad-RDA is spread over one epoch's steps).
 */
final class SgdTrainer<T extends Output<T>> extends AbstractTrainer<T> {
    private final IntFunction<? extends Trainer<T>> inner;

    /** Described by the trainer for one row, as it is before it sees data. */
    SgdTrainer(IntFunction<? extends Trainer<T>> inner) {
        super(() -> inner.apply(1));
        this.inner = inner;
    }

    /** {@code data} itself when its rows are all sparse or all full, else a copy with every row full. */
    static <T extends Output<T>> Dataset<T> uniformDensity(Dataset<T> data) {
        int features = data.getFeatureMap().size();
        int full = 0;
        for (Example<T> e : data) {
            if (e.size() == features) {
                full++;
            }
        }
        if (full == 0 || full == data.size()) {
            return data;
        }
        MutableDataset<T> copy = MutableDataset.createDeepCopy(data);
        copy.densify();
        return copy;
    }

    @Override
    public Model<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        Dataset<T> data = uniformDensity(examples);
        count();
        return inner.apply(data.size()).train(data, runProvenance);
    }

    @Override
    public String toString() {
        return inner.apply(1).toString();
    }
}
