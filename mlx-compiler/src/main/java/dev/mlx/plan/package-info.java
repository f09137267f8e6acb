/**
 * The plan: a checked experiment lowered to the runtime's typed spec (one record per feature step,
 * enums for every word), every default filled and every seed explicit, plus where each `$parameter`
 * was used so the generated program can read it from the command line. Reads ast, catalog, check
 * results and the runtime spec; never diag output.
 */
package dev.mlx.plan;
