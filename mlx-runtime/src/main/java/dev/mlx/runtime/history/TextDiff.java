package dev.mlx.runtime.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines ({@code diff -u}'s format, three lines of context), from the
 * longest common subsequence of their lines. Files of an experiment are short; past
 * {@link #MAX_CELLS} line pairs the texts are shown as all removed, then all added.
 */
public final class TextDiff {
    static final long MAX_CELLS = 4_000_000;
    private static final int CONTEXT = 3;

    private TextDiff() {
    }

    /** One line of the edit script: ' ' kept, '-' only in the first text, '+' only in the second. */
    private record Edit(char op, String line, int oldLine, int newLine) {
    }

    /**
     * The unified diff of {@code before} and {@code after}, with {@code --- beforeName} and
     * {@code +++ afterName} headers, or null when the texts are the same.
     */
    public static String unified(String beforeName, String before, String afterName, String after) {
        if (before.equals(after)) {
            return null;
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n').append("+++ ").append(afterName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            // a hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
            // that is within 2 * CONTEXT kept lines of the one before it
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int kept = 0;
            for (int j = i; j < edits.size(); j++) {
                if (edits.get(j).op() == ' ') {
                    if (++kept > 2 * CONTEXT) {
                        break;
                    }
                } else {
                    kept = 0;
                    end = j;
                }
            }
            int stop = Math.min(edits.size(), end + CONTEXT + 1);
            hunk(out, edits.subList(start, stop));
            i = stop;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> hunk) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.op() != '+') {
                oldStart = oldStart == 0 ? e.oldLine() : oldStart;
                oldCount++;
            }
            if (e.op() != '-') {
                newStart = newStart == 0 ? e.newLine() : newStart;
                newCount++;
            }
        }
        // an empty side starts at the line before it, as diff -u writes it
        if (oldCount == 0) {
            oldStart = hunk.get(0).oldLine() - 1;
        }
        if (newCount == 0) {
            newStart = hunk.get(0).newLine() - 1;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (Edit e : hunk) {
            out.append(e.op()).append(e.line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the final line end ends a line, it does not begin one
        }
        return lines;
    }

    /** The edit script; {@code oldLine}/{@code newLine} count from 1 and name the next line on each side. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> edits = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                edits.add(new Edit('-', a.get(i), i + 1, 1));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit('+', b.get(j), n + 1, j + 1));
            }
            return edits;
        }
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                edits.add(new Edit('+', b.get(j), i + 1, j + 1));
                j++;
            } else {
                edits.add(new Edit('-', a.get(i), i + 1, j + 1));
                i++;
            }
        }
        return edits;
    }
}
