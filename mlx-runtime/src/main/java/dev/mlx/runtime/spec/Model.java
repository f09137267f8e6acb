package dev.mlx.runtime.spec;

import java.util.Map;

/**
 * A model of the ladder: its name, its catalog kind and the hyperparameters as written (values are
 * Long, Double, Boolean, String, a List of Long (the hidden layers of mlp, or the lo..hi range of k for kmeans)). Anything not
 * given takes the catalog default; {@code seed} defaults to the experiment seed.
 */
public record Model(String name, String kind, Map<String, Object> params) {
    public Model {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
