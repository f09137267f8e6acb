package dev.mlx.runtime.base;

/**
 * A problem with the user's data or setup, shown as a clear message (exit code 1), never as a
 * stack trace. A bug is any other exception.
 */
public class RunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
