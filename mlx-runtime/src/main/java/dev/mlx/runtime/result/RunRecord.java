package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import java.util.List;
import java.util.Map;

/**
 * Which run this is in the experiment's history (run.json's {@code run}): its id, when it began, the
 * parameters it ran with, the git commit of the {@code .mlx} file's work tree, and how it compares
 * with the run before it and with the promoted run (docs/run-json.md, "run").
 *
 * @param id          the run's id: its start time in UTC, {@code yyyyMMdd-HHmmss-SSS}, so ids sort by time
 * @param started     the start time, ISO-8601 in UTC
 * @param parameters  every parameter of the file ({@code $name}) with the value the run used, by name
 * @param set         the {@code --set NAME=VALUE} overrides as given, in order
 * @param git         the commit checked out in the git work tree that holds the {@code .mlx} file, or null
 * @param compared    the comparisons with earlier runs: the previous run first, then the promoted one
 *                    when it is another run; empty for the first run
 */
public record RunRecord(String id, String started, Map<String, Double> parameters, Map<String, String> set,
                        @Nullable String git, List<RunComparison> compared) {
    public RunRecord {
        parameters = Copies.map(parameters);
        set = Copies.map(set);
        compared = List.copyOf(compared);
    }

    /** The same record with its comparisons. */
    public RunRecord withCompared(List<RunComparison> comparisons) {
        return new RunRecord(id, started, parameters, set, git, comparisons);
    }
}
