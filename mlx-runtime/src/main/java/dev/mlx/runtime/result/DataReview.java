package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import dev.mlx.runtime.result.JsonShape.Tag;
import dev.mlx.runtime.result.JsonShape.Tagged;
import java.util.List;

/**
 * The review of the raw data (after the rows without a target were set aside): every column's
 * statistics in table order, and what the review block asks for besides — correlations, the class
 * balance, plots and a sample, each null (left out) when not asked. A statistic with no values is null.
 */
public record DataReview(int rows, boolean summary, List<Column> columns, @OmitIfNull Correlations correlations,
                         @OmitIfNull Balance balance, @OmitIfNull List<Plot> plots, @OmitIfNull Sample sample) {
    public DataReview {
        columns = List.copyOf(columns);
        plots = plots == null ? null : List.copyOf(plots);
    }

    /** One column, by its type: number and integer, date, or category, text (string without a schema) and boolean. */
    @Tagged("type")
    public sealed interface Column permits NumericColumn, DateColumn, CategoryColumn {
        String name();

        String type();

        long count();

        long missing();

        double missingShare();

        long distinct();
    }

    /**
     * A number or integer column: std is the sample standard deviation, quantiles are of type 7,
     * and {@code outliers} is there when the review asks for it.
     */
    @Tag({"number", "integer"})
    public record NumericColumn(String name, String type, long count, long missing, double missingShare, long distinct,
                                @Nullable Double min, @Nullable Double max, @Nullable Double mean, @Nullable Double median,
                                @Nullable Double std, List<Quantile> quantiles, Histogram histogram,
                                @OmitIfNull Outliers outliers) implements Column {
        public NumericColumn {
            quantiles = List.copyOf(quantiles);
        }
    }

    /** A date column: its first and last date, ISO (null without values). */
    @Tag("date")
    public record DateColumn(String name, String type, long count, long missing, double missingShare, long distinct,
                             @Nullable String min, @Nullable String max) implements Column {
    }

    /**
     * A column of words or a boolean one with its most frequent values; {@code category} or {@code text}
     * as the experiment types it, {@code string} when the review was given no schema.
     */
    @Tag({"string", "category", "text", "boolean"})
    public record CategoryColumn(String name, String type, long count, long missing, double missingShare, long distinct,
                                 List<ValueCount> top) implements Column {
        public CategoryColumn {
            top = List.copyOf(top);
        }
    }

    public record Quantile(double q, @Nullable Double value) {
    }

    /** Equal-width bins: {@code edges} has one more entry than {@code counts}. */
    public record Histogram(List<Double> edges, List<Long> counts) {
        public Histogram {
            edges = List.copyOf(edges);
            counts = List.copyOf(counts);
        }
    }

    /** Values beyond the fences (iqr or zscore), with the most extreme first; rows count from 1. */
    public record Outliers(String method, double threshold, @Nullable Double low, @Nullable Double high, int count,
                           List<OutlierRow> examples) {
        public Outliers {
            examples = List.copyOf(examples);
        }
    }

    public record OutlierRow(int row, double value) {
    }

    public record ValueCount(String value, long count) {
    }

    /** Pairwise-complete correlations of the numeric columns (null where undefined), and each one's association with the target. */
    public record Correlations(String method, List<String> columns, List<List<@Nullable Double>> matrix,
                               @OmitIfNull TargetAssociation target) {
        public Correlations {
            columns = List.copyOf(columns);
            matrix = Copies.list(matrix.stream().map(Copies::list).toList());
        }
    }

    /** eta (the correlation ratio) for a categorical target, else pearson or spearman r. */
    public record TargetAssociation(String column, String measure, List<Association> values) {
        public TargetAssociation {
            values = List.copyOf(values);
        }
    }

    public record Association(String column, @Nullable Double value) {
    }

    /** Rows per class of the target; {@code imbalance} is largest over smallest (null with more classes than listed). */
    public record Balance(String target, long count, long missing, long distinct, List<ClassShare> classes,
                          @Nullable Double imbalance) {
        public Balance {
            classes = List.copyOf(classes);
        }
    }

    public record ClassShare(String value, long count, double share) {
    }

    /**
     * The data of one plot of the review. Which keys it has depends on what was drawn: a histogram
     * has {@code edges} and {@code counts}; a bar chart (also a histogram of categories)
     * {@code values}, {@code other} and {@code missing}; a box plot the quartiles, whiskers and the
     * count of {@code outliers}; a scatter plot {@code x}, {@code y}, {@code points}, {@code total}
     * and {@code sampled}; a plot that could not be drawn an {@code error}.
     */
    public record Plot(String kind, @OmitIfNull String column, @OmitIfNull String x, @OmitIfNull String y,
                       @OmitIfNull List<Double> edges, @OmitIfNull List<Long> counts, @OmitIfNull List<ValueCount> values,
                       @OmitIfNull Long other, @OmitIfNull Long missing, @OmitIfNull Double min, @OmitIfNull Double q1,
                       @OmitIfNull Double median, @OmitIfNull Double q3, @OmitIfNull Double max, @OmitIfNull Double whiskerLow,
                       @OmitIfNull Double whiskerHigh, @OmitIfNull Integer outliers, @OmitIfNull List<List<Double>> points,
                       @OmitIfNull Integer total, @OmitIfNull Boolean sampled, @OmitIfNull String error) {
        public Plot {
            edges = Copies.list(edges);
            counts = Copies.list(counts);
            values = Copies.list(values);
            points = points == null ? null : List.copyOf(points.stream().map(List::copyOf).toList());
        }

        /** A plot that could not be drawn. */
        public static Plot failed(String kind, String column, String x, String y, String error) {
            return new Plot(kind, column, x, y, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, error);
        }
    }

    /** The first rows as read: values as text, null where missing. */
    public record Sample(List<String> columns, List<List<@Nullable String>> rows) {
        public Sample {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows.stream().map(Copies::list).toList());
        }
    }
}
