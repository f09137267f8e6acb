/** End-to-end tests: examples compiled to jars and run in fresh JVMs, as users run them. */
package dev.mlx.e2e;
