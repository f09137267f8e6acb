package dev.mlx.plan;

import dev.mlx.runtime.spec.Experiment;
import java.util.Map;

/**
 * A resolved experiment. {@code params} are the parameters with their default values (after
 * {@code --set} at compile time); {@code paramUses} maps a path into the spec (component names
 * joined by '.', list elements as [i], map entries as {key}) to the parameter that produced it.
 */
public record Plan(Experiment experiment, Map<String, Double> params, Map<String, String> paramUses) {
    public Plan {
        params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
        paramUses = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(paramUses));
    }
}
