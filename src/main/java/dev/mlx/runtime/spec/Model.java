package dev.mlx.runtime.spec;

import java.util.Map;

/**
 * A model of the ladder: its name, its catalog kind and the hyperparameters as written (values are
 * Long, Double, Boolean, String, a List of Long, or a long[2] range for k of kmeans). Anything not
 * given takes the catalog default; {@code seed} defaults to the experiment seed.
 */
public record Model(String name, String kind, Map<String, Object> params) {
    public Model {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
