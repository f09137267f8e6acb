package dev.mlx.catalog;

import java.util.Set;

/** A metric: the tasks it fits, its direction, and whether it needs class probabilities. */
public record MetricSpec(String name, Set<Task> tasks, boolean higherIsBetter, boolean needsProbabilities,
                         boolean needsLabels, String doc) {
    public MetricSpec {
        tasks = Set.copyOf(tasks);
    }
}
