package dev.mlx.init;

import static dev.mlx.fmt.Quoting.name;

import dev.mlx.catalog.ColumnType;
import dev.mlx.check.data.ColumnProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code checks} block: what the data looks like today, loosened enough that tomorrow's file
 * passes unless it really changed — a truncated file, a column filling with gaps, values out of
 * range, a new category, a repeated id.
 */
final class ChecksBlock {
    /** Categories with at most this many values are pinned to the values seen. */
    private static final int MAX_LISTED = 10;
    /** At most this many columns get a range check. */
    private static final int MAX_RANGES = 30;

    private ChecksBlock() {
    }

    static List<String> statements(Choices c) {
        List<String> lines = new ArrayList<>();
        lines.add("rows >= " + roughHalf(c.data().rows()));
        for (ColumnProfile col : c.data().columns()) {
            if (col != c.id() && !c.constant().contains(col) && c.typeOf(col).isNumeric() && col.missing() > 0) {
                double observed = 100.0 * col.missing() / (col.missing() + col.count());
                long allowed = Math.min(100, (long) Math.ceil(observed * 1.25) + 1);
                lines.add("missing(" + name(col.name()) + ") <= " + allowed + "%");
            }
        }
        List<String> ranges = new ArrayList<>();
        for (ColumnProfile col : c.data().columns()) {
            if (col != c.id() && !c.dropped().contains(col) && !c.constant().contains(col) && c.typeOf(col).isNumeric()
                    && col.min() != null) {
                ranges.add(name(col.name()) + " in " + range(col, c.typeOf(col) == ColumnType.INTEGER));
            }
        }
        // On a wide table a range per column would bury the file; the first few show the form.
        lines.addAll(ranges.subList(0, Math.min(MAX_RANGES, ranges.size())));
        if (ranges.size() > MAX_RANGES) {
            lines.add("// and " + (ranges.size() - MAX_RANGES) + " more numeric columns, left unchecked");
        }
        for (ColumnProfile col : c.data().columns()) {
            if (c.typeOf(col) == ColumnType.CATEGORY && col.values() != null && !col.values().isEmpty()
                    && col.values().size() <= MAX_LISTED) {
                lines.add(name(col.name()) + " in {" + String.join(", ", col.values().stream().map(dev.mlx.fmt.Quoting::str).toList())
                        + "}");
            }
        }
        if (c.id() != null) {
            lines.add("unique " + name(c.id().name()));
        }
        return lines;
    }

    /** About half the rows, rounded down to two significant digits: a floor that catches a truncated file. */
    static long roughHalf(long rows) {
        long half = Math.max(1, rows / 2);
        long step = 1;
        while (half / step >= 100) {
            step *= 10;
        }
        return half / step * step;
    }

    /** The observed range widened by 10% each side, rounded outwards; never below 0 for a column that is not. */
    static String range(ColumnProfile c, boolean integer) {
        double min = c.min();
        double max = c.max();
        double width = max - min;
        double pad = width > 0 ? width * 0.1 : Math.max(1, Math.abs(min) * 0.1);
        double lo = min - pad;
        double hi = max + pad;
        if (min >= 0 && lo < 0) {
            lo = 0;
        }
        // Two significant digits of the width: 1613..5140 reads better as 1200..5500 than 1260..5493.
        int exponent = (int) Math.floor(Math.log10(width > 0 ? width : pad)) - 1;
        BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(integer ? Math.max(0, exponent) : exponent);
        BigDecimal l = BigDecimal.valueOf(lo).divide(step, 0, RoundingMode.FLOOR).multiply(step);
        BigDecimal h = BigDecimal.valueOf(hi).divide(step, 0, RoundingMode.CEILING).multiply(step);
        return plain(l) + ".." + plain(h);
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
