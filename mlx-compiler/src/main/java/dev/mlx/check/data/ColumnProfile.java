package dev.mlx.check.data;

import dev.mlx.catalog.ColumnType;
import java.util.List;
import java.util.Set;

/**
 * What the checker, {@code mlx init} and the language server know about one column of the bound data.
 *
 * @param type        declared type if the file declares one, else the inferred type
 * @param inferred    the type inferred from the values alone
 * @param count       non-missing values seen
 * @param missing     missing values seen (empty cells and the declared markers)
 * @param distinct    distinct non-missing values seen (a lower bound when {@code distinctCapped})
 * @param min         numeric minimum (null for non-numeric)
 * @param max         numeric maximum
 * @param mean        numeric mean
 * @param top         most frequent values with counts, most frequent first (at most 10)
 * @param values      every distinct value when there are at most {@link DataProfiler#MAX_TRACKED}, else null
 * @param badValues   values that do not parse as the declared type
 * @param badExample  the first such value, with its 1-based data row number in {@code badRow}
 * @param unique      every non-missing value read is different from every other, counted exactly
 *                    however many distinct values there are (the test for an id or a {@code unique} check)
 */
public record ColumnProfile(String name, ColumnType type, ColumnType inferred, long count, long missing, long distinct,
                            boolean distinctCapped, Double min, Double max, Double mean, List<ValueCount> top,
                            Set<String> values, long badValues, String badExample, long badRow,
                            boolean unique) {
    public ColumnProfile {
        top = top == null ? List.of() : List.copyOf(top);
        values = values == null ? null : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(values));
    }

    public record ValueCount(String value, long count) {
    }

    public double missingShare() {
        long total = count + missing;
        return total == 0 ? 0 : (double) missing / total;
    }
}
