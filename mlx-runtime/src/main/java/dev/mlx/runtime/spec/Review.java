package dev.mlx.runtime.spec;

import java.util.List;

/**
 * What to review in the raw data. {@code outliers} is "iqr" or "zscore" (null: none);
 * {@code correlations} is "pearson" or "spearman" (null: none).
 */
public record Review(boolean summary, String outliers, double outlierThreshold, List<Plot> plots, String correlations,
                     boolean balance, List<Double> quantiles, int sample) {
    public Review {
        plots = List.copyOf(plots);
        quantiles = List.copyOf(quantiles);
    }

    public record Plot(String kind, List<String> columns) {
        public Plot {
            columns = List.copyOf(columns);
        }
    }
}
