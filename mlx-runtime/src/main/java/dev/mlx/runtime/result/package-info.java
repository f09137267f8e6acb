/**
 * The typed results of a run: {@link dev.mlx.runtime.result.RunResult} and its parts, which the
 * stages return and the report reads, and {@link dev.mlx.runtime.result.RunJson}, their one JSON
 * form (run.json), its strict reader and its JSON Schema. A leaf: imports only the JDK, Gson and
 * {@code dev.mlx.runtime.base}; the stages import it, never the other way round.
 */
package dev.mlx.runtime.result;
