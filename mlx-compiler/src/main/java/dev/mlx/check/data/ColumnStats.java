package dev.mlx.check.data;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.data.ColumnTyping;
import dev.mlx.runtime.data.UniquenessTracker;
import dev.mlx.runtime.data.Values;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates one column's values in a single pass and turns them into a {@link ColumnProfile}.
 * Which types the values could still be is narrowed as they arrive, so nothing is kept but the
 * counts of at most {@link DataProfiler#MAX_TRACKED} distinct values.
 */
final class ColumnStats {
    private final String name;
    private final TypeHint hint;
    private final DateTimeFormatter hintDates;
    private final ColumnType fixed;
    private final boolean stringsOnly;
    private final boolean numericAnyway;

    private long count;
    private long missing;
    private final ColumnTyping.Evidence evidence = new ColumnTyping.Evidence();
    private final UniquenessTracker uniqueness = new UniquenessTracker();
    private long numeric;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final Map<String, long[]> counts = new HashMap<>();
    private boolean capped;
    private long badValues;
    private String badExample;
    private long badRow;

    /**
     * @param fixed       a type the source already knows (a SQL column type), or null to infer it
     * @param stringsOnly when inferring, choose only among date, category and text (a SQL string column)
     */
    ColumnStats(String name, TypeHint hint, ColumnType fixed, boolean stringsOnly) throws DataException {
        this.name = name;
        this.hint = hint;
        this.fixed = fixed;
        this.stringsOnly = stringsOnly;
        this.numericAnyway = (fixed != null && fixed.isNumeric()) || (hint != null && hint.type() != null && hint.type().isNumeric());
        if (hint != null && hint.type() == ColumnType.DATE && hint.dateFormat() != null) {
            hintDates = ColumnTyping.formatter(hint.dateFormat());
            if (hintDates == null) {
                throw new DataException("the date format \"" + hint.dateFormat() + "\" declared for `" + name
                        + "` is not a valid pattern (write it as in java.time, such as \"yyyy-MM-dd\")", false);
            }
        } else {
            hintDates = null;
        }
    }

    String name() {
        return name;
    }

    /** One value; null or a missing marker counts as missing. {@code row} is the 1-based data row. */
    void add(String raw, long row, Set<String> markers) {
        if (raw == null) {
            missing++;
            return;
        }
        String v = raw.strip();
        if (markers.contains(v) || markers.contains(raw)) {
            missing++;
            return;
        }
        count++;
        double d = evidence.offer(v, numericAnyway);
        if (!Double.isNaN(d)) {
            numeric++;
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        uniqueness.add(v);
        long[] c = counts.get(v);
        if (c != null) {
            c[0]++;
        } else if (counts.size() < DataProfiler.MAX_TRACKED) {
            counts.put(v, new long[] {1});
        } else {
            capped = true;
        }
        if (hint != null && hint.type() != null && !ColumnTyping.conforms(v, hint.type(), hintDates)) {
            if (badValues++ == 0) {
                badExample = v;
                badRow = row;
            }
        }
    }

    /**
     * A value past the profiled rows: no statistics, only what the run will need of it — that it
     * still fits the type the column is inferred as (else the type falls back to one every value
     * fits) and the declared type, if any. {@code row} is the 1-based data row.
     */
    void type(String raw, long row, Set<String> markers) {
        if (raw == null) {
            return;
        }
        String v = raw.strip();
        if (markers.contains(v) || markers.contains(raw)) {
            return;
        }
        evidence.narrow(v);
        if (hint != null && hint.type() != null && !ColumnTyping.conforms(v, hint.type(), hintDates)) {
            if (badValues++ == 0) {
                badExample = v;
                badRow = row;
            }
        }
    }

    ColumnType inferred() {
        if (fixed != null) {
            return fixed;
        }
        return evidence.type(stringsOnly, counts.size());
    }

    ColumnProfile profile() {
        ColumnType inferred = inferred();
        ColumnType type = hint != null && hint.type() != null ? hint.type() : inferred;
        boolean numericType = type.isNumeric();
        Comparator<String> order = numericType ? ColumnStats::numericOrder : Comparator.naturalOrder();
        Map<String, long[]> spelled = type == ColumnType.BOOLEAN ? asLoaded(type) : counts;

        List<Map.Entry<String, long[]>> entries = new ArrayList<>(spelled.entrySet());
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
            return byCount != 0 ? byCount : order.compare(a.getKey(), b.getKey());
        });
        List<ColumnProfile.ValueCount> top = new ArrayList<>();
        for (int i = 0; i < Math.min(10, entries.size()); i++) {
            top.add(new ColumnProfile.ValueCount(entries.get(i).getKey(), entries.get(i).getValue()[0]));
        }
        Set<String> values = null;
        if (!capped) {
            List<String> sorted = new ArrayList<>(spelled.keySet());
            sorted.sort(order);
            values = new LinkedHashSet<>(sorted);
        }
        boolean stats = numericType && numeric > 0;
        return new ColumnProfile(name, type, inferred, count, missing, spelled.size(), capped,
                stats ? min : null, stats ? max : null, stats ? sum / numeric : null, top, values,
                hint == null ? 0 : badValues, badExample, badRow, count > 0 && uniqueness.unique());
    }

    /**
     * The counts keyed by the values as the run will hold them ({@link ColumnTyping#spelling}): a
     * boolean written yes/no is true/false once loaded, and the checker must compare with those.
     */
    private Map<String, long[]> asLoaded(ColumnType type) {
        Map<String, long[]> out = new HashMap<>();
        counts.forEach((v, c) -> {
            String s = ColumnTyping.spelling(v, type);
            out.computeIfAbsent(s == null ? v : s, k -> new long[1])[0] += c[0];
        });
        return out;
    }

    /** Numbers by value, anything that is not a number after them, by text. */
    private static int numericOrder(String a, String b) {
        double x = Values.number(a);
        double y = Values.number(b);
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn || yn) {
            return xn && yn ? a.compareTo(b) : xn ? 1 : -1;
        }
        int c = Double.compare(x, y);
        return c != 0 ? c : a.compareTo(b);
    }
}
