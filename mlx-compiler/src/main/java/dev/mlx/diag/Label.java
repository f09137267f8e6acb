package dev.mlx.diag;

import dev.mlx.source.Span;

/** A marked span: the primary one is drawn with {@code ^}, context spans with {@code -}. */
public record Label(Span span, String message, boolean primary) {
    public Label {
        message = message == null ? "" : message;
    }

    public static Label primary(Span span, String message) {
        return new Label(span, message, true);
    }

    public static Label secondary(Span span, String message) {
        return new Label(span, message, false);
    }
}
