package dev.mlx.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature transform: which column types it accepts, the options it takes (option word to what
 * the value must be), which options are required, and aliases (British spellings and synonyms).
 */
public record TransformSpec(String name, List<String> aliases, Set<ColumnType> accepts, Map<String, String> options,
                            Set<String> required, String produces, String doc) {
    public TransformSpec {
        aliases = List.copyOf(aliases);
        accepts = Set.copyOf(accepts);
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        required = Set.copyOf(required);
    }
}
