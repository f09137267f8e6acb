package dev.mlx.runtime.models;

import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Model;

/**
 * The hyperparameters of one model: the values written in the file, else the catalog defaults;
 * the seed defaults to the experiment seed.
 */
final class Hyper {
    private final Model model;
    private final ModelSpec spec;
    private final long experimentSeed;

    Hyper(Model model, ModelSpec spec, long experimentSeed) {
        this.model = model;
        this.spec = spec;
        this.experimentSeed = experimentSeed;
    }

    private Object raw(String name) {
        Object v = model.params().get(name);
        if (v != null) {
            return v;
        }
        ParamSpec p = spec.param(name);
        if (p == null) {
            throw new IllegalStateException("the catalog has no hyperparameter " + name + " for " + spec.kind());
        }
        return p.defaultValue();
    }

    private Number number(String name) {
        Object v = raw(name);
        if (v instanceof Number n) {
            return n;
        }
        throw new RunException("hyperparameter `" + name + "` of model `" + model.name() + "` must be a number, got " + v);
    }

    int integer(String name) {
        long v = number(name).longValue();
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new RunException("hyperparameter `" + name + "` of model `" + model.name() + "` is out of range: " + v);
        }
        return (int) v;
    }

    double real(String name) {
        return number(name).doubleValue();
    }

    /** A choice; {@code fallback} when the catalog default is a description rather than a word. */
    String word(String name, String fallback) {
        Object v = model.params().get(name);
        if (v != null) {
            return v.toString();
        }
        ParamSpec p = spec.param(name);
        Object d = p == null ? null : p.defaultValue();
        return d instanceof String s && (p.choices().isEmpty() || p.choices().contains(s)) ? s : fallback;
    }

    /** Whether the file sets {@code name} (a catalog default does not count). */
    boolean sets(String name) {
        return model.params().get(name) != null;
    }

    /** The raw value, for the types numbers cannot hold (a range of k). */
    Object value(String name) {
        return raw(name);
    }

    long seed() {
        Object v = model.params().get("seed");
        return v instanceof Number n ? n.longValue() : experimentSeed;
    }

    String modelName() {
        return model.name();
    }
}
