package dev.mlx.check.data;

import dev.mlx.runtime.data.Values;

import dev.mlx.catalog.ColumnType;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How a single value reads: as a boolean, an integer, a number, an ISO date. Hand-written scanners
 * rather than regular expressions or {@code java.time} on the hot path: profiling runs on every
 * {@code mlx check} and every keystroke in the editor.
 */
final class TypeInference {
    private TypeInference() {
    }

    static boolean isBoolean(String v) {
        return switch (v.length()) {
            case 2 -> v.equalsIgnoreCase("no");
            case 3 -> v.equalsIgnoreCase("yes");
            case 4 -> v.equalsIgnoreCase("true");
            case 5 -> v.equalsIgnoreCase("false");
            default -> false;
        };
    }

    /** Optional sign and digits only, within the range of a long (the loader's rule). */
    static boolean isInteger(String v) {
        return Values.isInteger(v);
    }

    /**
     * The value as a number, or NaN when it is not one. Accepts {@code -1}, {@code 2.5},
     * {@code .5}, {@code 1e-3}; rejects what Java alone would take ({@code NaN}, {@code 1d},
     * {@code 0x1p3}) because no spreadsheet writes those for a number.
     */
    static double number(String v) {
        return Values.number(v);
    }

    /** {@code yyyy-MM-dd}, optionally followed by {@code THH:mm} or {@code THH:mm:ss}, and a real day. */
    static boolean isIsoDate(String v) {
        return Values.isoDate(v) != null;
    }

    /** Whether a value reads as a declared type; {@code dates} is the declared pattern's formatter or null for ISO. */
    static boolean conforms(String v, ColumnType type, DateTimeFormatter dates) {
        return switch (type) {
            case NUMBER -> !Double.isNaN(number(v));
            case INTEGER -> isInteger(v);
            case BOOLEAN -> isBoolean(v) || v.equals("0") || v.equals("1");
            case DATE -> dates == null ? isIsoDate(v) : parses(v, dates);
            case CATEGORY, TEXT -> true;
        };
    }

    /** A formatter for a declared date pattern; null when the pattern is not valid java.time syntax. */
    static DateTimeFormatter formatter(String pattern) {
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
    static int words(String v) {
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
}
