package dev.mlx.catalog;

import java.util.Locale;

/** What the experiment learns. */
public enum Task {
    CLASSIFICATION, REGRESSION, CLUSTERING;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task parse(String word) {
        for (Task t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        return null;
    }
}
