/**
 * Diagnostics: codes, labels, fixes, the sink stages report into, did-you-mean, and the human,
 * short and JSON renderers. Imports only {@code dev.mlx.source} and the JDK (plus Gson for JSON).
 */
package dev.mlx.diag;
