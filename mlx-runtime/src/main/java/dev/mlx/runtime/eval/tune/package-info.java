/**
 * Hyperparameter search: the search space of a {@code tune} statement ({@link dev.mlx.runtime.eval.tune.Space}),
 * grid, random and tree-structured Parzen sampling ({@link dev.mlx.runtime.eval.tune.Search},
 * {@link dev.mlx.runtime.eval.tune.Tpe}), and the {@link dev.mlx.runtime.eval.tune.Tuner} that scores each
 * configuration by cross-validation on the training rows only. Seeded: the same inputs give the same trials
 * and the same best, whatever the number of cores. A trial is scored on each fold by the
 * {@link dev.mlx.runtime.eval.tune.FoldScorer} the evaluation hands in. Imports the catalog, the spec
 * records, the data layer's row hashes (for the folds), features and models; never {@code eval} (which calls the tuner: importing it back would make
 * a cycle) and never a compiler package.
 */
package dev.mlx.runtime.eval.tune;
