/**
 * The experiment as the runtime receives it: plain records, every default already filled in by
 * the compiler, built by the generated program. Imports the catalog's enums and the JDK only.
 */
package dev.mlx.runtime.spec;
