package dev.mlx.runtime.result;

/**
 * A run.json that does not have the shape of {@link RunResult}: the JSON path of the first problem
 * and what is wrong there, e.g. {@code $.evaluation.models[2].holdout.accuracy: expected a number,
 * found "x"}. Bad input, not a bug: callers show the message and exit 1.
 */
public final class InvalidRunJson extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String problem;

    public InvalidRunJson(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** The JSON path of the problem, such as {@code $.data.rows}. */
    public String path() {
        return path;
    }

    /** What is wrong there. */
    public String problem() {
        return problem;
    }
}
