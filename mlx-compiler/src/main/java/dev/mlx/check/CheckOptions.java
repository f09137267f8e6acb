package dev.mlx.check;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to check: {@code strict} turns warnings into errors; {@code overrides} are {@code --set}
 * values by parameter name; {@code readData} false skips binding to the data source (columns are
 * then not checked); {@code cache} lets a long-lived caller (the language server) reuse profiles.
 */
public record CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache) {
    public CheckOptions {
        overrides = java.util.Collections.unmodifiableMap(new TreeMap<>(overrides));
    }

    public static CheckOptions defaults() {
        return new CheckOptions(false, Map.of(), true, ProfileCache.NONE);
    }
}
