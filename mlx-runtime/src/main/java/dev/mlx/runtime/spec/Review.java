package dev.mlx.runtime.spec;

import dev.mlx.catalog.CorrelationMethod;
import dev.mlx.catalog.OutlierMethod;
import dev.mlx.catalog.PlotKind;
import java.util.List;

/**
 * What to review in the raw data. {@code outliers} null: none ({@code outlierThreshold} is the IQR
 * factor or the z-score); {@code correlations} null: none; {@code quantiles} empty: the default ones.
 */
public record Review(boolean summary, OutlierMethod outliers, double outlierThreshold, List<Plot> plots,
                     CorrelationMethod correlations, boolean balance, List<Double> quantiles, int sample) {
    public Review {
        plots = List.copyOf(plots);
        quantiles = List.copyOf(quantiles);
    }

    /** One {@code plot} statement: a chart per column (scatter: per pair of columns). */
    public record Plot(PlotKind kind, List<String> columns) {
        public Plot {
            columns = List.copyOf(columns);
        }
    }
}
