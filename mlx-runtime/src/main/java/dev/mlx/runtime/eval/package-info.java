/**
 * Holdout and cross-validation (the pipeline refitted inside every fold), metrics per task,
 * curves, slices, comparisons, selection, gates and latency, and the result as JSON for the
 * report. Imports the catalog, the spec records, features and models; never a compiler package.
 */
package dev.mlx.runtime.eval;
