/**
 * The canonical formatter behind {@code mlx fmt}. Owns layout only — indentation, spaces, line
 * breaks, blank lines — and never adds, drops or reorders a token (a block's {@code ;} becomes the
 * newline it stands for). Works from the token stream of {@link dev.mlx.syntax.Parsing}, telling
 * tokens apart by {@link dev.mlx.syntax.TokenType}; imports {@code dev.mlx.syntax},
 * {@code dev.mlx.source} and {@code dev.mlx.diag}, never ANTLR. Also owns
 * {@link dev.mlx.fmt.Quoting}: names and strings written as the language reads them back, for the
 * tools that write source text (mlx init, the language server's completions).
 */
package dev.mlx.fmt;
