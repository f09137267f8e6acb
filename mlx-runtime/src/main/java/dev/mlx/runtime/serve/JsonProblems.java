package dev.mlx.runtime.serve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gson's parse errors in mlx's words: what is wrong and where (line, column and JSON path), never
 * Gson's advice to its own users ("Use JsonReader.setStrictness(…)") or its troubleshooting links.
 */
final class JsonProblems {
    private static final Pattern WHERE = Pattern.compile("at line (\\d+) column (\\d+) path (\\S*)");

    private JsonProblems() {
    }

    /** What is wrong with the text, from a Gson exception (or its cause), with the place when known. */
    static String describe(Throwable e) {
        String m = message(e);
        String what = what(m);
        Matcher at = WHERE.matcher(m);
        if (at.find()) {
            String path = at.group(3).replaceAll("\\.$", "");
            return what + " at line " + at.group(1) + ", column " + at.group(2)
                    + (path.isEmpty() || path.equals("$") ? "" : " (" + path + ")");
        }
        return what;
    }

    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && WHERE.matcher(t.getMessage()).find()) {
                return t.getMessage();
            }
        }
        return e.getMessage() == null ? "" : e.getMessage();
    }

    private static String what(String m) {
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("nesting limit")) {
            return "it nests arrays and objects too deeply";
        } else if (lower.contains("end of input") || lower.contains("eofexception")) {
            return "it ends in the middle of a value";
        } else if (lower.contains("unterminated string")) {
            return "a string is not closed";
        } else if (lower.contains("unterminated")) {
            return "an object or array is not closed";
        } else if (lower.contains("expected name")) {
            return "expected a field name in double quotes";
        } else if (lower.contains("expected ':'")) {
            return "expected `:` after a field name";
        } else if (lower.contains("expected value") || lower.contains("expected a")) {
            return "expected a value";
        } else if (lower.contains("duplicate key")) {
            return "a field appears twice in one object";
        } else if (lower.contains("escape")) {
            return "a string has an invalid escape sequence";
        } else if (lower.contains("nan") || lower.contains("infinity")) {
            return "NaN and Infinity are not JSON numbers";
        }
        // the rest is what strict JSON forbids: single quotes, names without quotes, comments, `;`, and
        // numbers too long for the reader to take as numbers
        return "strict JSON only (names and strings in double quotes, no comments, no trailing commas, "
                + "numbers of at most a few hundred digits)";
    }
}
