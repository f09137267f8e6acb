package dev.mlx.runtime.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Run ids: the run's start time in UTC to the millisecond, {@code 20261207-081911-123}, so that ids
 * sort as the runs began and a prefix ({@code 20261207-08}) names the runs of an hour. Two runs of one
 * output folder in the same millisecond get the next free millisecond.
 */
public final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-\\d{3}");

    private RunIds() {
    }

    /** The id for a run starting at {@code start}. */
    public static String of(Instant start) {
        return FORMAT.format(start);
    }

    /** Whether {@code text} has the form of a run id. */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /**
     * An id for a run starting at {@code start} whose folder under {@code runsDir} does not exist yet,
     * and the folder made for it (so that a second run in the same millisecond takes the next one).
     *
     * @return the id; its folder exists when this returns
     */
    public static String claim(Path runsDir, Instant start) throws java.io.IOException {
        Files.createDirectories(runsDir);
        Instant t = start;
        while (true) {
            String id = of(t);
            try {
                Files.createDirectory(runsDir.resolve(id));
                return id;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                t = t.plusMillis(1);
            }
        }
    }
}
