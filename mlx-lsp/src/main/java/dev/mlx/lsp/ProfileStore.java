package dev.mlx.lsp;

import dev.mlx.check.ProfileCache;
import dev.mlx.check.data.DataException;
import dev.mlx.check.data.DataProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's data profiles, shared by every open document. The checker's keys carry the data
 * file's modification time and size, so a file changed on disk gets a new key and is profiled
 * again; a database without a file to stat is profiled again once its entry is older than
 * {@code maxAgeMillis}. Least recently used entries go first past {@code capacity}. Failures are
 * not kept: the next check tries again.
 */
final class ProfileStore implements ProfileCache {
    private record Entry(DataProfile profile, long loadedAt) {
    }

    private final int capacity;
    private final long maxAgeMillis;
    private final Map<String, Entry> entries;
    private int loads;

    ProfileStore(int capacity, long maxAgeMillis) {
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public synchronized DataProfile get(String key, Loader loader) throws DataException {
        Entry e = entries.get(key);
        long now = System.currentTimeMillis();
        if (e != null && now - e.loadedAt() <= maxAgeMillis) {
            return e.profile();
        }
        DataProfile p = loader.load();
        loads++;
        entries.put(key, new Entry(p, now));
        while (entries.size() > capacity) {
            String eldest = entries.keySet().iterator().next();
            entries.remove(eldest);
        }
        return p;
    }

    /** How many profiles were read from the source (for tests of the cache). */
    synchronized int loads() {
        return loads;
    }
}
