package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/** Expressions in checks and derived features. A {@link Condition} may stand as a call argument. */
public sealed interface ExprNode extends Argument {
    Span span();

    record Neg(ExprNode operand, Span span) implements ExprNode {
    }

    record Binary(ExprNode left, String op, ExprNode right, Span span) implements ExprNode {
    }

    record Paren(ExprNode inner, Span span) implements ExprNode {
    }

    record Call(Name function, List<Argument> args, Span span) implements ExprNode {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** The bare word {@code rows}: the table's row count. */
    record Rows(Span span) implements ExprNode {
    }

    record Num(Quantity quantity) implements ExprNode {
        public Span span() {
            return quantity.span();
        }
    }

    record Str(String value, Span span) implements ExprNode {
    }

    record Column(Name name) implements ExprNode {
        public Span span() {
            return name.span();
        }
    }
}
