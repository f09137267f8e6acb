package dev.mlx.runtime.spec;

import dev.mlx.catalog.Builtin;
import java.util.List;

/** Expressions of checks and derived features, evaluated by the runtime over a table. */
public sealed interface Expr {
    record Num(double value) implements Expr {
    }

    record Str(String value) implements Expr {
    }

    record Col(String name) implements Expr {
    }

    /** The row count. */
    record Rows() implements Expr {
    }

    record Neg(Expr operand) implements Expr {
    }

    /** {@code left op right}. */
    record Arithmetic(ArithmeticOp op, Expr left, Expr right) implements Expr {
    }

    /**
     * A function of the catalog applied to its arguments; an argument of {@code share} and
     * {@code count} is a condition ({@link Compare}, {@link InRange} or {@link InSet}).
     */
    record Call(Builtin function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A comparison, usable as a check or as an argument of share/count. */
    record Compare(CompareOp op, Expr left, Expr right) implements Expr {
    }

    /** {@code subject in lo..hi} (both ends included); negated for {@code not in}. */
    record InRange(Expr subject, double lo, double hi, boolean negated) implements Expr {
    }

    /** {@code subject in {a, b}}; members are Strings or Doubles. */
    record InSet(Expr subject, List<Object> members, boolean negated) implements Expr {
        public InSet {
            members = List.copyOf(members);
        }
    }
}
