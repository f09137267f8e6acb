/**
 * What ships inside users' jars: data loading, review, checks, features, training, evaluation,
 * explanations, export, serving, feedback. Reads only its own inputs (the {@code spec} records and
 * the data); never imports a compiler package (syntax, ast, check, diag, plan, codegen, cli, lsp, fmt).
 */
package dev.mlx.runtime;
