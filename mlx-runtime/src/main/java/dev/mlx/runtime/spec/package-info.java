/**
 * The experiment as the runtime receives it, typed: records for the blocks, a sealed interface for
 * whatever comes in kinds ({@link dev.mlx.runtime.spec.Step} with one record per statement of the
 * features block and a visitor, {@link dev.mlx.runtime.spec.Check}, {@link dev.mlx.runtime.spec.Scope.Gate},
 * {@link dev.mlx.runtime.spec.Fill}, {@link dev.mlx.runtime.spec.Tune.Param},
 * {@link dev.mlx.runtime.spec.Expr}) and an enum for every enumerated word: the catalog's
 * vocabularies ({@code PlotKind}, {@code DatePart}, {@code Builtin}, ...) and the grammar's own
 * ({@link dev.mlx.runtime.spec.CompareOp}, {@link dev.mlx.runtime.spec.ArithmeticOp},
 * {@link dev.mlx.runtime.spec.Evaluate.Rule}, {@link dev.mlx.runtime.spec.Explain.Lime}). The compiler
 * fills in every default and resolves every word, so the runtime need not check again what the
 * checker ruled out; only names of the catalog's open registries (model kinds, metrics,
 * hyperparameters) stay strings, looked up in the catalog. Built by the generated program; records
 * compare by value, so the program can be checked to rebuild its plan exactly. Imports the catalog
 * and the JDK only.
 */
package dev.mlx.runtime.spec;
