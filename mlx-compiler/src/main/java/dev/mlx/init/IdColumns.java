package dev.mlx.init;

import dev.mlx.catalog.ColumnType;
import dev.mlx.check.data.ColumnProfile;
import java.util.Locale;

/**
 * Tells identifier columns from features: named {@code id}, {@code *_id}, {@code uuid}, {@code key},
 * or with every value different (an integer or a code), counted exactly however many values there
 * are. A category column almost all of whose values are different (none more than twice) names rows
 * too: one-hot encoding it would learn nothing. A model that learns from an id memorises rows instead
 * of learning.
 */
final class IdColumns {
    /** Below this many rows, all-different values are as likely chance as an identifier. */
    private static final int MIN_ROWS = 20;

    private IdColumns() {
    }

    static boolean isNamedId(ColumnProfile c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        return n.equals("id") || n.endsWith("_id") || n.endsWith(" id") || n.equals("uuid") || n.equals("key");
    }

    static boolean looksLikeId(ColumnProfile c) {
        boolean code = c.type() == ColumnType.INTEGER || c.type() == ColumnType.CATEGORY;
        boolean allDistinct = c.count() >= MIN_ROWS && c.missing() == 0 && code && c.unique();
        boolean mostlyDistinct = c.count() >= MIN_ROWS && c.type() == ColumnType.CATEGORY && !c.top().isEmpty()
                && c.top().get(0).count() <= 2 && (c.distinctCapped() || c.distinct() >= 0.9 * c.count());
        return isNamedId(c) || allDistinct || mostlyDistinct || counting(c);
    }

    /** Values known to be all different, with none missing: safe to declare {@code unique}. */
    static boolean unique(ColumnProfile c) {
        return c.missing() == 0 && c.count() > 0 && c.unique();
    }

    /** An integer column that numbers the rows: no gaps, no repeats that the cap could hide. */
    private static boolean counting(ColumnProfile c) {
        return c.type() == ColumnType.INTEGER && c.missing() == 0 && c.min() != null && c.count() >= MIN_ROWS
                && c.max() - c.min() + 1 == c.count() && c.unique();
    }
}
