/** Loading the data source into a Tablesaw table with the compile-time schema (CSV and JDBC). */
package dev.mlx.runtime.data;
