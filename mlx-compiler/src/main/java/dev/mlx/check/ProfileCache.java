package dev.mlx.check;

import dev.mlx.check.data.DataException;
import dev.mlx.check.data.DataProfile;

/** Reuses data profiles across checks (the language server keeps one, keyed by source and mtime). */
public interface ProfileCache {
    ProfileCache NONE = (key, loader) -> loader.load();

    DataProfile get(String key, Loader loader) throws DataException;

    /** Loads a profile when the cache has none. */
    @FunctionalInterface
    interface Loader {
        DataProfile load() throws DataException;
    }
}
