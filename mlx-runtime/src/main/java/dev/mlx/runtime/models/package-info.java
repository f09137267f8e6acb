/**
 * The models: Tribuo trainers for the catalog's models with the right defaults and workarounds,
 * Tribuo datasets and examples built from feature matrices, export (Tribuo protobuf with the
 * pipeline, ONNX), the deserialisation allow-list, and silencing the libraries' logging. Imports the
 * catalog, the spec records, the feature-matrix contract and Tribuo; never a compiler package and
 * never {@code eval}.
 */
package dev.mlx.runtime.models;
