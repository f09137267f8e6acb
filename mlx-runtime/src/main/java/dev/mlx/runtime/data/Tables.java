package dev.mlx.runtime.data;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * Row copies of a table in time linear in its columns. Tablesaw's own ({@code Table.rows},
 * {@code emptyCopy}) check each copied column's name against every column added before it, without
 * regard to case: on a table of 5,000 columns a split took seconds and each one-row copy about one.
 * The columns of a table already have distinct names, so a copy needs no check.
 */
public final class Tables {
    private Tables() {
    }

    /** The rows of {@code table} at {@code rows}, in increasing order without repeats (as Tablesaw's {@code rows} gives them). */
    public static Table rows(Table table, int[] rows) {
        Table out = Table.create(table.name());
        if (rows.length == 0) {
            for (Column<?> c : table.columns()) {
                out.internalAddWithoutValidation(c.emptyCopy());
            }
            return out;
        }
        Selection selection = Selection.with(rows);
        for (Column<?> c : table.columns()) {
            out.internalAddWithoutValidation(c.where(selection));
        }
        return out;
    }

    /**
     * {@code table} with its column of the same name as {@code replacement} replaced by it, every other
     * column shared, not copied (for reading only: permutation importance and dependence curves score
     * one such table per column and value).
     */
    public static Table withColumn(Table table, Column<?> replacement) {
        Table out = Table.create(table.name());
        for (Column<?> c : table.columns()) {
            out.internalAddWithoutValidation(c.name().equals(replacement.name()) ? replacement : c);
        }
        return out;
    }

    /** The one row {@code row} of {@code table}. */
    public static Table row(Table table, int row) {
        return rows(table, new int[] {row});
    }
}
