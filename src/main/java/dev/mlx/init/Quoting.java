package dev.mlx.init;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Names and strings for the starter file: the language's own quoting ({@link dev.mlx.fmt.Quoting}),
 * and the experiment's name made from the data file's.
 */
final class Quoting {
    /** Words a bare experiment name cannot be. */
    private static final Set<String> RESERVED = Set.of("true", "false", "rows");

    private Quoting() {
    }

    /** A column name: bare when it is a plain identifier, else in backticks ({@link dev.mlx.fmt.Quoting#name}). */
    static String name(String column) {
        return dev.mlx.fmt.Quoting.name(column);
    }

    /** A double-quoted string literal ({@link dev.mlx.fmt.Quoting#str}). */
    static String str(String text) {
        return dev.mlx.fmt.Quoting.str(text);
    }

    /**
     * The experiment's name from the data file's: unlike a column it names nothing outside the file,
     * so it is rewritten into a bare identifier rather than quoted.
     */
    static String experimentName(Path data) {
        String file = data.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String s = stem.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", "_").replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        if (s.isEmpty()) {
            return "experiment_1";
        }
        if (!Character.isLetter(s.codePointAt(0))) {
            s = "data_" + s;
        }
        return RESERVED.contains(s) ? s + "_data" : s;
    }
}
