package dev.mlx.runtime.eval.tune;

import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.runtime.spec.Tune;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hyperparameters one {@code tune} statement searches, in the order written. A point of the space
 * holds one coordinate per dimension: for a range a position in [0, 1] (linear, or on the log scale for
 * {@code log} ranges), for a list of choices the index of the choice. {@link #values} turns a point into
 * hyperparameter values typed as the model spec holds them: Long for integers, Double for numbers,
 * Boolean and String for the rest.
 */
public final class Space {
    /** One searched hyperparameter: a range lo..hi (whole numbers when {@code integer}) or a list of choices. */
    public record Dimension(String name, double lo, double hi, boolean log, boolean integer, List<Object> choices) {
        public Dimension {
            choices = List.copyOf(choices);
            if (choices.isEmpty() && (!(lo <= hi) || (log && lo <= 0))) {
                throw new IllegalArgumentException("bad tuning range for " + name + ": " + lo + ".." + hi + (log ? " log" : ""));
            }
        }

        public static Dimension range(String name, double lo, double hi, boolean log, boolean integer) {
            return new Dimension(name, lo, hi, log, integer, List.of());
        }

        public static Dimension choices(String name, List<Object> choices) {
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("no choices for " + name);
            }
            return new Dimension(name, Double.NaN, Double.NaN, false, false, choices);
        }

        public boolean isChoice() {
            return !choices.isEmpty();
        }

        /**
         * The value at {@code u} in [0, 1]. An integer range is stretched half a step beyond each end
         * before rounding, so every whole number in it is equally likely under uniform {@code u}.
         */
        public Object value(double u) {
            double a = integer ? lo - 0.5 : lo;
            double b = integer ? hi + 0.5 : hi;
            double x = log ? Math.exp(Math.log(a) + u * (Math.log(b) - Math.log(a))) : a + u * (b - a);
            x = Math.max(lo, Math.min(hi, x));
            return integer ? (Object) Math.round(x) : (Object) x;
        }

        /** {@code n} evenly spaced values from lo to hi (geometrically for log), whole numbers deduplicated. */
        List<Object> grid(int n) {
            if (isChoice()) {
                return choices;
            }
            LinkedHashSet<Object> out = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                double t = n == 1 ? 0.5 : (double) i / (n - 1);
                double x = i == 0 ? lo : i == n - 1 ? hi : log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
                out.add(integer ? (Object) Math.round(x) : (Object) x);
            }
            return List.copyOf(out);
        }

        /** How many distinct values the dimension has; {@link Long#MAX_VALUE} for a range of real numbers. */
        long size() {
            if (isChoice()) {
                return choices.size();
            }
            return integer ? (long) (hi - lo) + 1 : Long.MAX_VALUE;
        }
    }

    private final List<Dimension> dimensions;

    public Space(List<Dimension> dimensions) {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one hyperparameter");
        }
        this.dimensions = List.copyOf(dimensions);
    }

    /**
     * The space of a {@code tune} statement for a model of the catalog: a range of an integer
     * hyperparameter is integer; choices take the hyperparameter's type. Every hyperparameter is one
     * of the model's (the checker rejects any other).
     */
    public static Space of(List<Tune.Param> params, ModelSpec model) {
        List<Dimension> dims = new ArrayList<>();
        for (Tune.Param p : params) {
            ParamSpec ps = model.param(p.name());
            if (p instanceof Tune.Choices c) {
                dims.add(Dimension.choices(p.name(), c.values().stream().map(v -> typed(ps.type(), v)).toList()));
            } else {
                Tune.Range r = (Tune.Range) p;
                boolean integer = ps.type() == ParamSpec.Type.INT || ps.type() == ParamSpec.Type.INT_OR_RANGE;
                dims.add(Dimension.range(p.name(), r.lo(), r.hi(), r.log(), integer));
            }
        }
        return new Space(dims);
    }

    /** A choice as the model spec holds a value of this type (the plan writes every number as a Double). */
    private static Object typed(ParamSpec.Type type, Object v) {
        return switch (type) {
            case INT, INT_OR_RANGE -> v instanceof Number n ? (Object) Math.round(n.doubleValue()) : Long.valueOf(v.toString());
            case FLOAT -> v instanceof Number n ? (Object) n.doubleValue() : Double.valueOf(v.toString());
            case BOOL -> v instanceof Boolean b ? b : Boolean.valueOf(v.toString());
            default -> v.toString();
        };
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The hyperparameter values of a point, in the order of the dimensions. */
    public Map<String, Object> values(double[] point) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < dimensions.size(); d++) {
            Dimension dim = dimensions.get(d);
            out.put(dim.name(), dim.isChoice() ? dim.choices().get((int) point[d]) : dim.value(point[d]));
        }
        return out;
    }

    /** A point drawn uniformly: uniform positions (log-uniform values on log ranges), uniform choices. */
    double[] random(SplittableRandom rng) {
        double[] p = new double[dimensions.size()];
        for (int d = 0; d < p.length; d++) {
            Dimension dim = dimensions.get(d);
            p[d] = dim.isChoice() ? rng.nextInt(dim.choices().size()) : rng.nextDouble();
        }
        return p;
    }

    /** How many distinct configurations there are; {@link Long#MAX_VALUE} when a range is of real numbers. */
    long size() {
        long n = 1;
        for (Dimension d : dimensions) {
            long s = d.size();
            if (s == Long.MAX_VALUE || n > Long.MAX_VALUE / s) {
                return Long.MAX_VALUE;
            }
            n *= s;
        }
        return n;
    }
}
