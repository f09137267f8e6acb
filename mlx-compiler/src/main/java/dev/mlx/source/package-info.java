/**
 * Source text, spans and line/column mapping. Depends on the JDK only; every other package may use it.
 */
package dev.mlx.source;
