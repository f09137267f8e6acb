/**
 * The catalog: one source of truth for tasks, models (with Tribuo trainers and hyperparameters),
 * metrics, transforms, functions, blocks and the words of enumerated settings. Each closed
 * vocabulary is an enum ({@link dev.mlx.catalog.PlotKind}, {@link dev.mlx.catalog.DatePart},
 * {@link dev.mlx.catalog.Builtin}, ...) spelled by {@link dev.mlx.catalog.Words}: the checker's word
 * lists are made from the enums and the runtime's spec holds the constants, so the two cannot drift.
 * JDK only.
 */
package dev.mlx.catalog;
