package dev.mlx.runtime.data;

import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one CSV reader: RFC 4180 records from UTF-8 bytes, one at a time, for the checker's profile,
 * {@code mlx init}, the language server, the run and {@code predict}. Quoted fields with doubled
 * quotes and line breaks, CR, LF or CRLF line ends, a leading byte-order mark, text after a closing
 * quote kept. Line numbers are the file's physical lines, 1-based, as an editor or a spreadsheet
 * shows them.
 *
 * <p>Lenient where it costs nothing, strict where data would be silently wrong: every problem is a
 * {@link CsvException} naming the line, met in file order — every record before a bad byte, an
 * unterminated quote or a ragged row is returned first. The UTF-8 decoding is our own rather than the
 * JDK's {@code InputStreamReader}, which decodes ahead in blocks and cannot say where a bad byte was.
 */
public final class CsvRecords {
    /** Candidate delimiters, in order of preference when the header line has as many of each. */
    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    /** Longest field accepted: past this, a quote was almost certainly left open. */
    public static final int MAX_FIELD = 4 << 20;

    private final InputStream in;
    private final char delimiter;
    private final String file;
    private final byte[] bytes = new byte[1 << 16];
    private int bytePos;
    private int byteLen;
    private boolean eof;
    /** A byte that is not UTF-8, found while decoding ahead: thrown once the reader reaches it. */
    private int badByte = -1;
    private final char[] buf = new char[1 << 16];
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private int pos;
    private int len;
    private int line = 1;
    private int recordLine = 1;
    private boolean blank;
    private boolean started;

    /**
     * Records of {@code in}, fields split at {@code delimiter}; {@code file} names the source in
     * messages. The caller closes the stream.
     */
    public CsvRecords(InputStream in, char delimiter, String file) {
        this.in = in;
        this.delimiter = delimiter;
        this.file = file;
    }

    /**
     * The delimiter of a header line: the candidate ({@code , ; tab |}) that occurs most often outside
     * quotes in the first record, a comma when none does. Reads only that far.
     */
    public static char detectDelimiter(InputStream in, String file) throws IOException {
        CsvRecords r = new CsvRecords(in, ',', file);
        int[] counts = new int[CANDIDATES.length];
        boolean inQuotes = false;
        int c = r.read();
        if (c == '\uFEFF') {
            c = r.read();
        }
        for (int i = 0; c >= 0 && i <= MAX_FIELD; c = r.read(), i++) {
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
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    /**
     * The delimiter a data block names: one character other than a quote or a line break, {@code tab}
     * or {@code \t} for a tab; a comma when none is named. Anything else is a {@link RunException}.
     */
    public static char delimiter(String named) {
        if (named == null) {
            return ',';
        }
        if (named.equals("\\t") || named.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (named.length() != 1 || named.equals("\"") || named.equals("\n") || named.equals("\r")) {
            throw new RunException("the delimiter must be one character other than a quote or a line break, not \""
                    + named + "\"");
        }
        return named.charAt(0);
    }

    /** The fields of the current record; valid until the next call of {@link #next()}. */
    public List<String> fields() {
        return fields;
    }

    /** The line the current record started on. */
    public int recordLine() {
        return recordLine;
    }

    /** True when the current record was an empty line. */
    public boolean blank() {
        return blank;
    }

    /**
     * The next data row's fields, or null at the end of the input: an empty line is skipped when the
     * header has more than one column ({@code width}), and a row of another width is refused with its
     * line. The one rule for every way of reading a file.
     */
    public String[] nextRow(int width) throws IOException {
        while (next()) {
            if (blank && width > 1) {
                continue;
            }
            if (fields.size() != width) {
                throw new CsvException(file, recordLine, "row " + recordLine + " has "
                        + DataLoader.count(fields.size(), "field") + ", the header has " + width);
            }
            return fields.toArray(new String[0]);
        }
        return null;
    }

    /** Reads the next record; false at the end of the input. */
    public boolean next() throws IOException {
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
                if (field.length() >= MAX_FIELD) {
                    throw new CsvException(file, line, "a field on line " + line + " is longer than " + MAX_FIELD
                            + " characters");
                }
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
                throw new CsvException(file, startLine, "unterminated quote: the quoted field that starts on line "
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
                throw new CsvException(file, startLine, "the quoted field that starts on line " + startLine
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

    // ------------------------------------------------------------------ strict UTF-8

    /**
     * Decodes the next bytes into the char buffer; false at the end of the input. A byte that is not
     * UTF-8 ends the chars decoded before it, and is reported (with the line the reader has reached,
     * which is then its line) only when those have been read.
     */
    private boolean fill() throws IOException {
        pos = 0;
        len = 0;
        if (badByte >= 0) {
            throw malformed();
        }
        int n = 0;
        int room = buf.length - 1; // a supplementary character takes two chars
        while (n < room) {
            if (bytePos == byteLen && !moreBytes()) {
                break;
            }
            // ASCII, the common case, without a branch per kind of byte
            int end = Math.min(byteLen, bytePos + (room - n));
            int b;
            while (bytePos < end && (b = bytes[bytePos]) >= 0) {
                buf[n++] = (char) b;
                bytePos++;
            }
            if (bytePos < byteLen && bytes[bytePos] < 0 && n < room) {
                int cp = multiByte();
                if (cp < 0) {
                    break; // malformed: return what came before it
                }
                if (cp >= 0x10000) {
                    buf[n++] = Character.highSurrogate(cp);
                    buf[n++] = Character.lowSurrogate(cp);
                } else {
                    buf[n++] = (char) cp;
                }
            }
        }
        len = n;
        if (n == 0 && badByte >= 0) {
            throw malformed();
        }
        return n > 0;
    }

    /** One multi-byte character at {@code bytePos}, consumed; -1 (with {@link #badByte} set) when it is not UTF-8. */
    private int multiByte() throws IOException {
        if (byteLen - bytePos < 4 && !eof) {
            compact();
        }
        int b = bytes[bytePos] & 0xFF;
        int more;
        int cp;
        int min;
        if ((b & 0xE0) == 0xC0) {
            cp = b & 0x1F;
            more = 1;
            min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            cp = b & 0x0F;
            more = 2;
            min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            cp = b & 0x07;
            more = 3;
            min = 0x10000;
        } else {
            badByte = b;
            return -1;
        }
        for (int i = 1; i <= more; i++) {
            int at = bytePos + i;
            if (at >= byteLen || (bytes[at] & 0xC0) != 0x80) {
                badByte = b; // name the byte that started the broken sequence
                return -1;
            }
            cp = (cp << 6) | (bytes[at] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            badByte = b;
            return -1;
        }
        bytePos += more + 1;
        return cp;
    }

    private CsvException malformed() {
        return new CsvException(file, line, "line " + line + " is not valid UTF-8 (byte 0x"
                + String.format(Locale.ROOT, "%02X", badByte) + "): save the file with UTF-8 encoding");
    }

    private boolean moreBytes() throws IOException {
        if (eof) {
            return false;
        }
        bytePos = 0;
        byteLen = 0;
        compact();
        return byteLen > 0;
    }

    /** Moves the bytes not yet decoded to the front and reads until at least four are there, or the end. */
    private void compact() throws IOException {
        int left = byteLen - bytePos;
        System.arraycopy(bytes, bytePos, bytes, 0, left);
        bytePos = 0;
        byteLen = left;
        while (byteLen < 4 && !eof) {
            int r = in.read(bytes, byteLen, bytes.length - byteLen);
            if (r < 0) {
                eof = true;
            } else {
                byteLen += r;
            }
        }
        // read a full buffer when cheap: the loop above may have stopped after a short read
        if (!eof && byteLen < bytes.length / 2) {
            int r = in.read(bytes, byteLen, bytes.length - byteLen);
            if (r < 0) {
                eof = true;
            } else {
                byteLen += r;
            }
        }
    }
}
