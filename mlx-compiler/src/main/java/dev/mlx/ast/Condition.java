package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/** A comparison: {@code rows >= 1000}, {@code tenure in 0..120}, {@code plan in {"a", "b"}}. */
public sealed interface Condition extends Argument {
    Span span();

    record Compare(ExprNode left, String op, ExprNode right, Span span) implements Condition {
    }

    record InRange(ExprNode subject, Range range, boolean negated, Span span) implements Condition {
    }

    record InSet(ExprNode subject, List<Value> members, boolean negated, Span span) implements Condition {
        public InSet {
            members = List.copyOf(members);
        }
    }
}
