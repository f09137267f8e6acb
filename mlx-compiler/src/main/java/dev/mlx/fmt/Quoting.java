package dev.mlx.fmt;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and strings as the language reads them back, for every tool that writes source text
 * (mlx init's starter files, the language server's completions). Column names come from arbitrary
 * CSV headers, so anything that is not a plain identifier is quoted rather than rewritten: the file
 * must name the column the data has.
 */
public final class Quoting {
    private static final Pattern IDENT = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    /** Words that cannot stand as a column name in every position (see MlxParser.name and expr). */
    private static final Set<String> RESERVED = Set.of("true", "false", "rows");

    private Quoting() {
    }

    /** A column name: bare when it is a plain identifier, else in backticks. */
    public static String name(String column) {
        if (IDENT.matcher(column).matches() && !RESERVED.contains(column)) {
            return column;
        }
        return "`" + escape(column, '`') + "`";
    }

    /** True for the words that cannot stand as a bare name everywhere ({@code true}, {@code false}, {@code rows}). */
    public static boolean reserved(String word) {
        return RESERVED.contains(word);
    }

    /** A double-quoted string literal. */
    public static String str(String text) {
        return "\"" + escape(text, '"') + "\"";
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
