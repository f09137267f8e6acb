package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import java.util.List;
import java.util.Map;

/**
 * The explain block's findings on the holdout rows, of the selected model: a part not asked for is
 * null; a part that cannot be computed carries a {@code reason}.
 */
public record ModelExplanations(@Nullable Importance importance, @Nullable LimeRows lime, @Nullable List<Dependence> dependence,
                                @Nullable List<ClusterProfile> profiles) {
    public ModelExplanations {
        dependence = dependence == null ? null : List.copyOf(dependence);
        profiles = profiles == null ? null : List.copyOf(profiles);
    }

    /** Nothing asked. */
    public static ModelExplanations none() {
        return new ModelExplanations(null, null, null, null);
    }

    /** Permutation importance when asked, and the model's own ranking whenever importance is asked. */
    public record Importance(@Nullable Permutation permutation, OwnImportance model) {
    }

    /**
     * How much the deciding metric drops when a column's values are shuffled ({@code repeats} times,
     * seeded), most important first; null figures with a {@code reason} when it cannot be computed.
     * When not every input column was scored, {@code inputColumns} is how many there were and
     * {@code scoredColumns} how many of them, the ones the model itself ranks highest, were scored: at
     * most 100, fewer when rows × features × repeats passes would exceed 2·10^8 feature values (at
     * least 10). The cost is a pass of the holdout through the pipeline and model per column and repeat.
     */
    public record Permutation(String metric, @Nullable Boolean higherIsBetter, @Nullable Double baseline,
                              @Nullable Integer repeats, @Nullable Long seed, @Nullable List<ColumnImportance> columns,
                              @Nullable String reason, @OmitIfNull Integer inputColumns,
                              @OmitIfNull Integer scoredColumns) {
        /** The most columns scored; {@code inputColumns} is set when there were more. */
        public static final int MAX_COLUMNS = 100;

        public Permutation {
            columns = columns == null ? null : List.copyOf(columns);
        }
    }

    public record ColumnImportance(String column, List<String> features, @Nullable Double mean, @Nullable Double sd,
                                   List<@Nullable Double> values) {
        public ColumnImportance {
            features = List.copyOf(features);
            values = Copies.list(values);
        }
    }

    /** Tribuo's {@code getTopFeatures} per output; null outputs with the reason when the model keeps none. */
    public record OwnImportance(String model, @Nullable Map<String, List<FeatureScore>> outputs, @Nullable String reason) {
        public OwnImportance {
            outputs = Copies.map(outputs);
        }
    }

    /** LIME's explained rows, or null rows with the reason. */
    public record LimeRows(@Nullable List<LimeRow> rows, @Nullable String reason) {
        public LimeRows {
            rows = rows == null ? null : List.copyOf(rows);
        }
    }

    /**
     * One explained row (numbered from 1 in the holdout, or in a request): the prediction, the
     * weights of the features and of the words of text columns (null without a text column), the
     * row's raw values and the surrogates' fit.
     */
    public record LimeRow(int row, String predicted, Map<String, @Nullable Double> probabilities, @OmitIfNull String actual,
                          List<LimeFeature> features, @Nullable List<LimeWord> words, Map<String, @Nullable String> values,
                          @Nullable Double surrogateR2, @Nullable Double wordsSurrogateR2) {
        public LimeRow {
            probabilities = Copies.map(probabilities);
            features = List.copyOf(features);
            words = words == null ? null : List.copyOf(words);
            values = Copies.map(values);
        }
    }

    public record LimeFeature(String feature, @Nullable String column, @Nullable Double weight) {
    }

    public record LimeWord(String column, String word, @Nullable Double weight) {
    }

    /** The model's average answer ({@code output}) as the column takes each value of the grid; null with a reason. */
    public record Dependence(String column, @Nullable String output, @Nullable List<Double> grid,
                            @Nullable List<@Nullable Double> average, @Nullable String reason) {
        public Dependence {
            grid = grid == null ? null : List.copyOf(grid);
            average = Copies.list(average);
        }
    }

    /**
     * A cluster of the holdout rows: its number (or {@code "noise"} for HDBSCAN's outliers, which
     * are not a cluster and come last), its size, the means of numeric columns and the top values
     * of the others.
     */
    public record ClusterProfile(String cluster, int rows, Map<String, @Nullable Double> means,
                                 Map<String, List<ValueRows>> topValues) {
        public ClusterProfile {
            means = Copies.map(means);
            topValues = Copies.map(topValues);
        }
    }

    public record ValueRows(String value, int rows) {
    }
}
