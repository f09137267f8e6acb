package dev.mlx.runtime.data;

import dev.mlx.catalog.ColumnType;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one typing rule for a table's columns: which type a column's values are inferred as, whether a
 * value fits a declared type, and how the run will spell a value of that type. The checker's profile,
 * {@code mlx init}, the language server and the loader all ask this class, so a column is the same
 * column everywhere.
 *
 * <p>A column is inferred boolean only when it is written {@code true}/{@code false} (any case); one
 * written {@code yes}/{@code no} stays a category with the user's own spelling, so a check
 * {@code share(churned == "yes")}, a positive class {@code "yes"}, the predictions and the report all
 * see {@code yes} and {@code no}. A column declared {@code boolean} also takes yes/no and 1/0, and is
 * then spelled {@code true}/{@code false} everywhere (see {@link #spelling}).
 */
public final class ColumnTyping {
    /** Average words at or above which a string column is free text rather than a category. */
    public static final double TEXT_WORDS = 3;
    /** Mean length above which a string column is free text. */
    public static final double TEXT_LENGTH = 30;

    private ColumnTyping() {
    }

    /** {@code true} or {@code false} in any case: the only spelling a boolean is inferred from. */
    public static boolean isTrueFalse(String v) {
        return switch (v.length()) {
            case 4 -> v.equalsIgnoreCase("true");
            case 5 -> v.equalsIgnoreCase("false");
            default -> false;
        };
    }

    /**
     * Whether a (stripped, non-missing) value loads as the declared type: exactly the loader's rule.
     * {@code dates} is the declared pattern's formatter, or null for ISO dates.
     */
    public static boolean conforms(String v, ColumnType type, DateTimeFormatter dates) {
        return switch (type) {
            case NUMBER -> !Double.isNaN(Values.number(v));
            case INTEGER -> Values.isInteger(v) && !v.equals(String.valueOf(Long.MIN_VALUE));
            case BOOLEAN -> Values.bool(v) != null;
            case DATE -> dates == null ? Values.isoDate(v) != null : parses(v, dates);
            case CATEGORY, TEXT -> true;
        };
    }

    /**
     * A value as the run holds it once loaded with the given type: a boolean is {@code true} or
     * {@code false} whatever it was written as; every other type keeps the user's text. Null when the
     * value does not load as that type.
     */
    public static String spelling(String v, ColumnType type) {
        if (type == ColumnType.BOOLEAN) {
            Boolean b = Values.bool(v);
            return b == null ? null : b.toString();
        }
        return v;
    }

    /** A formatter for a declared date pattern; null when the pattern is not valid java.time syntax. */
    public static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean parses(String v, DateTimeFormatter f) {
        try {
            f.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Words separated by white space. */
    public static int words(String v) {
        int count = 0;
        boolean in = false;
        for (int i = 0; i < v.length(); i++) {
            boolean space = Character.isWhitespace(v.charAt(i));
            if (!space && !in) {
                count++;
            }
            in = !space;
        }
        return count;
    }

    /**
     * What a column's values say about its type, gathered one value at a time in a single pass; only
     * flags and sums are kept. The caller counts distinct values (it keeps them anyway).
     */
    public static final class Evidence {
        private long count;
        private boolean maybeBoolean = true;
        private boolean maybeInteger = true;
        private boolean maybeNumber = true;
        private boolean maybeDate = true;
        private long words;
        private long length;
        private long withSpace;
        private long narrowed;

        /**
         * One stripped, non-missing value; returns it as a number (NaN when it is not one, or when the
         * column is already known not to be numeric and {@code numericAnyway} is false).
         */
        public double offer(String v, boolean numericAnyway) {
            count++;
            if (maybeBoolean && !isTrueFalse(v)) {
                maybeBoolean = false;
            }
            if (maybeInteger && !Values.isInteger(v)) {
                maybeInteger = false;
            }
            // Statistics matter only for a numeric type: past the first non-number, skip the parse.
            double d = maybeNumber || numericAnyway ? Values.number(v) : Double.NaN;
            if (Double.isNaN(d)) {
                maybeNumber = false;
            }
            if (maybeDate && Values.isoDate(v) == null) {
                maybeDate = false;
            }
            words += words(v);
            length += v.length();
            if (v.indexOf(' ') >= 0) {
                withSpace++;
            }
            return d;
        }

        /**
         * One stripped, non-missing value read past the rows whose statistics are kept: narrows the
         * types the column can still be exactly as {@link #offer} would, at the cost of at most one
         * parse a value (a column already known to be a string type costs nothing). So a profile that
         * keeps statistics on a sample still types the column by every value, as the run reads it:
         * the type a sample suggested stands until a later value breaks it, and then falls back to
         * what every value allows. Whether a string column is a category or free text stays the
         * sample's call (both load as text).
         */
        public void narrow(String v) {
            narrowed++;
            if (maybeBoolean && !isTrueFalse(v)) {
                maybeBoolean = false;
            }
            if (maybeInteger && !Values.isInteger(v)) {
                maybeInteger = false;
            }
            if (maybeNumber && !maybeInteger && Double.isNaN(Values.number(v))) {
                maybeNumber = false; // a whole number is a number: only a value that is not one is parsed
            }
            if (maybeDate && Values.isoDate(v) == null) {
                maybeDate = false;
            }
        }

        /**
         * The inferred type. {@code stringsOnly} chooses among date, category and text only (a SQL
         * string column); {@code distinct} is the number of different values seen (a lower bound is
         * enough: it only tells names from prose).
         */
        public ColumnType type(boolean stringsOnly, long distinct) {
            if (count + narrowed > 0 && !stringsOnly) {
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
            if (count + narrowed > 0 && maybeDate) {
                return ColumnType.DATE;
            }
            return looksLikeText(distinct) ? ColumnType.TEXT : ColumnType.CATEGORY;
        }

        /** Long or many-word values, or mostly distinct values with spaces in them: prose, names, addresses. */
        private boolean looksLikeText(long distinct) {
            if (count == 0) {
                return false;
            }
            double meanWords = (double) words / count;
            double meanLength = (double) length / count;
            double distinctShare = (double) distinct / count;
            double spaceShare = (double) withSpace / count;
            return meanWords >= TEXT_WORDS || meanLength > TEXT_LENGTH
                    || (count >= 10 && distinctShare > 0.5 && spaceShare > 0.5);
        }
    }
}
