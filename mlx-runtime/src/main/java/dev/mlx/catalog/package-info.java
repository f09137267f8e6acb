/**
 * The catalog: one source of truth for tasks, models (with Tribuo trainers and hyperparameters),
 * metrics, transforms, functions, blocks and the words of enumerated settings. JDK only.
 */
package dev.mlx.catalog;
