package dev.mlx.check.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a UTF-8 stream, one at a time: quoted fields with doubled quotes and line
 * breaks, CR, LF or CRLF line ends, a leading byte-order mark. Lenient where it costs nothing (text
 * after a closing quote is kept), strict where data would be silently wrong (an unclosed quote).
 * Line numbers are the file's physical lines, 1-based, as an editor shows them.
 */
final class CsvReader {
    /** Candidate delimiters, in order of preference when the header line has as many of each. */
    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    /** Longest field accepted: past this, a quote was almost certainly left open. */
    static final int MAX_FIELD = 4 << 20;

    private final Utf8Source source;
    private final StringBuilder prefix = new StringBuilder();
    private int prefixPos;
    private int peeked = -2;
    private char delimiter;
    private int line = 1;
    private int recordLine = 1;
    private boolean blank;

    /** {@code delimiter} 0 means detect it from the header line. */
    CsvReader(InputStream in, char delimiter) throws IOException, DataException {
        this.source = new Utf8Source(in);
        int first = rawRead();
        if (first != '\uFEFF' && first >= 0) {
            prefix.append((char) first);
        }
        this.delimiter = delimiter != 0 ? delimiter : detect();
    }

    char delimiter() {
        return delimiter;
    }

    /** The line the last record returned by {@link #next()} started on. */
    int recordLine() {
        return recordLine;
    }

    /** True when the last record was an empty line (no characters at all). */
    boolean blank() {
        return blank;
    }

    /** The next record, or null at the end of the input. */
    List<String> next() throws IOException, DataException {
        int c = read();
        if (c < 0) {
            return null;
        }
        recordLine = line;
        blank = c == '\r' || c == '\n';
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (c < 0 || c == '\r' || c == '\n') {
                fields.add(field.toString());
                if (c >= 0) {
                    endLine(c);
                }
                return fields;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
                c = read();
                continue;
            }
            if (c == '"' && !quoted && field.toString().isBlank()) {
                field.setLength(0);
                readQuoted(field);
                quoted = true;
                c = read();
                continue;
            }
            append(field, (char) c);
            c = read();
        }
    }

    private void readQuoted(StringBuilder field) throws IOException, DataException {
        int startLine = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new DataException("unterminated quote: the quoted field that starts on line " + startLine
                        + " is never closed", false);
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    append(field, '"');
                    continue;
                }
                return;
            }
            if (c == '\r' || c == '\n') {
                endLine(c);
                append(field, '\n');
                continue;
            }
            if (field.length() >= MAX_FIELD) {
                throw new DataException("the quoted field that starts on line " + startLine + " is longer than "
                        + MAX_FIELD + " characters: is a quote left open?", false);
            }
            field.append((char) c);
        }
    }

    private void append(StringBuilder field, char c) throws DataException {
        if (field.length() >= MAX_FIELD) {
            throw new DataException("a field on line " + line + " is longer than " + MAX_FIELD + " characters", false);
        }
        field.append(c);
    }

    /** Counts a line end; a CR followed by LF is one. */
    private void endLine(int c) throws IOException, DataException {
        line++;
        if (c == '\r' && peek() == '\n') {
            read();
        }
    }

    /** Buffers the header line and picks the candidate that occurs most often outside quotes. */
    private char detect() throws IOException, DataException {
        int[] counts = new int[CANDIDATES.length];
        boolean inQuotes = false;
        int i = 0;
        while (true) {
            int c = i < prefix.length() ? prefix.charAt(i) : rawRead();
            if (c < 0) {
                break;
            }
            if (i >= prefix.length()) {
                prefix.append((char) c);
            }
            i++;
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (c == '\n' || c == '\r')) {
                break;
            } else if (!inQuotes) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
            if (i > MAX_FIELD) {
                break;
            }
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    private int peek() throws IOException, DataException {
        if (peeked == -2) {
            peeked = readUnit();
        }
        return peeked;
    }

    private int read() throws IOException, DataException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return readUnit();
    }

    private int readUnit() throws IOException, DataException {
        if (prefixPos < prefix.length()) {
            return prefix.charAt(prefixPos++);
        }
        return rawRead();
    }

    private int rawRead() throws IOException, DataException {
        try {
            return source.read();
        } catch (Utf8Source.Malformed e) {
            // While detecting, `line` is still 1 but the prefix may span lines: count them.
            int at = line;
            for (int k = prefixPos; k < prefix.length(); k++) {
                char ch = prefix.charAt(k);
                if (ch == '\n' || (ch == '\r' && (k + 1 >= prefix.length() || prefix.charAt(k + 1) != '\n'))) {
                    at++;
                }
            }
            throw new DataException("line " + at + " is not valid UTF-8 (byte 0x" + String.format("%02X", e.badByte)
                    + "): save the file with UTF-8 encoding", false);
        }
    }
}
