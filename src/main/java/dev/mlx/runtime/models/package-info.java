/** Tribuo trainers for the catalog's models with correct defaults, and datasets built from feature matrices. */
package dev.mlx.runtime.models;
