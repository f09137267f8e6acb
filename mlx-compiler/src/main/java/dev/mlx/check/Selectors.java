package dev.mlx.check;

import dev.mlx.catalog.ColumnType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The column kinds a selector names ({@code standardize all numeric except id_col}) and the column
 * types each picks. The checker resolves a selector against the columns at that point of the
 * pipeline; the planner and the language server read the resolved names from {@link CheckResult}.
 */
public final class Selectors {
    private static final Map<String, Set<ColumnType>> KINDS = kinds();

    private Selectors() {
    }

    private static Map<String, Set<ColumnType>> kinds() {
        Map<String, Set<ColumnType>> m = new LinkedHashMap<>();
        m.put("numeric", EnumSet.of(ColumnType.NUMBER, ColumnType.INTEGER));
        m.put("categorical", EnumSet.of(ColumnType.CATEGORY));
        m.put("boolean", EnumSet.of(ColumnType.BOOLEAN));
        m.put("text", EnumSet.of(ColumnType.TEXT));
        m.put("date", EnumSet.of(ColumnType.DATE));
        return m;
    }

    /** The kinds, in the order the documentation and completion list them. */
    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /** The column types a kind picks; null for a word that is not a kind. */
    public static Set<ColumnType> types(String kind) {
        Set<ColumnType> t = KINDS.get(kind);
        return t == null ? null : Set.copyOf(t);
    }

    /** What a kind picks, in words: "number or integer columns". */
    public static String describe(String kind) {
        Set<ColumnType> t = KINDS.get(kind);
        StringBuilder sb = new StringBuilder();
        for (ColumnType ct : ColumnType.values()) {
            if (t.contains(ct)) {
                sb.append(sb.length() == 0 ? "" : " or ").append(ct.word());
            }
        }
        return sb + " columns";
    }
}
