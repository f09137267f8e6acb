/**
 * Holdout and cross-validation (the pipeline refitted inside every fold), metrics per task,
 * curves, slices, comparisons, selection, gates and latency, and the result as typed records for
 * run.json and the report. Imports the catalog, the spec and result records, features and models;
 * never a compiler package.
 */
package dev.mlx.runtime.eval;
