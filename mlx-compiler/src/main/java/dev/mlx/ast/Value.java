package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/** A literal value: a hyperparameter's, a parameter's, a positive class's. */
public sealed interface Value {
    Span span();

    record Num(Quantity quantity) implements Value {
        public Span span() {
            return quantity.span();
        }
    }

    record Rng(Range range) implements Value {
        public Span span() {
            return range.span();
        }
    }

    record Str(String value, Span span) implements Value {
    }

    record Bool(boolean value, Span span) implements Value {
    }

    record Word(Name name) implements Value {
        public Span span() {
            return name.span();
        }
    }

    record ListOf(List<Value> items, Span span) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** How a value is described in messages: "a number", "a string"... */
    static String describe(Value v) {
        if (v instanceof Num n) {
            return n.quantity().isVariable() ? "a parameter" : n.quantity().unit() == Unit.PERCENT ? "a percentage" : n.quantity().unit().isDuration() ? "a duration" : n.quantity().isInteger() ? "an integer" : "a number";
        }
        if (v instanceof Rng r) {
            return "a range";
        }
        if (v instanceof Str s) {
            return "a string";
        }
        if (v instanceof Bool b) {
            return "a boolean";
        }
        if (v instanceof Word w) {
            return "a word";
        }
        if (v instanceof ListOf l) {
            return "a list";
        }
        throw new IllegalStateException("unhandled " + v);
    }
}
