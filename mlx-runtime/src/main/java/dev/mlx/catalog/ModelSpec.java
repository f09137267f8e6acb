package dev.mlx.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model kind of the ladder. {@code complexity} orders the ladder (simplest first) for
 * {@code select simplest}; {@code trainers} maps each task to the Tribuo trainer class used.
 */
public record ModelSpec(String kind, String title, int complexity, Map<Task, String> trainers, boolean probabilistic,
                        boolean needsScaling, boolean onnx, List<ParamSpec> params, String doc) {
    public ModelSpec {
        trainers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trainers));
        params = List.copyOf(params);
    }

    public Set<Task> tasks() {
        return trainers.keySet();
    }

    public ParamSpec param(String name) {
        for (ParamSpec p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    public List<String> paramNames() {
        return params.stream().map(ParamSpec::name).toList();
    }
}
