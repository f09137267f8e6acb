/**
 * Loading the data source into a Tablesaw table with the compile-time schema (CSV and JDBC); every
 * data problem is a {@link dev.mlx.runtime.base.RunException} naming the file, row and column. Owns the rule
 * on which JDBC URLs may be read at all ({@link dev.mlx.runtime.data.JdbcSources}), which the checker uses
 * too. Imports the
 * catalog, the runtime spec and Tablesaw; never a compiler package.
 */
package dev.mlx.runtime.data;
