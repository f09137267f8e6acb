package dev.mlx.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The spelling of an enumerated word: in a .mlx file, in run.json and in the report, an enum
 * constant is its name in lower case ({@code DAYS_BETWEEN} is {@code days_between}).
 */
public final class Words {
    private Words() {
    }

    /** The word of one constant. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Every word of an enum, in declaration order. */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(of(e));
        }
        return List.copyOf(out);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String word) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(word)) {
                return e;
            }
        }
        return null;
    }
}
