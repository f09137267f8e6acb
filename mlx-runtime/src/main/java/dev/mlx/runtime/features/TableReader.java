package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.booleans.BooleanColumnType;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * Reads Tablesaw columns into the primitive arrays of a {@link Col}, one pass per column, without a
 * boxed value or a formatted string per cell (strings come from the column's own dictionary).
 */
final class TableReader {
    private TableReader() {
    }

    /** How a raw input column is read; fixed at fit time so every table is read the same way. */
    enum Kind {
        NUMBER, CATEGORY, BOOLEAN, DATE, DATETIME;

        static Kind of(Column<?> column) {
            if (column instanceof NumericColumn<?>) {
                return NUMBER;
            } else if (column instanceof StringColumn) {
                return CATEGORY;
            } else if (column instanceof BooleanColumn) {
                return BOOLEAN;
            } else if (column instanceof DateColumn) {
                return DATE;
            } else if (column instanceof DateTimeColumn || column instanceof InstantColumn) {
                return DATETIME;
            }
            throw new RunException("column `" + column.name() + "` has a type the feature pipeline cannot read ("
                    + column.type().name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    /**
     * The table's columns by their exact names. Tablesaw finds a column by name by comparing it with
     * every column's name in lower case; looking up each of a wide table's columns that way is
     * quadratic in the columns, and a 4,455-column table spent minutes in it on every fold.
     */
    static Map<String, Column<?>> byName(Table table) {
        Map<String, Column<?>> columns = new HashMap<>();
        for (Column<?> c : table.columns()) {
            columns.putIfAbsent(c.name(), c);
        }
        return columns;
    }

    /** The column named {@code name}: by its exact name, or as Tablesaw finds it (ignoring case); null when there is none. */
    static Column<?> column(Table table, Map<String, Column<?>> byName, String name) {
        Column<?> column = byName.get(name);
        return column != null ? column : table.containsColumn(name) ? table.column(name) : null;
    }

    /** The column as {@code kind}, restricted to {@code rows} (null: all rows, in order). */
    static Col read(Table table, Map<String, Column<?>> byName, String name, Kind kind, int[] rows) {
        Column<?> column = column(table, byName, name);
        if (column == null) {
            throw new RunException("the data has no column `" + name + "`, which the features need");
        }
        int n = rows == null ? column.size() : rows.length;
        return switch (kind) {
            case NUMBER -> numbers(column, rows, n);
            case CATEGORY -> categories(column, rows, n);
            case BOOLEAN -> booleans(column, rows, n);
            case DATE, DATETIME -> dates(column, rows, n);
        };
    }

    private static Col.Num numbers(Column<?> column, int[] rows, int n) {
        if (rows == null && column instanceof DoubleColumn d) {
            return new Col.Num(d.asDoubleArray()); // a copy: steps may change it in place
        }
        double[] v = new double[n];
        if (column instanceof NumericColumn<?> num) {
            if (rows == null) {
                for (int i = 0; i < n; i++) {
                    v[i] = num.getDouble(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    v[i] = num.getDouble(rows[i]);
                }
            }
            return new Col.Num(v);
        }
        if (column instanceof BooleanColumn b) {
            for (int i = 0; i < n; i++) {
                byte x = b.getByte(rows == null ? i : rows[i]);
                v[i] = x == BooleanColumnType.BYTE_TRUE ? 1 : x == BooleanColumnType.BYTE_FALSE ? 0 : Double.NaN;
            }
            return new Col.Num(v);
        }
        // text where numbers were expected (a request built from strings): parse each distinct value once
        Col.Cat cat = categories(column, rows, n);
        double[] parsed = new double[cat.levels().length];
        for (int l = 0; l < parsed.length; l++) {
            try {
                parsed[l] = Double.parseDouble(cat.levels()[l].trim());
            } catch (NumberFormatException e) {
                throw new RunException("column `" + column.name() + "` should hold numbers but has `"
                        + cat.levels()[l] + "`");
            }
        }
        int[] codes = cat.codes();
        for (int i = 0; i < n; i++) {
            v[i] = codes[i] < 0 ? Double.NaN : parsed[codes[i]];
        }
        return new Col.Num(v);
    }

    private static Col.Cat categories(Column<?> column, int[] rows, int n) {
        int[] codes = new int[n];
        List<String> levels = new ArrayList<>();
        if (column instanceof StringColumn s && !(s.getDictionary() instanceof NullDictionaryMap)) {
            DictionaryMap dict = s.getDictionary();
            Int2IntOpenHashMap keyToCode = new Int2IntOpenHashMap();
            keyToCode.defaultReturnValue(Integer.MIN_VALUE);
            // byte and short dictionaries (up to 65,535 values) have keys in a short's range: a table
            // lookup instead of a hash lookup per row, when the column is long enough to pay for it
            int[] dense = n >= 4096 ? new int[1 << 16] : null;
            if (dense != null) {
                java.util.Arrays.fill(dense, Integer.MIN_VALUE);
            }
            for (int i = 0; i < n; i++) {
                int key = dict.getKeyForIndex(rows == null ? i : rows[i]);
                int slot = key + 32_768;
                boolean inDense = dense != null && slot >= 0 && slot < dense.length;
                int code = inDense ? dense[slot] : keyToCode.get(key);
                if (code == Integer.MIN_VALUE) {
                    String value = dict.getValueForKey(key);
                    code = value == null || value.isEmpty() ? -1 : levels.size();
                    if (code >= 0) {
                        levels.add(value);
                    }
                    if (inDense) {
                        dense[slot] = code;
                    } else {
                        keyToCode.put(key, code);
                    }
                }
                codes[i] = code;
            }
            return new Col.Cat(codes, levels.toArray(String[]::new), false, false);
        }
        if (column instanceof BooleanColumn) {
            return booleans(column, rows, n);
        }
        // other column types (rare: a category read as numbers at prediction time): text of each value
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int row = rows == null ? i : rows[i];
            if (column.isMissing(row)) {
                codes[i] = -1;
                continue;
            }
            String value = column.getUnformattedString(row);
            Integer code = index.get(value);
            if (code == null) {
                code = levels.size();
                levels.add(value);
                index.put(value, code);
            }
            codes[i] = code;
        }
        return new Col.Cat(codes, levels.toArray(String[]::new), false, false);
    }

    static final String[] BOOLEAN_LEVELS = {"false", "true"};

    private static Col.Cat booleans(Column<?> column, int[] rows, int n) {
        int[] codes = new int[n];
        if (column instanceof BooleanColumn b) {
            for (int i = 0; i < n; i++) {
                byte x = b.getByte(rows == null ? i : rows[i]);
                codes[i] = x == BooleanColumnType.BYTE_TRUE ? 1 : x == BooleanColumnType.BYTE_FALSE ? 0 : -1;
            }
        } else {
            Col.Cat cat = categories(column, rows, n);
            int[] map = new int[cat.levels().length];
            for (int l = 0; l < map.length; l++) {
                map[l] = switch (cat.levels()[l].trim().toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> 1;
                    case "false", "0", "no" -> 0;
                    default -> throw new RunException("column `" + column.name()
                            + "` should hold true/false but has `" + cat.levels()[l] + "`");
                };
            }
            for (int i = 0; i < n; i++) {
                codes[i] = cat.codes()[i] < 0 ? -1 : map[cat.codes()[i]];
            }
        }
        return new Col.Cat(codes, BOOLEAN_LEVELS.clone(), true, true);
    }

    private static Col.Time dates(Column<?> column, int[] rows, int n) {
        int[] day = new int[n];
        int[] second = column instanceof DateColumn ? null : new int[n];
        for (int i = 0; i < n; i++) {
            int row = rows == null ? i : rows[i];
            if (column.isMissing(row)) {
                day[i] = Col.Time.MISSING;
            } else if (column instanceof DateColumn d) {
                day[i] = (int) PackedLocalDate.toEpochDay(d.getIntInternal(row));
            } else if (column instanceof DateTimeColumn dt) {
                long packed = dt.getLongInternal(row);
                day[i] = (int) PackedLocalDate.toEpochDay(PackedLocalDateTime.date(packed));
                second[i] = PackedLocalDateTime.getSecondOfDay(packed);
            } else if (column instanceof InstantColumn in) {
                long s = in.get(row).getEpochSecond();
                day[i] = (int) Math.floorDiv(s, 86_400L);
                second[i] = (int) Math.floorMod(s, 86_400L);
            } else {
                Col.Time parsed = parseDate(column, row);
                day[i] = parsed.day()[0];
                if (second != null) {
                    second[i] = parsed.second() == null ? 0 : parsed.second()[0];
                }
            }
        }
        return new Col.Time(day, second);
    }

    /** A date or date-time written as ISO text (a request built from strings, or an impute constant). */
    static Col.Time parseDate(Column<?> column, int row) {
        return parseDate(column.name(), column.getUnformattedString(row));
    }

    static Col.Time parseDate(String column, String text) {
        try {
            if (text.length() > 10) {
                java.time.LocalDateTime t = java.time.LocalDateTime.parse(text.trim());
                return new Col.Time(new int[] {(int) t.toLocalDate().toEpochDay()},
                        new int[] {t.toLocalTime().toSecondOfDay()});
            }
            return new Col.Time(new int[] {(int) java.time.LocalDate.parse(text.trim()).toEpochDay()}, null);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RunException("column `" + column + "` should hold a date (yyyy-MM-dd) but has `" + text + "`");
        }
    }
}
