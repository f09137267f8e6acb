/**
 * Statistics of the raw data for the report: summaries, outliers, histograms, correlations, balance,
 * plot data, a sample; as a {@link dev.mlx.runtime.result.DataReview} for run.json. Imports the catalog,
 * the runtime spec, the result records and Tablesaw;
 * never a compiler package.
 */
package dev.mlx.runtime.review;
