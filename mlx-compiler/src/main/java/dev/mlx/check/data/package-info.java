/**
 * Reading the data a file binds to at check time: CSV header and values, JDBC query metadata and
 * rows, and per-column profiles. The CSV records come from the runtime's one reader
 * ({@code dev.mlx.runtime.data.CsvRecords}: quoting, encodings, located errors), never a second
 * parser here. Which type a column is, whether a value fits a declared type and how
 * the run spells it are the runtime's rule ({@code dev.mlx.runtime.data.ColumnTyping}), asked value by
 * value, never a second copy. Used by the checker, {@code mlx init} and the language server. Imports
 * catalog, the runtime's data layer (the reader, the typing rule, and {@link dev.mlx.runtime.data.JdbcSources}: which
 * databases may be read at all) and the JDK (plus JDBC drivers at run time).
 */
package dev.mlx.check.data;
