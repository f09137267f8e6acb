package dev.mlx.check.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads a data source into a {@link DataProfile}. (Being implemented.) */
public final class DataProfiler {
    public static final int MAX_TRACKED = 1000;
    public static final long MAX_ROWS = 200_000;

    private DataProfiler() {
    }

    public static DataProfile csv(Path path, String delimiter, List<String> missingMarkers,
                                  Map<String, TypeHint> declared) throws DataException {
        throw new DataException("not implemented", false);
    }

    public static DataProfile jdbc(String url, String query, List<String> missingMarkers,
                                   Map<String, TypeHint> declared) throws DataException {
        throw new DataException("not implemented", false);
    }
}
