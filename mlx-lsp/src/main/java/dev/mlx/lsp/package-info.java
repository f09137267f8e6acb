/**
 * The language server ({@code mlx lsp}): lsp4j over stdio. Owns document state, debounced checks
 * through the checker pipeline, and the editor features (completion, hover, definition,
 * references, outline, formatting, quick fixes) built on the catalog, the syntax tree and the
 * bound data profile. Reads the compiler stages (syntax, ast, catalog, check, diag, fmt, source);
 * never imported by them. Works on half-written files from the token stream, telling tokens apart by
 * {@link dev.mlx.syntax.TokenType}; never imports ANTLR. Its own module (mlx-lsp), so it is never
 * part of users' jars.
 */
package dev.mlx.lsp;
