/** Statistics of the raw data for the report: summaries, outliers, histograms, correlations, balance. */
package dev.mlx.runtime.review;
