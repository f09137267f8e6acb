/**
 * The Maven plugin's goals: {@code mlx:check} checks a project's .mlx files against their data and
 * fails the build on errors; {@code mlx:compile} compiles each experiment to a runnable jar. Thin, as
 * the command line is: find the files, turn the goal's parameters into the compiler's options, call
 * the same checker, planner and jar writer as {@code mlx check} and {@code mlx compile}, and print
 * their diagnostics through Maven's log. Imports the compiler's check, diag, source, plan and codegen
 * and Maven's plugin API; never the command line or the language server, and nothing from it may
 * reach mlx-runtime.
 */
package dev.mlx.maven;
