package dev.mlx.diag;

/** How bad a diagnostic is. Warnings become errors under {@code --strict}. */
public enum Severity {
    ERROR("error"), WARNING("warning");

    private final String word;

    Severity(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
