package dev.mlx.catalog;

import java.util.List;

/**
 * A hyperparameter: its type, the closed range it accepts (null for unbounded), its default and a
 * one-line doc. {@code tribuo} names what it sets on the Tribuo trainer.
 */
public record ParamSpec(String name, Type type, Double min, Double max, Object defaultValue, List<String> choices,
                        String doc) {
    public enum Type {
        INT("an integer"), FLOAT("a number"), BOOL("true or false"), CHOICE("one of the listed words"),
        INT_LIST("a list of integers"), INT_OR_RANGE("an integer or a range of integers");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public ParamSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public boolean isNumeric() {
        return type == Type.INT || type == Type.FLOAT || type == Type.INT_OR_RANGE;
    }

    /** "an integer in 1..1000, default 100" for notes, hover and completion. */
    public String summary() {
        StringBuilder sb = new StringBuilder(type.description());
        if (!choices.isEmpty()) {
            sb.append(" (").append(String.join(", ", choices)).append(')');
        }
        if (min != null || max != null) {
            sb.append(" in ").append(min == null ? "" : fmt(min)).append("..").append(max == null ? "" : fmt(max));
        }
        if (defaultValue != null) {
            sb.append(", default ").append(defaultValue);
        }
        return sb.toString();
    }

    static String fmt(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
