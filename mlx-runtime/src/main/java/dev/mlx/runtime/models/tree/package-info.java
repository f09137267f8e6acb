/**
 * mlx's own decision trees, random forests and extra trees: the rows binned once into at most 256
 * bins per feature (sparse: a row stores only its non-zero bins), trees grown from per-node
 * histograms of the features a split considers, the trees of an ensemble grown in parallel from
 * per-tree seeds, and the result emitted as Tribuo's own tree models (its node classes, its TreeModel)
 * (ensembles as Tribuo's {@code WeightedEnsembleModel}), so serving, export, LIME and model
 * importance treat them like Tribuo's; {@link TreeProtos} writes their protobuf (Tribuo's bytes) without
 * Tribuo's per-tree repetition. Imports {@code runtime.base}, {@code models.base} and Tribuo; never the catalog,
 * the spec, {@code eval} or a compiler package.
 */
package dev.mlx.runtime.models.tree;
