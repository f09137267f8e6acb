package dev.mlx.runtime.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which model features come from which raw column: the column itself, {@code column@value}
 * (one-hot, tf-idf, bag of words) and {@code column_part} (date parts, bins). A feature that
 * would match two columns (say {@code a_b} with columns {@code a} and {@code a_b}) goes to the
 * longer name.
 */
final class Features {
    private Features() {
    }

    /**
     * The features of each column, in the order of {@code columns} (a column without features maps to
     * an empty list), each list in the order of {@code featureNames}. One pass over the features with
     * a set lookup per candidate prefix: asking column by column compared every feature with every
     * column for each column, cubic in the columns of a wide table.
     */
    static Map<String, List<String>> byColumn(List<String> featureNames, List<String> columns) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String c : columns) {
            out.put(c, new ArrayList<>());
        }
        Set<String> names = new HashSet<>(columns);
        for (String f : featureNames) {
            String owner = owner(f, names);
            if (owner != null) {
                out.get(owner).add(f);
            }
        }
        return out;
    }

    /** The raw column a feature is derived from, or null: the feature itself, else its longest prefix before `@` or `_`. */
    static String owner(String feature, Set<String> columns) {
        if (columns.contains(feature)) {
            return feature;
        }
        for (int i = feature.length() - 1; i > 0; i--) {
            char ch = feature.charAt(i);
            if ((ch == '@' || ch == '_') && columns.contains(feature.substring(0, i))) {
                return feature.substring(0, i);
            }
        }
        return null;
    }
}
