/**
 * The history of an experiment's runs: run ids ({@link dev.mlx.runtime.history.RunIds}), the output
 * tree of run folders and the current run's files ({@link dev.mlx.runtime.history.OutputTree}), the
 * tracking store that indexes the runs ({@link dev.mlx.runtime.history.RunStore}, SQLite in the
 * output folder or PostgreSQL by URL), the git commit of the {@code .mlx} file's work tree, and what
 * changed between two runs ({@link dev.mlx.runtime.history.Comparisons}, with a unified diff of the
 * files). Imports the JDK, the JDBC drivers, {@code base}, {@code result}, {@code data} (the JDBC URL
 * rule) and {@code catalog} (metric directions); never {@code dev.mlx.runtime} itself, the stages or
 * the report, and never a compiler package.
 */
package dev.mlx.runtime.history;
