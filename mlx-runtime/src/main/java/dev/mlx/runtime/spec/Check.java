package dev.mlx.runtime.spec;

import java.util.List;

/**
 * An expectation on the raw data. {@code text} is the check as written, for the console and the
 * report; a failed check stops the run unless it is a warning ({@code warn}).
 */
public sealed interface Check {
    String text();

    boolean warn();

    /** A condition on the rows ({@code x in 0..120}) or on the table ({@code rows >= 300}). */
    record Condition(String text, Expr condition, boolean warn) implements Check {
    }

    /** {@code unique COLUMNS}: no two rows share their values. */
    record Unique(String text, List<String> columns, boolean warn) implements Check {
        public Unique {
            columns = List.copyOf(columns);
        }
    }
}
