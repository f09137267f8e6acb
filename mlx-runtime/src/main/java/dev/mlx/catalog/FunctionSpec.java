package dev.mlx.catalog;

import java.util.EnumSet;
import java.util.Set;

/**
 * A function usable in checks ({@code missing(x)}) or derived features ({@code log(x)}).
 * {@code argument} says what it takes: "column", "numeric column", "condition", "number";
 * {@code arity} is {@link #VARIADIC} when it takes any number.
 */
public record FunctionSpec(Builtin function, String argument, int arity, Set<Use> uses, String doc) {
    /** The arity of a function that takes one argument or more. */
    public static final int VARIADIC = -1;

    /** Where a function may appear. */
    public enum Use {
        CHECKS, DERIVE
    }

    public FunctionSpec {
        uses = java.util.Collections.unmodifiableSet(EnumSet.copyOf(uses));
    }

    /** The function's name as written. */
    public String name() {
        return function.word();
    }

    public boolean inChecks() {
        return uses.contains(Use.CHECKS);
    }

    public boolean inDerive() {
        return uses.contains(Use.DERIVE);
    }
}
