package dev.mlx.runtime;

import java.io.PrintStream;
import java.util.Locale;

/** Progress on the console: one line per stage with its timing, then the results table. */
final class Console {
    private final PrintStream out;
    private final int stages;
    private int stage;
    private long started;

    Console(PrintStream out, int stages) {
        this.out = out;
        this.stages = stages;
    }

    void begin(String name) {
        stage++;
        started = System.nanoTime();
        out.printf(Locale.ROOT, "[%d/%d] %-9s", stage, stages, name);
        out.flush();
    }

    /** After progress lines inside a stage: start the stage's closing line again. */
    void resume(String name) {
        out.printf(Locale.ROOT, "[%d/%d] %-9s", stage, stages, name);
        out.flush();
    }

    /** Ends the stage line; returns its duration in milliseconds. */
    long end(String summary) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        out.printf(Locale.ROOT, " %s  (%d ms)%n", summary, ms);
        out.flush();
        return ms;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }
}
