package dev.mlx.runtime.data;

import dev.mlx.runtime.spec.Data;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * A table from rows given as maps (a JSON request, an embedding call), typed with the training
 * schema and read with the same rules as a CSV file, so a served row becomes exactly the values
 * the pipeline saw in training. A value that does not fit its column is a {@link Problem}, not an
 * exception: the caller turns it into a field-precise error.
 */
public final class RowTable {
    private RowTable() {
    }

    /** What is wrong with one value: row (0-based), column, and why. */
    public record Problem(int row, String column, String message) {
    }

    /** The table (null when any value was refused) and the problems found. */
    public record Result(Table table, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Builds a table of {@code columns} from {@code rows}; a column absent from a row is missing.
     * Values may be Strings, Numbers, Booleans or null.
     */
    public static Result build(List<Data.Column> columns, List<String> missingMarkers, List<Map<String, Object>> rows) {
        Set<String> missing = new LinkedHashSet<>(missingMarkers);
        List<ColumnBuilder> builders = DataLoader.builders(
                new Data(null, ",", null, null, columns, missingMarkers, null, null), missing, "the request", rows.size());
        List<Problem> problems = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            for (int c = 0; c < columns.size(); c++) {
                Object v = row.get(columns.get(c).name());
                String why = builders.get(c).addObject(v);
                if (why != null) {
                    problems.add(new Problem(r, columns.get(c).name(), why));
                    builders.get(c).addMissing(); // keep the columns aligned
                }
            }
        }
        return new Result(problems.isEmpty() ? DataLoader.table("request", builders) : null, problems);
    }
}
