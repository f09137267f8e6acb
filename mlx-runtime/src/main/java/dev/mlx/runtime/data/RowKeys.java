package dev.mlx.runtime.data;

import dev.mlx.runtime.base.RowHash;
import dev.mlx.runtime.spec.Data;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The {@link RowHash} hashes of a loaded table's rows: of each row's key (the id column's value when
 * the data has one, else the whole row) and of its whole content, which breaks ties between equal ids.
 */
public final class RowKeys {
    /** One hash per row of its key and of its whole content. */
    public record Hashes(long[] key, long[] tie) {
    }

    private RowKeys() {
    }

    /** The hashes of every row of {@code table} under {@code seed}; {@code id} null when the data has none. */
    public static Hashes of(Table table, String id, long seed) {
        int n = table.rowCount();
        long[] tie = new long[n];
        List<Column<?>> columns = table.columns();
        List<Object> cells = new ArrayList<>(columns.size());
        for (int r = 0; r < n; r++) {
            cells.clear();
            for (Column<?> c : columns) {
                cells.add(value(c, r));
            }
            tie[r] = RowHash.of(RowHash.row(cells), seed);
        }
        if (id == null || !table.containsColumn(id)) {
            return new Hashes(tie, tie);
        }
        Column<?> idColumn = table.column(id);
        long[] key = new long[n];
        for (int r = 0; r < n; r++) {
            key[r] = RowHash.of(RowHash.cell(value(idColumn, r)), seed);
        }
        return new Hashes(key, tie);
    }

    /**
     * The hashes for folds: as {@link #of} under the seed mixed with {@link RowHash#FOLD_SALT}, keyed by
     * {@code data}'s id column (none when {@code data} is null: a table made in memory).
     */
    public static Hashes forFolds(Table table, Data data, long seed) {
        return of(table, data == null ? null : data.id(), seed ^ RowHash.FOLD_SALT);
    }

    private static Object value(Column<?> c, int row) {
        return c.isMissing(row) ? null : c.get(row);
    }
}
