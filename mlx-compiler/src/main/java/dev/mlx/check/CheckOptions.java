package dev.mlx.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to check: {@code strict} turns warnings into errors; {@code overrides} are {@code --set}
 * values by parameter name; {@code readData} false skips binding to the data source (columns are
 * then not checked); {@code cache} lets a long-lived caller (the language server) reuse profiles;
 * {@code allowOutside} are the {@code --allow-outside} folders an output path may name absolutely;
 * {@code trust} says whether the data of a file may be read and its query run (the language server's
 * workspace trust; the command line trusts what the user asked it to check); {@code engine} is where
 * the experiment will run ({@code --engine spark} refuses what Spark cannot run).
 */
public record CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache,
                           List<Path> allowOutside, DataTrust trust, dev.mlx.catalog.Engine engine) {
    public CheckOptions {
        overrides = java.util.Collections.unmodifiableMap(new TreeMap<>(overrides));
        allowOutside = List.copyOf(allowOutside);
        engine = engine == null ? dev.mlx.catalog.Engine.LOCAL : engine;
    }

    /** Options for the local engine. */
    public CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache,
                        List<Path> allowOutside, DataTrust trust) {
        this(strict, overrides, readData, cache, allowOutside, trust, dev.mlx.catalog.Engine.LOCAL);
    }

    /** Options with no folder allowed outside the output folder, trusting the data. */
    public CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache) {
        this(strict, overrides, readData, cache, List.of(), DataTrust.ALL);
    }

    /** Options trusting the data, with {@code --allow-outside} folders. */
    public CheckOptions(boolean strict, Map<String, String> overrides, boolean readData, ProfileCache cache,
                        List<Path> allowOutside) {
        this(strict, overrides, readData, cache, allowOutside, DataTrust.ALL);
    }

    public static CheckOptions defaults() {
        return new CheckOptions(false, Map.of(), true, ProfileCache.NONE);
    }
}
