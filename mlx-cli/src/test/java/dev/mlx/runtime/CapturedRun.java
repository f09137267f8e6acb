package dev.mlx.runtime;

import dev.mlx.codegen.ExperimentCompiler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A compiled experiment's jar command run in this process, with its exit code and what it printed
 * on both streams (interleaved, as a terminal shows them).
 *
 * @param exit   the command's exit code
 * @param output standard output and standard error together
 */
record CapturedRun(int exit, String output) {
    /** Runs {@code args} as {@code java -jar X.jar ARGS} would, in {@code dir}. */
    static CapturedRun of(ExperimentCompiler.Compiled compiled, Path dir, String... args) {
        PrintStream console = System.out;
        PrintStream errors = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            exit = ExperimentCompiler.runInProcess(compiled, dir, args);
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
        return new CapturedRun(exit, captured.toString(StandardCharsets.UTF_8));
    }
}
