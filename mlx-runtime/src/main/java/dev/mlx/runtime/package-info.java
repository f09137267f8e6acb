/**
 * What ships inside users' jars: data loading, review, checks, features, training, evaluation,
 * explanations, export, serving, feedback. Reads only its own inputs (the {@code spec} records and
 * the data). Lives in the mlx-runtime module, which does not depend on the compiler: it cannot import
 * a compiler package.
 */
package dev.mlx.runtime;
