/**
 * The one data layer: the one CSV reader ({@link dev.mlx.runtime.data.CsvRecords}: quoting, line ends,
 * byte-order mark, strict UTF-8, problems located by line), loading the data source into a Tablesaw
 * table with the compile-time schema (CSV, JDBC, Parquet through DuckDB's driver named by
 * {@link dev.mlx.runtime.data.ParquetFiles}, JSON Lines through {@link dev.mlx.runtime.data.JsonLines}),
 * the rule on which JDBC URLs may be read at all ({@link dev.mlx.runtime.data.JdbcSources}),
 * and the one typing rule ({@link dev.mlx.runtime.data.ColumnTyping}, with
 * {@link dev.mlx.runtime.data.Values} for single values and {@link dev.mlx.runtime.data.UniquenessTracker}
 * for ids) that the compiler's profile, {@code mlx init}, the language server and the server's request
 * validation use too, so a column is the same column at check time and at run time. Every data problem
 * at run time is a {@link dev.mlx.runtime.base.RunException} naming the file, row and column. Imports the
 * catalog, the runtime spec and Tablesaw; never a compiler package.
 */
package dev.mlx.runtime.data;
