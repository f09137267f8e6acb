/**
 * Evaluating the expectations of the checks block against the raw data, each with its observed value.
 * Imports the runtime spec and Tablesaw; never a compiler package.
 */
package dev.mlx.runtime.checks;
