/**
 * The syntax tree: records of what was written, each with its span. No behaviour beyond small
 * accessors. Imports only {@code dev.mlx.source}.
 */
package dev.mlx.ast;
