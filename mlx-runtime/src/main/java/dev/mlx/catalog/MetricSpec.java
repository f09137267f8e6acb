package dev.mlx.catalog;

import java.util.EnumSet;
import java.util.Set;

/** A metric: the tasks it fits, its direction, and what it needs beyond predicted labels. */
public record MetricSpec(String name, Set<Task> tasks, Direction direction, Set<Need> needs, String doc) {
    /** Which way is better. */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER
    }

    /** What a metric needs to be computed. */
    public enum Need {
        /** Class probabilities: a model that gives none cannot be scored on it. */
        PROBABILITIES,
        /** Known labels: clustering metrics that compare with the target. */
        LABELS
    }

    public MetricSpec {
        tasks = Set.copyOf(tasks);
        needs = needs.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(needs));
    }

    public boolean higherIsBetter() {
        return direction == Direction.HIGHER_IS_BETTER;
    }

    public boolean needsProbabilities() {
        return needs.contains(Need.PROBABILITIES);
    }

    public boolean needsLabels() {
        return needs.contains(Need.LABELS);
    }
}
