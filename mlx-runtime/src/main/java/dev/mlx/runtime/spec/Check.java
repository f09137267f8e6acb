package dev.mlx.runtime.spec;

import java.util.List;

/**
 * An expectation on the raw data: a condition, or uniqueness of columns ({@code unique} non-empty,
 * {@code condition} null). {@code text} is the check as written, for the console and the report.
 */
public record Check(String text, Expr condition, List<String> unique, boolean warn) {
    public Check {
        unique = unique == null ? List.of() : List.copyOf(unique);
    }
}
