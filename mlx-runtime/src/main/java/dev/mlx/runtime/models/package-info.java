/**
 * The models: Tribuo trainers for the catalog's models with the right defaults and workarounds,
 * Tribuo datasets and examples built from feature matrices, export (Tribuo protobuf with the
 * pipeline, ONNX; files checked against their recorded SHA-256), models another engine trained rebuilt as
 * Tribuo's own ({@link dev.mlx.runtime.models.ImportedModels}), the JEP 290 filter for the Java
 * serialisation inside Tribuo's LIBLINEAR/LIBSVM model files, and silencing the libraries' logging. Every trainer
 * of mlx's own extends {@link dev.mlx.runtime.models.base.AbstractTrainer}, which keeps Tribuo's
 * invocation count and provenance once. Imports the catalog, the spec records, the feature-matrix
 * contract, {@code models.base}, {@code models.mlp}, {@code models.tree} and Tribuo; never a compiler package and never
 * {@code eval}.
 */
package dev.mlx.runtime.models;
