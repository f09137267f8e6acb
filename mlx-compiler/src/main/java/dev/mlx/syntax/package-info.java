/**
 * Parsing: the only package that imports ANTLR. Turns text into {@link dev.mlx.ast} records and
 * {@link dev.mlx.syntax.Tok} tokens; syntax errors become diagnostics in words.
 *
 * <p>The AST is built by the visitor ANTLR generates from grammar/MlxParser.g4
 * ({@link dev.mlx.syntax.AstBuilder}, over {@link dev.mlx.syntax.StatementBuilder} and
 * {@link dev.mlx.syntax.ValueBuilder}): it implements every visit method, so a grammar rule without
 * AST support does not compile, and reaching a rule that has no AST is an internal error naming the
 * rule, never a statement silently dropped. Code outside this package sees the lexer's vocabulary
 * only as {@link dev.mlx.syntax.TokenType}, never ANTLR's types or token names as strings. Imports
 * {@code dev.mlx.ast}, {@code dev.mlx.diag} and {@code dev.mlx.source}; never the checker or later
 * stages.
 */
package dev.mlx.syntax;
