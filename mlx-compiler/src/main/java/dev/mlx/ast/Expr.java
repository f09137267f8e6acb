package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/** Expressions in checks and derived features. A {@link Condition} may stand as a call argument. */
public sealed interface Expr extends Argument {
    Span span();

    record Neg(Expr operand, Span span) implements Expr {
    }

    record Binary(Expr left, String op, Expr right, Span span) implements Expr {
    }

    record Paren(Expr inner, Span span) implements Expr {
    }

    record Call(Name function, List<Argument> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** The bare word {@code rows}: the table's row count. */
    record Rows(Span span) implements Expr {
    }

    record Num(Quantity quantity) implements Expr {
        public Span span() {
            return quantity.span();
        }
    }

    record Str(String value, Span span) implements Expr {
    }

    record Column(Name name) implements Expr {
        public Span span() {
            return name.span();
        }
    }
}
