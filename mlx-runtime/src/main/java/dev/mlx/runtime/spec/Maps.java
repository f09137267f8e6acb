package dev.mlx.runtime.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordered maps for generated code, where the keys are open-ended names: a model's hyperparameters
 * (the catalog says which a kind takes) and the experiment's parameters. {@code Map.of} has no
 * order, and output must be deterministic.
 */
public final class Maps {
    private Maps() {
    }

    /** Alternating keys and values, kept in the order written. */
    public static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Parameter defaults: alternating names and numbers. */
    public static Map<String, Double> params(Object... namesAndValues) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return out;
    }
}
