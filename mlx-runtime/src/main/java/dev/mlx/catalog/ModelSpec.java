package dev.mlx.catalog;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model kind of the ladder. {@code complexity} orders the ladder (simplest first) for
 * {@code select simplest}; {@code trainers} maps each task to the Tribuo trainer class used;
 * {@code traits} says what the model gives and needs.
 */
public record ModelSpec(String kind, String title, int complexity, Map<Task, String> trainers, Set<Trait> traits,
                        List<ParamSpec> params, String doc) {
    /** What a model kind gives or needs, beyond its hyperparameters. */
    public enum Trait {
        /** It gives class probabilities (AUC, log loss, LIME). */
        PROBABILISTIC,
        /** It needs scaled features. */
        NEEDS_SCALING,
        /** It can be exported as ONNX. */
        ONNX
    }

    public ModelSpec {
        trainers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trainers));
        traits = traits.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(traits));
        params = List.copyOf(params);
    }

    public boolean probabilistic() {
        return traits.contains(Trait.PROBABILISTIC);
    }

    public boolean needsScaling() {
        return traits.contains(Trait.NEEDS_SCALING);
    }

    public boolean onnx() {
        return traits.contains(Trait.ONNX);
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
