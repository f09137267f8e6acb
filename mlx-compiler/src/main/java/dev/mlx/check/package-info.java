/**
 * The checker: passes over the syntax tree that bind names to the catalog and to the real data,
 * and report every mistake with an exact span. Imports syntax, ast, catalog, diag, source.
 */
package dev.mlx.check;
