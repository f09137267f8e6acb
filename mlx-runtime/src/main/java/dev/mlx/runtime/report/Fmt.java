package dev.mlx.runtime.report;

import java.util.Locale;

/** Numbers as the report shows them: few significant digits, whole numbers without a fraction, Locale.ROOT. */
final class Fmt {
    private Fmt() {
    }

    static String num(Double d) {
        if (d == null || d.isNaN()) {
            return "—";
        }
        if (d.isInfinite()) {
            return d > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(d);
        // Thousands are grouped from 10,000 on: a four-digit number is often a year (2021.4, not 2,021.4).
        if (d == Math.rint(d) && a < 1e15) {
            return String.format(Locale.ROOT, a >= 10_000 ? "%,d" : "%d", (long) (double) d);
        }
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3g", d);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, a >= 10_000 ? "%,.1f" : "%.1f", d);
        }
        if (a >= 10) {
            return trim(String.format(Locale.ROOT, "%.2f", d));
        }
        return trim(String.format(Locale.ROOT, "%.4f", d));
    }

    /** A metric value: always 4 decimals, so a column of them lines up. */
    static String metric(Double d) {
        return d == null || d.isNaN() ? "—" : String.format(Locale.ROOT, "%.4f", d);
    }

    static String pct(Double share) {
        if (share == null || share.isNaN()) {
            return "—";
        }
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : p < 0.1 && p > 0
                ? String.format(Locale.ROOT, "%.2f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    static String ms(Double ms) {
        if (ms == null) {
            return "—";
        }
        if (ms >= 60_000) {
            return String.format(Locale.ROOT, "%.1f min", ms / 60_000);
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return String.format(Locale.ROOT, "%.3f ms", ms);
    }

    static String bytes(Double b) {
        if (b == null) {
            return "—";
        }
        if (b >= 1 << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (1 << 30));
        }
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", b / (1 << 20));
        }
        if (b >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KB", b / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
