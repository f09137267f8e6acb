package dev.mlx.runtime.checks;

/**
 * The result of one check: {@code text} as written, whether it {@code passed}, whether a failure
 * only warns ({@code warn}, copied from the check), {@code observed} — a short human string of what
 * was measured ("observed 0.58%", "3 values out of range: 150 (row 12), …") — and {@code detail},
 * the counts behind it ("2 of 344 values missing"), or null when there is nothing to add.
 *
 * <p>Rows in these strings are data rows counted from 1 (the header is not a row): row 1 is the
 * first record of the file or of the query.
 */
public record CheckOutcome(String text, boolean passed, boolean warn, String observed, String detail) {
    /** True when this outcome stops the run: failed, and not a warning. */
    public boolean fails() {
        return !passed && !warn;
    }
}
