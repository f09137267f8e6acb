package dev.mlx.codegen;

/**
 * Writes Java literals. Every user string reaches generated source only through here, so a column
 * named {@code a"b}, {@code x*}{@code /y} or {@code ${z}} is just data.
 */
final class JavaLiterals {
    private JavaLiterals() {
    }

    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // Non-ASCII and controls as escapes: the source stays ASCII whatever the platform encoding.
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String number(double d) {
        if (Double.isNaN(d)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }

    static String longValue(long v) {
        return v + "L";
    }

    /** A comment text that cannot end the comment it is in. */
    static String comment(String s) {
        return s.replace("*/", "* /").replace("\n", " ").replace("\r", " ");
    }
}
