package dev.mlx.ast;

import dev.mlx.source.Span;

/**
 * A number with an optional unit ({@code 20%}, {@code 30 days}), or a parameter reference
 * ({@code $seed}) when {@code variable} is set; {@code text} is the number as written.
 */
public record Quantity(double value, String text, Unit unit, String variable, Span span) {
    public boolean isVariable() {
        return variable != null;
    }

    public boolean isInteger() {
        return !isVariable() && value == Math.rint(value) && !text.contains(".") && !text.contains("e")
                && !text.contains("E");
    }

    /** The value as a fraction when written as a percentage, else as written. */
    public double fraction() {
        return unit == Unit.PERCENT ? value / 100.0 : value;
    }

    public Quantity withValue(double v, String newText) {
        return new Quantity(v, newText, unit, null, span);
    }
}
