package dev.mlx.runtime.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Which model features come from which raw column: the column itself, {@code column@value}
 * (one-hot, tf-idf, bag of words) and {@code column_part} (date parts, bins). A feature that
 * would match two columns (say {@code a_b} with columns {@code a} and {@code a_b}) goes to the
 * longer name.
 */
final class Features {
    private Features() {
    }

    static List<String> of(String column, List<String> featureNames, List<String> columns) {
        List<String> out = new ArrayList<>();
        for (String f : featureNames) {
            if (column.equals(owner(f, columns))) {
                out.add(f);
            }
        }
        return out;
    }

    /** The raw column a feature is derived from, or null. */
    static String owner(String feature, List<String> columns) {
        String best = null;
        for (String c : columns) {
            boolean match = feature.equals(c) || feature.startsWith(c + "@") || feature.startsWith(c + "_");
            if (match && (best == null || c.length() > best.length())) {
                best = c;
            }
        }
        return best;
    }
}
