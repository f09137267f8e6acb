package dev.mlx.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text of one {@code .mlx} file with a line index. The path is as the user gave it (for
 * messages); {@link #directory()} resolves data paths written in the file.
 */
public final class SourceFile {
    private final String displayPath;
    private final Path path;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String displayPath, Path path, String text) {
        this.displayPath = displayPath;
        this.path = path;
        this.text = text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
        this.lineStarts = indexLines(this.text);
    }

    public static SourceFile of(String displayPath, String text) {
        return new SourceFile(displayPath, null, text);
    }

    public static SourceFile read(Path path) throws IOException {
        return read(path, path.toString());
    }

    /** Reads a file that diagnostics name as {@code displayPath} (the Maven plugin's project-relative path). */
    public static SourceFile read(Path path, String displayPath) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return new SourceFile(displayPath, path.toAbsolutePath().normalize(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static int[] indexLines(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    public String displayPath() {
        return displayPath;
    }

    /** The absolute file path, or null for text that did not come from disk. */
    public Path path() {
        return path;
    }

    /** The folder that relative paths in the file resolve against. */
    public Path directory() {
        if (path == null) {
            return Path.of("").toAbsolutePath();
        }
        Path parent = path.getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Zero-based line of an offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.min(Math.max(offset, 0), text.length()));
        return i >= 0 ? i : -i - 2;
    }

    /** Zero-based column of an offset, in UTF-16 units. */
    public int column(int offset) {
        return Math.min(Math.max(offset, 0), text.length()) - lineStarts[line(offset)];
    }

    /** One-based column counted in code points, as editors and humans count. */
    public int displayColumn(int offset) {
        int line = line(offset);
        int start = lineStarts[line];
        int end = Math.min(Math.max(offset, start), text.length());
        return text.codePointCount(start, end) + 1;
    }

    public int lineStart(int line) {
        return lineStarts[line];
    }

    /** The text of a zero-based line without its terminator. */
    public String lineText(int line) {
        int start = lineStarts[line];
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Offset of a zero-based line and UTF-16 column, clamped into the file. */
    public int offset(int line, int column) {
        if (line >= lineStarts.length) {
            return text.length();
        }
        int start = lineStarts[Math.max(line, 0)];
        return Math.min(start + Math.max(column, 0), line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length());
    }

    public String text(Span span) {
        return text.substring(Math.min(span.start(), text.length()), Math.min(span.end(), text.length()));
    }
}
