package dev.mlx.runtime.checks;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers, shares and values as the console and the report show them (and the Spark engine's checks, alike). */
public final class Format {
    static final int EXAMPLES = 3;

    private Format() {
    }

    /** Whole numbers without a fraction, others to 6 significant digits; NaN as "no value". */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "no value";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "infinity" : "-infinity";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return significant(x, 6);
    }

    /** A share 0..1 as a percentage to 3 significant digits: 0.0058 → "0.58%". */
    public static String percent(double share) {
        if (Double.isNaN(share)) {
            return "no value";
        }
        double p = share * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : significant(p, 3)) + "%";
    }

    private static String significant(double x, int digits) {
        BigDecimal d = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        double a = Math.abs(x);
        return a >= 1e-4 && a < 1e15 ? d.toPlainString() : d.toString();
    }

    /** A text value in quotes, cut at 40 characters, on one line. */
    public static String quoted(String v) {
        String s = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        return "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    /** {@code n} and the noun, plural unless n is 1. */
    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
