/**
 * Parsing: the only package that imports ANTLR. Turns text into {@link dev.mlx.ast} records and
 * {@link dev.mlx.syntax.Tok} tokens; syntax errors become diagnostics in words.
 */
package dev.mlx.syntax;
