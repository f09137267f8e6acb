/**
 * The leaves every runtime package may use: the user-facing failure ({@link dev.mlx.runtime.base.RunException}),
 * where the outputs a file names may be written ({@link dev.mlx.runtime.base.OutputPaths}, also the checker's rule),
 * seeded sampling of rows, the row hashes that place a row in the holdout or a fold on every engine
 * ({@link dev.mlx.runtime.base.RowHash}), the k-fold splits of cross-validation and tuning ({@link dev.mlx.runtime.base.Folds}),
 * files written whole through a temporary file and a move ({@link dev.mlx.runtime.base.AtomicFiles}, never
 * through a link into a run folder), JSON files, and the pool of threads a run works on
 * ({@link dev.mlx.runtime.base.Parallel}). Imports only the JDK and Gson, so the runtime's packages
 * form a tree above it rather than a cycle through {@code dev.mlx.runtime}.
 */
package dev.mlx.runtime.base;
