/**
 * Reading the data a file binds to at check time: CSV header and values, JDBC query metadata and
 * rows, type inference and per-column profiles. Used by the checker, {@code mlx init} and the
 * language server. Imports catalog, the runtime's data layer for the one rule on which databases may be
 * read ({@link dev.mlx.runtime.data.JdbcSources}) and the JDK (plus JDBC drivers at run time).
 */
package dev.mlx.check.data;
