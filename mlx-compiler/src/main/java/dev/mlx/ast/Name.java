package dev.mlx.ast;

import dev.mlx.source.Span;

/** A name as written: an identifier, a soft keyword, or a `quoted name` (text is unquoted). */
public record Name(String text, Span span, boolean quoted) {
}
