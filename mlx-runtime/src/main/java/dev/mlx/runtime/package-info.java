/**
 * What ships inside users' jars: data loading, review, checks, features, training, evaluation,
 * explanations, export, serving, feedback. Reads only its own inputs (the {@code spec} records and
 * the data). This package is the jar's entry point ({@link dev.mlx.runtime.Runner}), its command line
 * ({@link dev.mlx.runtime.JarCommand}, on picocli) and the stages of a run. Lives in the mlx-runtime module, which does not depend on the compiler: it cannot import
 * a compiler package.
 */
package dev.mlx.runtime;
