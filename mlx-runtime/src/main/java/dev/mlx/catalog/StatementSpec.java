package dev.mlx.catalog;

/** A statement a block accepts, with the shape to show in completion and its doc. */
public record StatementSpec(String keyword, String shape, String doc) {
}
