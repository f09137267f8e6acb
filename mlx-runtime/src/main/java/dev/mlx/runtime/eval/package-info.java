/**
 * Holdout and cross-validation (the pipeline refitted inside every fold), metrics per task,
 * curves, slices, comparisons, selection, gates and latency, and the result as JSON for the
 * report. Runs the {@code tune} statements first ({@code eval.tune}), handing the tuner its fold
 * scoring. Imports the catalog, the spec records, features, models and {@code eval.tune}; never a
 * compiler package.
 */
package dev.mlx.runtime.eval;
