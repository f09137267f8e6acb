/**
 * Statistics of the raw data for the report: summaries, outliers, histograms, correlations, balance,
 * plot data, a sample; as JSON for run.json. Imports the catalog, the runtime spec, Tablesaw and Gson;
 * never a compiler package.
 */
package dev.mlx.runtime.review;
