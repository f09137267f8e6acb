package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import java.util.List;

/**
 * Live inputs against training, from the prediction log: per input column the population stability
 * index and, for numeric columns, the two-sample Kolmogorov–Smirnov test; and whether the scope's
 * {@code retrain when drift > x} fired.
 *
 * @param windowStart the first moment of the window (ISO-8601)
 * @param rows        logged rows read (at most 20,000, the newest)
 * @param maxPsi      the largest PSI over the columns
 * @param note        why the numbers are weak (too few rows), else null
 * @param columns     one entry per input column, in the data's order
 * @param retrain     the retrain trigger
 */
public record DriftResults(String windowStart, int rows, double maxPsi, @Nullable String note, List<Column> columns,
                           Trigger retrain) {
    public DriftResults {
        columns = List.copyOf(columns);
    }

    /**
     * One input column.
     *
     * @param type       the column's type as the data block says it
     * @param liveValues logged values that are not missing
     * @param psi        population stability index; null without live values
     * @param level      {@code stable} (&lt; 0.1), {@code moderate} (&lt; 0.25) or {@code major}; null with psi
     * @param ksStatistic the KS statistic D (numeric columns with live values only)
     * @param ksPValue   its asymptotic p-value
     */
    public record Column(String column, String type, int liveValues, @Nullable Double psi, @Nullable String level,
                         @OmitIfNull Double ksStatistic, @OmitIfNull Double ksPValue) {
    }

    /**
     * @param threshold the scope's {@code when drift > x}; null when it has none
     * @param triggered true when the largest PSI passes the threshold over at least 100 logged rows
     * @param columns   the columns whose PSI passes the threshold
     */
    public record Trigger(@Nullable Double threshold, boolean triggered, List<String> columns) {
        public Trigger {
            columns = List.copyOf(columns);
        }
    }
}
