package dev.mlx.init;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and strings as the language reads them back. Column names come from arbitrary CSV headers,
 * so anything that is not a plain identifier is quoted rather than rewritten: the file must name the
 * column the data has.
 */
final class Quoting {
    private static final Pattern IDENT = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    /** Words that cannot stand as a column name in every position (see MlxParser.name and expr). */
    private static final Set<String> RESERVED = Set.of("true", "false", "rows");

    private Quoting() {
    }

    /** A column name: bare when it is a plain identifier, else in backticks. */
    static String name(String column) {
        if (IDENT.matcher(column).matches() && !RESERVED.contains(column)) {
            return column;
        }
        return "`" + escape(column, '`') + "`";
    }

    /** A double-quoted string literal. */
    static String str(String text) {
        return "\"" + escape(text, '"') + "\"";
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

    private static String escape(String s, char quote) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
