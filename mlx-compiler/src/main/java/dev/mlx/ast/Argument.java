package dev.mlx.ast;

import dev.mlx.source.Span;

/** A function argument: an expression or a condition ({@code share(churned == "yes")}). */
public sealed interface Argument permits ExprNode, Condition {
    Span span();
}
