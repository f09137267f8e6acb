/**
 * What every module's tests share: golden files that fail when they are missing ({@link Golden}) and
 * the repository's folders ({@link Repo}). Test scope only; nothing of mlx depends on it at run time.
 */
package dev.mlx.testing;
