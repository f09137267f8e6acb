package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import java.util.List;

/**
 * What changed between an earlier run and this one: the file, the data, the parameters and every
 * metric of every model, each metric with whether its change is within noise. Made from the two
 * runs' typed results ({@code dev.mlx.runtime.history.Comparisons}); run.json's {@code run.compared}
 * and {@code mlx diff} show the same thing.
 *
 * @param against    {@code "previous"} (the run just before) or {@code "promoted"} (the run the output
 *                   folder serves), or {@code "given"} for two runs named on {@code mlx diff}
 * @param id         the earlier run's id
 * @param status     the earlier run's status
 * @param fileDiff   a unified diff of the two {@code .mlx} texts (earlier first), null when they are the same
 * @param data       the data of the two runs
 * @param parameters the parameters whose values differ, by name
 * @param metrics    every metric of every model either run scored, cross-validated and on the holdout
 * @param selected   the model each run selected, earlier first (null where a run selected none)
 */
public record RunComparison(String against, String id, String status, @Nullable String fileDiff, DataChange data,
                            List<ParameterChange> parameters, List<MetricChange> metrics, List<@Nullable String> selected) {
    public RunComparison {
        parameters = List.copyOf(parameters);
        metrics = List.copyOf(metrics);
        selected = Copies.list(selected);
    }

    /**
     * The data of the two runs: the CSV file's SHA-256 (null for a database), rows and columns read,
     * and the columns one run had and the other did not.
     */
    public record DataChange(boolean same, @Nullable String sha256Before, @Nullable String sha256After, int rowsBefore,
                             int rowsAfter, int columnsBefore, int columnsAfter, List<String> columnsAdded,
                             List<String> columnsRemoved) {
        public DataChange {
            columnsAdded = List.copyOf(columnsAdded);
            columnsRemoved = List.copyOf(columnsRemoved);
        }
    }

    /** A parameter whose value differs; null where a run did not have it. */
    public record ParameterChange(String name, @Nullable Double before, @Nullable Double after) {
    }

    /**
     * One metric of one model, cross-validated ({@code on} = {@code "cv"}: the fold mean and its
     * standard deviation) or on the holdout ({@code "holdout"}: no spread of its own, judged against
     * the later run's fold-to-fold standard deviation).
     *
     * @param difference  after minus before; null unless both are known
     * @param noise       the change that noise alone would explain: twice the standard error of the
     *                    difference of two fold means ({@code 2 * sqrt((sd_before^2 + sd_after^2) / folds)}),
     *                    or, on the holdout, twice the later run's fold standard deviation; null when unknown
     * @param verdict     {@code "better"} or {@code "worse"} (a change beyond the noise, in the metric's
     *                    direction), {@code "within noise"}, {@code "same"}, {@code "new"} or
     *                    {@code "gone"} (only one run has it), or {@code "unknown"} (no spread to judge by)
     */
    public record MetricChange(String model, String metric, String on, @Nullable Double before, @Nullable Double after,
                               @Nullable Double sdBefore, @Nullable Double sdAfter, @Nullable Double difference,
                               @Nullable Double noise, boolean higherIsBetter, String verdict) {
    }
}
