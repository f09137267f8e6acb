package dev.mlx.runtime.models;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

/**
 * Rows a model can score. Tribuo refuses a row none of whose features the model saw in training (a
 * category that only other folds have, or a row of zeros), although absent means 0: such a row is
 * given the model's first feature with the value 0, which changes nothing it computes, so it is scored
 * as the all-zero row it is.
 */
public final class KnownFeatures {
    private KnownFeatures() {
    }

    /** {@code examples}, with each row the model would refuse replaced by its all-zero equivalent. */
    public static <T extends Output<T>> List<Example<T>> of(Model<T> model, List<Example<T>> examples) {
        ImmutableFeatureMap known = model.getFeatureIDMap();
        if (known.size() == 0) {
            return examples;
        }
        List<Example<T>> out = null;
        for (int i = 0; i < examples.size(); i++) {
            Example<T> e = examples.get(i);
            if (!anyKnown(e, known)) {
                if (out == null) {
                    out = new ArrayList<>(examples);
                }
                out.set(i, new ArrayExample<>(e.getOutput(), new String[] {known.get(0).getName()}, new double[] {0}));
            }
        }
        return out == null ? examples : out;
    }

    /** One row, as {@link #of(Model, List)} does it. */
    public static <T extends Output<T>> Example<T> of(Model<T> model, Example<T> example) {
        return of(model, List.of(example)).get(0);
    }

    private static boolean anyKnown(Example<?> e, ImmutableFeatureMap known) {
        for (org.tribuo.Feature f : e) {
            if (known.getID(f.getName()) >= 0) {
                return true;
            }
        }
        return false;
    }
}
