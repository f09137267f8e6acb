package dev.mlx.check.data;

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

    /** Optional sign and digits only, within the range of a long. */
    static boolean isInteger(String v) {
        int n = v.length();
        int i = n > 0 && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (n - i < 19) {
            return true;
        }
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The value as a number, or NaN when it is not one. Accepts {@code -1}, {@code 2.5},
     * {@code .5}, {@code 1e-3}; rejects what Java alone would take ({@code NaN}, {@code 1d},
     * {@code 0x1p3}) because no spreadsheet writes those for a number.
     */
    static double number(String v) {
        int n = v.length();
        int i = 0;
        if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && v.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
            i++;
            if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return Double.NaN;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double d = Double.parseDouble(v);
        return Double.isInfinite(d) ? Double.NaN : d;
    }

    /** {@code yyyy-MM-dd}, optionally followed by {@code THH:mm} or {@code THH:mm:ss}, and a real day. */
    static boolean isIsoDate(String v) {
        int n = v.length();
        if (n != 10 && n != 16 && n != 19) {
            return false;
        }
        if (!digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-' || !digits(v, 8, 10)) {
            return false;
        }
        int year = Integer.parseInt(v, 0, 4, 10);
        int month = Integer.parseInt(v, 5, 7, 10);
        int day = Integer.parseInt(v, 8, 10, 10);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return false;
        }
        if (n == 10) {
            return true;
        }
        if (v.charAt(10) != 'T' || !digits(v, 11, 13) || v.charAt(13) != ':' || !digits(v, 14, 16)) {
            return false;
        }
        if (Integer.parseInt(v, 11, 13, 10) > 23 || Integer.parseInt(v, 14, 16, 10) > 59) {
            return false;
        }
        return n == 16 || (v.charAt(16) == ':' && digits(v, 17, 19) && Integer.parseInt(v, 17, 19, 10) <= 59);
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

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
