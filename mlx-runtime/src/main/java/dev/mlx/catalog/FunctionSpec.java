package dev.mlx.catalog;

/**
 * A function usable in checks ({@code missing(x)}) or derived features ({@code log(x)}).
 * {@code argument} says what it takes: "column", "numeric column", "condition", "number".
 */
public record FunctionSpec(String name, String argument, int arity, boolean inChecks, boolean inDerive, String doc) {
}
