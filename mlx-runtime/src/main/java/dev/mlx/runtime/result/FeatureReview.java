package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import java.util.List;
import java.util.Map;

/**
 * The feature review (the {@code inspect} block) of the transformed training rows, and of the
 * holdout rows for coverage. {@code sampledRows} is the size of the sample the figures are of
 * (null when every row was used); a non-empty {@code failures} stops the run.
 */
public record FeatureReview(int rows, int features, @Nullable Integer sampledRows, List<FeatureStats> stats,
                            MissingValues missing, List<String> constant, List<List<String>> duplicates, int duplicateRows,
                            @Nullable Leakage leakage, @Nullable Coverage coverage, List<TransformedRow> sample,
                            List<String> failures) {
    public FeatureReview {
        stats = List.copyOf(stats);
        constant = List.copyOf(constant);
        duplicates = List.copyOf(duplicates.stream().map(List::copyOf).toList());
        sample = List.copyOf(sample);
        failures = List.copyOf(failures);
    }

    /** The same review with other missing counts, failures and row counts (a sampled review's whole-table figures). */
    public FeatureReview withTotals(int allRows, Integer sampled, MissingValues allMissing, List<String> allFailures) {
        return new FeatureReview(allRows, features, sampled, stats, allMissing, constant, duplicates, duplicateRows, leakage,
                coverage, sample, allFailures);
    }

    /** One feature's statistics; {@code nonZero} is the share of rows where it is not 0. */
    public record FeatureStats(String feature, @Nullable Double min, @Nullable Double max, @Nullable Double mean,
                               @Nullable Double std, @Nullable Double nonZero, long missing) {
    }

    /** NaN counts: the total and per feature (only features with any). */
    public record MissingValues(long total, Map<String, Long> features) {
        public MissingValues {
            features = Copies.map(features);
        }
    }

    /** How well each feature alone predicts the target: {@code auc} or {@code r2}; the best ten, and those at or above the threshold. */
    public record Leakage(String metric, @Nullable Double threshold, List<FeatureScore> top, List<FeatureScore> suspects) {
        public Leakage {
            top = List.copyOf(top);
            suspects = List.copyOf(suspects);
        }
    }

    /** The share of holdout rows whose categories were all seen in training, and per one-hot column. */
    public record Coverage(@Nullable Double share, int rows, @Nullable Double threshold, List<ColumnCoverage> columns) {
        public Coverage {
            columns = List.copyOf(columns);
        }
    }

    public record ColumnCoverage(String column, @Nullable Double share, int unseen) {
    }

    /** A training row as the models see it (row from 0): the label, or the target for regression, and its non-zero features. */
    public record TransformedRow(int row, @OmitIfNull String label, @OmitIfNull Double target,
                                 Map<String, @Nullable Double> values) {
        public TransformedRow {
            values = Copies.map(values);
        }
    }
}
