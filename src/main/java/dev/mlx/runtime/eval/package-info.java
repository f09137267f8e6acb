/** Holdout and cross-validation, metrics per task, comparisons, selection, gates and latency. */
package dev.mlx.runtime.eval;
