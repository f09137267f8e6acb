package dev.mlx.runtime.data;

import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records, one at a time, read with the same rules as the compiler's profiler so that data
 * which checked clean also loads: quoted fields with doubled quotes and line breaks, CR, LF or CRLF
 * line ends, a leading byte-order mark, text after a closing quote kept. Line numbers are the file's
 * physical lines, 1-based, as an editor or a spreadsheet shows them.
 */
final class CsvRecords {
    /** Longest quoted field accepted: past this, a quote was almost certainly left open. */
    static final int MAX_FIELD = 4 << 20;

    private final Reader in;
    private final char delimiter;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private int pos;
    private int len;
    private int line = 1;
    private int recordLine = 1;
    private boolean blank;
    private boolean started;

    CsvRecords(Reader in, char delimiter, String file) {
        this.in = in;
        this.delimiter = delimiter;
        this.file = file;
    }

    /** The fields of the current record; valid until the next call of {@link #next()}. */
    List<String> fields() {
        return fields;
    }

    /** The line the current record started on. */
    int recordLine() {
        return recordLine;
    }

    /** True when the current record was an empty line. */
    boolean blank() {
        return blank;
    }

    /**
     * The next data row's fields, or null at the end of the input: an empty line is skipped when the
     * header has more than one column ({@code width}), and a row of another width is refused with its
     * line. The one rule for both ways of reading a file ({@link DataLoader}, {@link RecordPipe}).
     */
    String[] nextRow(int width, String label) throws IOException {
        while (next()) {
            if (blank && width > 1) {
                continue;
            }
            if (fields.size() != width) {
                throw new RunException("`" + label + "`: row " + recordLine + " has "
                        + DataLoader.count(fields.size(), "field") + ", the header has " + width);
            }
            return fields.toArray(new String[0]);
        }
        return null;
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        fields.clear();
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c < 0) {
            return false;
        }
        recordLine = line;
        blank = c == '\r' || c == '\n';
        field.setLength(0);
        int fast;
        while (true) {
            if (c < 0 || c == '\r' || c == '\n') {
                fields.add(field.toString());
                if (c >= 0) {
                    endLine(c);
                }
                return true;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && (field.length() == 0 || field.toString().isBlank())) {
                field.setLength(0);
                readQuoted();
            } else if (field.length() == 0 && (fast = fastField()) != NOT_FAST) {
                if (fast == LINE_DONE) {
                    return true;
                }
                // fast == FIELD_DONE: the field and its delimiter are consumed; the next field starts
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private static final int NOT_FAST = 0;
    private static final int FIELD_DONE = 1;
    private static final int LINE_DONE = 2;

    /**
     * An unquoted field that ends inside the buffer, taken as one string instead of char by char; its
     * first character is the one just read. When the field ends at a delimiter or a line end within
     * the buffer, adds it, consumes that delimiter (FIELD_DONE) or line end (LINE_DONE, the record is
     * complete); otherwise (a quote in the field, or the buffer ends first) consumes nothing more and
     * returns NOT_FAST.
     */
    private int fastField() throws IOException {
        int start = pos - 1;
        int k = pos;
        while (k < len) {
            char ch = buf[k];
            if (ch == delimiter || ch == '\r' || ch == '\n' || ch == '"') {
                break;
            }
            k++;
        }
        if (k == len || buf[k] == '"') {
            return NOT_FAST;
        }
        fields.add(new String(buf, start, k - start));
        char end = buf[k];
        pos = k + 1;
        if (end == delimiter) {
            return FIELD_DONE;
        }
        endLine(end);
        return LINE_DONE;
    }

    private void readQuoted() throws IOException {
        int startLine = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new RunException("`" + file + "`: unterminated quote: the quoted field that starts on row "
                        + startLine + " is never closed");
            }
            if (c == '"') {
                if (peek() == '"') {
                    pos++;
                    field.append('"');
                    continue;
                }
                return;
            }
            if (c == '\r' || c == '\n') {
                endLine(c);
                field.append('\n');
                continue;
            }
            if (field.length() >= MAX_FIELD) {
                throw new RunException("`" + file + "`: the quoted field that starts on row " + startLine
                        + " is longer than " + MAX_FIELD + " characters: is a quote left open?");
            }
            field.append((char) c);
        }
    }

    /** Counts a line end; CR followed by LF is one. */
    private void endLine(int c) throws IOException {
        line++;
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        len = Math.max(n, 0);
        return n > 0;
    }
}
