package dev.mlx.check.data;

/**
 * Bad data, as a value for the caller to turn into a diagnostic: {@code notFound} for a missing
 * file, otherwise unreadable (malformed CSV, empty file, database error). Never shown as a trace.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    public DataException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
