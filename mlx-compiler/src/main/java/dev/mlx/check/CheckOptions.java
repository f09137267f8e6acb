package dev.mlx.check;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to check: {@code strict} turns warnings into errors; {@code overrides} are {@code --set}
 * values by parameter name; {@code readData} false skips binding to the data source (columns are
 * then not checked); {@code cache} lets a long-lived caller (the language server) reuse profiles;
 * {@code engine} is where the experiment will run ({@code --engine spark} refuses what Spark cannot run).
 */
public record CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache,
                           dev.mlx.catalog.Engine engine) {
    public CheckOptions {
        overrides = java.util.Collections.unmodifiableMap(new TreeMap<>(overrides));
        engine = engine == null ? dev.mlx.catalog.Engine.LOCAL : engine;
    }

    /** Checked for the local engine. */
    public CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache) {
        this(strict, overrides, readData, cache, dev.mlx.catalog.Engine.LOCAL);
    }

    public static CheckOptions defaults() {
        return new CheckOptions(false, Map.of(), true, ProfileCache.NONE);
    }
}
