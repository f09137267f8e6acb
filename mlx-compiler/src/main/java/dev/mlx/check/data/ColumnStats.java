package dev.mlx.check.data;

import dev.mlx.catalog.ColumnType;
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
    /** Average words at or above which a string column is free text rather than a category. */
    static final double TEXT_WORDS = 3;
    /** Mean length above which a string column is free text. */
    static final double TEXT_LENGTH = 30;

    private final String name;
    private final TypeHint hint;
    private final DateTimeFormatter hintDates;
    private final ColumnType fixed;
    private final boolean stringsOnly;
    private final boolean numericAnyway;

    private long count;
    private long missing;
    private boolean maybeBoolean = true;
    private boolean maybeInteger = true;
    private boolean maybeNumber = true;
    private boolean maybeDate = true;
    private long numeric;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long words;
    private long length;
    private long withSpace;
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
            hintDates = TypeInference.formatter(hint.dateFormat());
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
        if (maybeBoolean && !TypeInference.isBoolean(v)) {
            maybeBoolean = false;
        }
        if (maybeInteger && !TypeInference.isInteger(v)) {
            maybeInteger = false;
        }
        // Statistics matter only for a numeric type: past the first non-number, skip the parse
        // unless a declared or SQL type makes the column numeric anyway.
        double d = maybeNumber || numericAnyway ? TypeInference.number(v) : Double.NaN;
        if (Double.isNaN(d)) {
            maybeNumber = false;
        } else {
            numeric++;
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        if (maybeDate && !TypeInference.isIsoDate(v)) {
            maybeDate = false;
        }
        words += TypeInference.words(v);
        length += v.length();
        if (v.indexOf(' ') >= 0) {
            withSpace++;
        }
        long[] c = counts.get(v);
        if (c != null) {
            c[0]++;
        } else if (counts.size() < DataProfiler.MAX_TRACKED) {
            counts.put(v, new long[] {1});
        } else {
            capped = true;
        }
        if (hint != null && !TypeInference.conforms(v, hint.type(), hintDates)) {
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
        if (count > 0 && !stringsOnly) {
            if (maybeBoolean) {
                return ColumnType.BOOLEAN;
            }
            if (maybeInteger) {
                return ColumnType.INTEGER;
            }
            if (maybeNumber) {
                return ColumnType.NUMBER;
            }
        }
        if (count > 0 && maybeDate) {
            return ColumnType.DATE;
        }
        return looksLikeText() ? ColumnType.TEXT : ColumnType.CATEGORY;
    }

    /** Long or many-word values, or mostly distinct values with spaces in them: prose, names, addresses. */
    private boolean looksLikeText() {
        if (count == 0) {
            return false;
        }
        double meanWords = (double) words / count;
        double meanLength = (double) length / count;
        double distinctShare = (double) counts.size() / count;
        double spaceShare = (double) withSpace / count;
        return meanWords >= TEXT_WORDS || meanLength > TEXT_LENGTH
                || (count >= 10 && distinctShare > 0.5 && spaceShare > 0.5);
    }

    ColumnProfile profile() {
        ColumnType inferred = inferred();
        ColumnType type = hint != null && hint.type() != null ? hint.type() : inferred;
        boolean numericType = type.isNumeric();
        Comparator<String> order = numericType ? ColumnStats::numericOrder : Comparator.naturalOrder();

        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
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
            List<String> sorted = new ArrayList<>(counts.keySet());
            sorted.sort(order);
            values = new LinkedHashSet<>(sorted);
        }
        boolean stats = numericType && numeric > 0;
        return new ColumnProfile(name, type, inferred, count, missing, counts.size(), capped,
                stats ? min : null, stats ? max : null, stats ? sum / numeric : null, top, values,
                hint == null ? 0 : badValues, badExample, badRow);
    }

    /** Numbers by value, anything that is not a number after them, by text. */
    private static int numericOrder(String a, String b) {
        double x = TypeInference.number(a);
        double y = TypeInference.number(b);
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn || yn) {
            return xn && yn ? a.compareTo(b) : xn ? 1 : -1;
        }
        int c = Double.compare(x, y);
        return c != 0 ? c : a.compareTo(b);
    }
}
