package dev.mlx.catalog;

/** What serving does with a category never seen in training: reject the row, warn, or score it as unseen. */
public enum UnknownPolicy {
    REJECT, WARN, UNSEEN;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static UnknownPolicy parse(String word) {
        return Words.parse(UnknownPolicy.class, word);
    }
}
