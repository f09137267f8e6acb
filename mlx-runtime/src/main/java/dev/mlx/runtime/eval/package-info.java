/**
 * Holdout and cross-validation (the pipeline refitted inside every fold), metrics per task,
 * curves, slices, comparisons, selection, gates and latency, and the result as typed records for
 * run.json and the report. Runs the {@code tune} statements first ({@code eval.tune}), handing the
 * tuner its fold scoring. Imports the catalog, the spec and result records, features, models and
 * {@code eval.tune}; never a compiler package.
 */
package dev.mlx.runtime.eval;
