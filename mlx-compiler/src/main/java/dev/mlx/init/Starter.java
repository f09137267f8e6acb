package dev.mlx.init;

import dev.mlx.catalog.Task;
import dev.mlx.check.data.DataException;
import java.nio.file.Path;

/**
 * Writes a starter experiment from a CSV file: reads its profile, guesses the task from the target,
 * and fills every section with choices the data supports. The result is a first draft to edit, so
 * it prefers plain, readable statements over clever ones.
 *
 * <p>Every guess is made first ({@link Guesser}, into {@link Choices}) and only then written
 * ({@link StarterText}), so a request the data cannot satisfy fails before any text exists.
 */
public final class Starter {
    /** What the user asked for. {@code baseDir} is the folder paths in the file are relative to. */
    public record Request(Path data, String target, Task task, Path baseDir) {
    }

    /** The file text and a one-line account of what was guessed. */
    public record Result(String text, String summary) {
    }

    /** A request the data cannot satisfy: unknown target, a target that fits no task. */
    public static final class InitException extends Exception {
        private static final long serialVersionUID = 1L;

        public InitException(String message) {
            super(message);
        }
    }

    private Starter() {
    }

    public static Result write(Request request) throws DataException, InitException {
        Choices choices = Guesser.guess(request);
        return new Result(StarterText.render(choices), summary(choices));
    }

    private static String summary(Choices c) {
        String what = switch (c.task()) {
            case CLASSIFICATION -> (c.binary() ? "binary" : "multiclass") + " classification of `" + c.target().name()
                    + "`";
            case REGRESSION -> "regression of `" + c.target().name() + "`";
            case CLUSTERING -> "clustering";
        };
        return what + ", " + c.data().columns().size() + " columns, " + c.data().rows() + " rows";
    }
}
