package dev.mlx.runtime.data;

import java.time.LocalDate;

/**
 * How a single text value reads as a number, a whole number, a boolean or an ISO date. The one copy
 * of these rules: the compiler's profiler calls it too, so a value that checked clean loads: hand-written scanners, no exceptions on the
 * hot path, and none of what Java alone would accept but no spreadsheet writes ({@code NaN},
 * {@code 1d}, {@code 0x1p3}).
 */
public final class Values {
    private Values() {
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    /** The value as a number, or NaN: {@code -1}, {@code 2.5}, {@code .5}, {@code 1e-3}. */
    public static double number(String v) {
        int n = v.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            negative = v.charAt(i) == '-';
            i++;
        }
        int digits = 0;
        long mantissa = 0; // the digits as a whole number, while there are at most 15 of them
        int decimals = 0;
        while (i < n && isDigit(v.charAt(i))) {
            mantissa = mantissa * 10 + (v.charAt(i) - '0');
            i++;
            digits++;
        }
        if (i < n && v.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(v.charAt(i))) {
                mantissa = mantissa * 10 + (v.charAt(i) - '0');
                i++;
                digits++;
                decimals++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i == n && digits <= 15) {
            // Both the digits (< 2^53) and 10^decimals (decimals <= 15) are exact doubles, so one
            // correctly rounded division gives what Double.parseDouble gives.
            double d = mantissa / POWERS_OF_TEN[decimals];
            return negative ? -d : d;
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

    /** Optional sign and digits only, within the range of a long. */
    public static boolean isInteger(String v) {
        int n = v.length();
        int i = n > 0 && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (int k = i; k < n; k++) {
            if (!isDigit(v.charAt(k))) {
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

    /** true/false, yes/no (any case), 1/0; null when the value is none of those. */
    static Boolean bool(String v) {
        switch (v.length()) {
            case 1:
                return v.equals("1") ? Boolean.TRUE : v.equals("0") ? Boolean.FALSE : null;
            case 2:
                return v.equalsIgnoreCase("no") ? Boolean.FALSE : null;
            case 3:
                return v.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
            case 4:
                return v.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            case 5:
                return v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    /**
     * {@code yyyy-MM-dd}, optionally followed by {@code THH:mm} or {@code THH:mm:ss} (the time is
     * dropped), as a real calendar day; null otherwise.
     */
    public static LocalDate isoDate(String v) {
        int n = v.length();
        if (n != 10 && n != 16 && n != 19) {
            return null;
        }
        if (!digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-' || !digits(v, 8, 10)) {
            return null;
        }
        int year = Integer.parseInt(v, 0, 4, 10);
        int month = Integer.parseInt(v, 5, 7, 10);
        int day = Integer.parseInt(v, 8, 10, 10);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return null;
        }
        if (n > 10) {
            if (v.charAt(10) != 'T' || !digits(v, 11, 13) || v.charAt(13) != ':' || !digits(v, 14, 16)
                    || Integer.parseInt(v, 11, 13, 10) > 23 || Integer.parseInt(v, 14, 16, 10) > 59) {
                return null;
            }
            if (n == 19 && (v.charAt(16) != ':' || !digits(v, 17, 19) || Integer.parseInt(v, 17, 19, 10) > 59)) {
                return null;
            }
        }
        return LocalDate.of(year, month, day);
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
