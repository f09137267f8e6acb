/**
 * {@code mlx init}: a starter {@code .mlx} file written from a data file's profile — task, types,
 * checks, features, model ladder and evaluation guessed from the columns, every choice valid per the
 * catalog. Imports catalog and check.data only (not the checker, syntax or diagnostics): it writes
 * text, and the tests prove that text checks clean. Every guess is made before a line is written
 * ({@code Guesser} into {@code Choices}), then {@code StarterText} writes the blocks in order; only
 * {@code Starter} is public.
 */
package dev.mlx.init;
