package dev.mlx.ast;

/** The unit written after a number, if any. */
public enum Unit {
    NONE(""), PERCENT("%"), MS("ms"), SECONDS("s"), MINUTES("minutes"), HOURS("hours"), DAYS("days"), WEEKS("weeks");

    private final String text;

    Unit(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isDuration() {
        return this != NONE && this != PERCENT;
    }

    /** Multiplier to milliseconds for durations. */
    public double millis() {
        return switch (this) {
            case MS -> 1;
            case SECONDS -> 1_000;
            case MINUTES -> 60_000;
            case HOURS -> 3_600_000;
            case DAYS -> 86_400_000;
            case WEEKS -> 604_800_000;
            default -> Double.NaN;
        };
    }
}
