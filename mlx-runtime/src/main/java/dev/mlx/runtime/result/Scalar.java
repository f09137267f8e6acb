package dev.mlx.runtime.result;

import java.util.ArrayList;
import java.util.List;

/**
 * A value whose JSON type depends on the data: a hyperparameter, an imputed fill. A whole number,
 * a number, a string, true or false, or a list of these; written as the bare JSON value.
 */
public sealed interface Scalar permits Scalar.Whole, Scalar.Real, Scalar.Text, Scalar.Flag, Scalar.Items {
    /** The value for Java: Long, Double, String, Boolean or a List of them. */
    Object plain();

    record Whole(long value) implements Scalar {
        public Object plain() {
            return value;
        }
    }

    record Real(double value) implements Scalar {
        public Object plain() {
            return value;
        }
    }

    record Text(String value) implements Scalar {
        public Object plain() {
            return value;
        }
    }

    record Flag(boolean value) implements Scalar {
        public Object plain() {
            return value;
        }
    }

    record Items(List<@JsonShape.Nullable Scalar> value) implements Scalar {
        public Items {
            value = Copies.list(value);
        }

        public Object plain() {
            return value.stream().map(x -> x == null ? null : x.plain()).toList();
        }
    }

    /**
     * A Java value as a scalar: whole doubles (below 10^15) become {@link Whole}, so that a value
     * reads back as it was written; NaN and infinities, which JSON cannot hold, become null.
     */
    static Scalar of(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? new Whole((long) d) : new Real(d);
        }
        if (v instanceof Number n) {
            return new Whole(n.longValue());
        }
        if (v instanceof Boolean b) {
            return new Flag(b);
        }
        if (v instanceof List<?> list) {
            List<Scalar> out = new ArrayList<>();
            for (Object x : list) {
                out.add(of(x));
            }
            return new Items(out);
        }
        return new Text(v.toString());
    }
}
