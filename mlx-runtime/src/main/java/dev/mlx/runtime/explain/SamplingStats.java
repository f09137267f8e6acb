package dev.mlx.runtime.explain;

import java.util.Map;

/**
 * What LIME samples a raw column from: for a number, how many training rows had a value and their
 * mean, standard deviation and range; for a category or true/false column, the training count of
 * each level ({@code levels} null for a number). A run takes them from its training rows; a server
 * from the training profile beside the model.
 */
public record SamplingStats(String column, boolean numeric, long count, double mean, double sd, double min, double max,
                          Map<String, Long> levels) {
}
