package dev.mlx.diag;

import dev.mlx.source.Span;

/** A machine-applicable edit: replace {@code span} with {@code replacement}. */
public record Fix(String title, Span span, String replacement) {
}
