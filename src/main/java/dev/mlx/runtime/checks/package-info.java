/** Evaluating the expectations of the checks block against the raw data, each with its observed value. */
package dev.mlx.runtime.checks;
