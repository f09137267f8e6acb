package dev.mlx.catalog;

/** A file format the selected model is exported in. */
public enum ExportFormat {
    TRIBUO, ONNX;

    /** The word as written in a .mlx file. */
    public String word() {
        return Words.of(this);
    }

    /** The constant spelled {@code word}; null when there is none. */
    public static ExportFormat parse(String word) {
        return Words.parse(ExportFormat.class, word);
    }
}
