package dev.mlx.check.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The bound data source as the checker sees it: its columns in order with their profiles.
 *
 * @param source  the resolved path or JDBC URL, for messages
 * @param rows    data rows profiled (all of them, unless {@code sampled})
 * @param sampled true when the statistics are of the first {@link DataProfiler#MAX_ROWS} rows only
 */
public record DataProfile(String source, List<ColumnProfile> columns, long rows, boolean sampled) {
    public DataProfile {
        columns = List.copyOf(columns);
    }

    public ColumnProfile column(String name) {
        for (ColumnProfile c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>();
        columns.forEach(c -> out.add(c.name()));
        return out;
    }
}
