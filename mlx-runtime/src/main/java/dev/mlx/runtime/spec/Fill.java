package dev.mlx.runtime.spec;

import dev.mlx.catalog.ImputeStatistic;

/** What {@code impute} fills missing values with: a statistic of the training rows, or a constant. */
public sealed interface Fill {
    /** {@code with mean|median|mode}. */
    record Statistic(ImputeStatistic statistic) implements Fill {
    }

    /** {@code with 0}: a number (the text of the number for a category column). */
    record Number(double value) implements Fill {
    }

    /** {@code with "unknown"}: a text (a numeric column needs it to read as a number). */
    record Text(String value) implements Fill {
    }
}
