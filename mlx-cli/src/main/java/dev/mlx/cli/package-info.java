/**
 * The command line: picocli commands that parse flags, call a compiler service and print. No
 * logic of their own.
 */
package dev.mlx.cli;
