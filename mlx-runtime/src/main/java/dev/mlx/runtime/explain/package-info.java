/**
 * Accountability for the selected model, on the holdout rows: permutation importance of the raw
 * input columns, the model's own feature importance, LIME explanations of single rows, partial
 * dependence of numeric columns and cluster profiles. {@link dev.mlx.runtime.explain.Explainer}
 * is the entry point; it returns {@link dev.mlx.runtime.result.ModelExplanations}.
 *
 * <p>Imports the runtime (spec, features, models, eval, result), the catalog, Tribuo and Tablesaw;
 * never a compiler package (syntax, ast, check, diag, plan, codegen, cli, lsp, fmt).
 */
package dev.mlx.runtime.explain;
