package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/** A comparison: {@code rows >= 1000}, {@code tenure in 0..120}, {@code plan in {"a", "b"}}. */
public sealed interface Condition extends Argument {
    Span span();

    record Compare(Expr left, String op, Expr right, Span span) implements Condition {
    }

    record InRange(Expr subject, Range range, boolean negated, Span span) implements Condition {
    }

    record InSet(Expr subject, List<Value> members, boolean negated, Span span) implements Condition {
        public InSet {
            members = List.copyOf(members);
        }
    }
}
