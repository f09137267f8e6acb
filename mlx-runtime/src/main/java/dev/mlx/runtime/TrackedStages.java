package dev.mlx.runtime;

import dev.mlx.runtime.result.RunRecord;
import dev.mlx.runtime.result.RunResult;
import java.util.function.UnaryOperator;

/**
 * What a run in the history ({@link TrackedRun}) runs in its run folder: the local engine's stages, or
 * another engine's run (the Spark engine's), which writes the same run.json and is recorded, compared and
 * promoted the same way.
 */
public interface TrackedStages {
    /**
     * Records the run in the history: run.json gets {@code record} as {@code run}, and {@code comparisons}
     * adds the comparisons with earlier runs to the finished result before it is written.
     */
    TrackedStages history(RunRecord record, UnaryOperator<RunResult> comparisons);

    /** Runs it; the exit code (0 passed, 1 stopped on checks, the feature review or a gate). */
    int run();

    /** The engine that runs it, as {@code mlx runs} shows it. */
    default String engine() {
        return "local";
    }

    /** run.json as the run wrote it, or null when it stopped before reaching a status. */
    RunResult written();
}
