package dev.mlx.runtime.data;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.spec.Data;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Collects one column's values with its declared type. {@link #add} and {@link #addObject} return
 * null when the value was taken, or what is wrong with it ({@code "abc" is not a number}); the
 * caller adds the file, row and column. Values are stripped of surrounding white space and compared
 * with the missing markers exactly as the compiler's profiler does.
 */
abstract class ColumnBuilder {
    final String name;
    private final Set<String> missing;

    private ColumnBuilder(String name, Set<String> missing) {
        this.name = name;
        this.missing = missing;
    }

    /** A builder for a column of the compile-time schema; a bad date pattern is reported by the caller. */
    static ColumnBuilder of(Data.Column column, Set<String> missing) {
        return of(column, missing, 1024);
    }

    /**
     * The same, with room for {@code capacity} values before the first copy: a served request of one
     * row would otherwise zero 8 KB per numeric column (two thirds of what /predict allocated).
     */
    static ColumnBuilder of(Data.Column column, Set<String> missing, int capacity) {
        int room = Math.max(1, capacity);
        return switch (column.type()) {
            case NUMBER -> new Numbers(column.name(), missing, room);
            case INTEGER -> new Integers(column.name(), missing, room);
            case CATEGORY, TEXT -> new Strings(column.name(), missing);
            case DATE -> new Dates(column.name(), missing, formatter(column.dateFormat()), column.dateFormat());
            case BOOLEAN -> new Booleans(column.name(), missing);
        };
    }

    /** The formatter of a declared date pattern, null for ISO; throws IllegalArgumentException when invalid. */
    static DateTimeFormatter formatter(String pattern) {
        return pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    }

    /** Adds a value read as text (null counts as missing). */
    final String add(String raw) {
        if (raw == null) {
            addMissing();
            return null;
        }
        String v = raw.strip();
        if (missing.contains(v) || missing.contains(raw)) {
            addMissing();
            return null;
        }
        return parse(v);
    }

    /** Adds a value from a database; text goes through {@link #add}, other objects are converted. */
    final String addObject(Object o) {
        if (o == null) {
            addMissing();
            return null;
        }
        if (o instanceof String s) {
            return add(s);
        }
        return convert(o);
    }

    abstract void addMissing();

    abstract String parse(String v);

    String convert(Object o) {
        return add(String.valueOf(o));
    }

    abstract Column<?> build();

    /**
     * Room for {@code rows} values in all, so a large file's numbers go straight into one array of
     * their final size instead of doubling copies (each copy survives a young collection and is
     * copied again by the collector). Only numbers and whole numbers keep primitive arrays.
     */
    void reserve(int rows) {
    }

    static String quote(String v) {
        String s = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        return "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    // ------------------------------------------------------------------ types

    private static final class Numbers extends ColumnBuilder {
        private double[] values;
        private int n;

        Numbers(String name, Set<String> missing, int capacity) {
            super(name, missing);
            values = new double[capacity];
        }

        private void put(double d) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = d;
        }

        @Override
        void reserve(int rows) {
            if (rows > values.length) {
                values = Arrays.copyOf(values, rows);
            }
        }

        @Override
        void addMissing() {
            put(Double.NaN);
        }

        @Override
        String parse(String v) {
            double d = Values.number(v);
            if (Double.isNaN(d)) {
                return quote(v) + " is not a number";
            }
            put(d);
            return null;
        }

        @Override
        String convert(Object o) {
            if (o instanceof Number x) {
                double d = x.doubleValue();
                if (Double.isInfinite(d)) {
                    return o + " is not a finite number";
                }
                put(d); // NaN from a database is a missing value
                return null;
            }
            if (o instanceof Boolean b) {
                put(b ? 1 : 0);
                return null;
            }
            return add(String.valueOf(o));
        }

        @Override
        Column<?> build() {
            return DoubleColumn.create(name, Arrays.copyOf(values, n));
        }
    }

    /** Whole numbers as a LongColumn: it holds missing values, and ids past 2^31 fit. */
    private static final class Integers extends ColumnBuilder {
        private long[] values;
        private int n;

        Integers(String name, Set<String> missing, int capacity) {
            super(name, missing);
            values = new long[capacity];
        }

        private void put(long d) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = d;
        }

        @Override
        void reserve(int rows) {
            if (rows > values.length) {
                values = Arrays.copyOf(values, rows);
            }
        }

        @Override
        void addMissing() {
            put(Long.MIN_VALUE); // LongColumn's missing value
        }

        @Override
        String parse(String v) {
            if (!Values.isInteger(v)) {
                return quote(v) + " is not a whole number";
            }
            long x = Long.parseLong(v);
            if (x == Long.MIN_VALUE) {
                return quote(v) + " is too small for a whole number";
            }
            put(x);
            return null;
        }

        @Override
        String convert(Object o) {
            if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
                return putChecked(((Number) o).longValue(), o);
            }
            if (o instanceof BigInteger b) {
                return b.bitLength() < 64 ? putChecked(b.longValue(), o) : o + " is too large for a whole number";
            }
            if (o instanceof BigDecimal b) {
                try {
                    return putChecked(b.longValueExact(), o);
                } catch (ArithmeticException e) {
                    return b.toPlainString() + " is not a whole number";
                }
            }
            if (o instanceof Number x) {
                double d = x.doubleValue();
                if (Double.isNaN(d)) {
                    addMissing();
                    return null;
                }
                if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                    return o + " is not a whole number";
                }
                return putChecked((long) d, o);
            }
            if (o instanceof Boolean b) {
                put(b ? 1 : 0);
                return null;
            }
            return add(String.valueOf(o));
        }

        private String putChecked(long x, Object o) {
            if (x == Long.MIN_VALUE) {
                return o + " is too small for a whole number";
            }
            put(x);
            return null;
        }

        @Override
        Column<?> build() {
            return LongColumn.create(name, Arrays.copyOf(values, n));
        }
    }

    private static final class Strings extends ColumnBuilder {
        private final StringColumn column;

        Strings(String name, Set<String> missing) {
            super(name, missing);
            this.column = StringColumn.create(name);
        }

        @Override
        void addMissing() {
            column.appendMissing();
        }

        @Override
        String parse(String v) {
            column.append(v);
            return null;
        }

        @Override
        Column<?> build() {
            return column;
        }
    }

    private static final class Dates extends ColumnBuilder {
        private final DateColumn column;
        private final DateTimeFormatter format;
        private final String pattern;

        Dates(String name, Set<String> missing, DateTimeFormatter format, String pattern) {
            super(name, missing);
            this.column = DateColumn.create(name);
            this.format = format;
            this.pattern = pattern;
        }

        @Override
        void addMissing() {
            column.appendMissing();
        }

        @Override
        String parse(String v) {
            LocalDate d;
            if (format == null) {
                d = Values.isoDate(v);
            } else {
                try {
                    d = format.parse(v, LocalDate::from);
                } catch (DateTimeParseException e) {
                    d = null;
                }
            }
            if (d == null) {
                return quote(v) + " is not a date " + (pattern == null ? "(expected yyyy-MM-dd)"
                        : "in the format `" + pattern + "`");
            }
            column.append(d);
            return null;
        }

        @Override
        String convert(Object o) {
            if (o instanceof java.sql.Date d) {
                column.append(d.toLocalDate());
            } else if (o instanceof java.sql.Timestamp t) {
                column.append(t.toLocalDateTime().toLocalDate());
            } else if (o instanceof LocalDate d) {
                column.append(d);
            } else if (o instanceof LocalDateTime t) {
                column.append(t.toLocalDate());
            } else if (o instanceof java.util.Date || o instanceof Number) {
                return o + " is not a date";
            } else {
                return add(String.valueOf(o));
            }
            return null;
        }

        @Override
        Column<?> build() {
            return column;
        }
    }

    private static final class Booleans extends ColumnBuilder {
        private final BooleanColumn column;

        Booleans(String name, Set<String> missing) {
            super(name, missing);
            this.column = BooleanColumn.create(name);
        }

        @Override
        void addMissing() {
            column.appendMissing();
        }

        @Override
        String parse(String v) {
            Boolean b = Values.bool(v);
            if (b == null) {
                return quote(v) + " is not true or false (expected true/false, yes/no or 1/0)";
            }
            column.append(b.booleanValue());
            return null;
        }

        @Override
        String convert(Object o) {
            if (o instanceof Boolean b) {
                column.append(b.booleanValue());
                return null;
            }
            if (o instanceof Number x) {
                double d = x.doubleValue();
                if (d == 0 || d == 1) {
                    column.append(d == 1);
                    return null;
                }
                return o + " is not true or false (expected true/false, yes/no or 1/0)";
            }
            return add(String.valueOf(o));
        }

        @Override
        Column<?> build() {
            return column;
        }
    }
}
