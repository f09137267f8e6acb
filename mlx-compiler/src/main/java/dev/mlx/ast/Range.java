package dev.mlx.ast;

import dev.mlx.source.Span;

/** {@code lo..hi}, both ends included. */
public record Range(Quantity lo, Quantity hi, Span span) {
}
