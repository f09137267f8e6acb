package dev.mlx.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one CSV reader (the checker's profile and the run both read with it): its rules on small cases,
 * the problems it names by line, and its whole-field fast path against a char-at-a-time reference of
 * the same rules, on random text long enough that fields straddle the reader's 64K buffer: quotes,
 * doubled quotes, quoted line breaks, CR, LF and CRLF, blank lines, spaces before a quote, text after
 * a closing quote, empty fields.
 */
class CsvRecordsTest {
    /** Records as (first line, fields), the reference way: one char at a time. */
    private static List<String> reference(String text, char delimiter) {
        List<String> out = new ArrayList<>();
        int[] pos = {text.startsWith("\uFEFF") ? 1 : 0};
        int line = 1;
        while (pos[0] < text.length()) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                int c = pos[0] < text.length() ? text.charAt(pos[0]++) : -1;
                if (c < 0 || c == '\r' || c == '\n') {
                    fields.add(field.toString());
                    if (c >= 0) {
                        line++;
                        if (c == '\r' && pos[0] < text.length() && text.charAt(pos[0]) == '\n') {
                            pos[0]++;
                        }
                    }
                    break;
                }
                if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '"' && field.toString().isBlank()) {
                    field.setLength(0);
                    while (pos[0] < text.length()) {
                        char q = text.charAt(pos[0]++);
                        if (q == '"') {
                            if (pos[0] < text.length() && text.charAt(pos[0]) == '"') {
                                pos[0]++;
                                field.append('"');
                                continue;
                            }
                            break;
                        }
                        if (q == '\r' || q == '\n') {
                            line++;
                            if (q == '\r' && pos[0] < text.length() && text.charAt(pos[0]) == '\n') {
                                pos[0]++;
                            }
                            field.append('\n');
                            continue;
                        }
                        field.append(q);
                    }
                } else {
                    field.append((char) c);
                }
            }
            out.add(recordLine + ":" + fields);
        }
        return out;
    }

    private static List<String> actual(String text, char delimiter) throws IOException {
        CsvRecords records = new CsvRecords(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), delimiter, "t.csv");
        List<String> out = new ArrayList<>();
        while (records.next()) {
            out.add(records.recordLine() + ":" + records.fields());
        }
        return out;
    }

    @Test
    void theFastPathReadsWhatTheCharByCharRulesRead() throws IOException {
        Random rnd = new Random(21);
        String[] pieces = {"a", "bc", "12.5", " ", "x y", "\"q\"", "\"a,b\"", "\"l1\nl2\"", "\"say \"\"hi\"\"\"", " \"sp\"",
                "\"t\"after", "mid\"quote", "", "ü", "\"\"", "\"cr\r\nlf\""};
        for (char delimiter : new char[] {',', ';', '\t'}) {
            for (int trial = 0; trial < 6; trial++) {
                StringBuilder sb = new StringBuilder(trial == 0 ? "\uFEFF" : "");
                while (sb.length() < 200_000) {
                    int width = 1 + rnd.nextInt(6);
                    for (int f = 0; f < width; f++) {
                        if (f > 0) {
                            sb.append(delimiter);
                        }
                        sb.append(pieces[rnd.nextInt(pieces.length)]);
                        if (rnd.nextInt(4) == 0) {
                            sb.append("x".repeat(rnd.nextInt(300))); // long fields cross buffer ends
                        }
                    }
                    String[] ends = {"\n", "\r\n", "\r", "\n\n"};
                    sb.append(ends[rnd.nextInt(ends.length)]);
                }
                if (trial % 2 == 1) {
                    sb.setLength(sb.length() - 1); // no line end after the last record
                }
                String text = sb.toString();
                assertEquals(reference(text, delimiter), actual(text, delimiter), "delimiter " + (int) delimiter + " trial " + trial);
            }
        }
    }

    private static List<String> records(byte[] bytes, char delimiter) throws IOException {
        CsvRecords records = new CsvRecords(new ByteArrayInputStream(bytes), delimiter, "t.csv");
        List<String> out = new ArrayList<>();
        while (records.next()) {
            out.add(records.recordLine() + ":" + records.fields());
        }
        return out;
    }

    private static List<String> records(String text) throws IOException {
        return records(text.getBytes(StandardCharsets.UTF_8), ',');
    }

    private static CsvException fails(byte[] bytes) {
        return assertThrows(CsvException.class, () -> records(bytes, ','));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        assertEquals(List.of("1:[id, note]", "2:[1, a, b]", "3:[2, she said \"hi\"]", "4:[3, two\nlines]", "6:[4, padded ]",
                "7:[5, crlf\nin quotes]"),
                records("id,note\n1,\"a, b\"\n2,\"she said \"\"hi\"\"\"\n3,\"two\nlines\"\n4, \"padded\" \n5,\"crlf\r\nin quotes\""));
    }

    @Test
    void byteOrderMarkCrlfAndBlankLines() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "name,n\r\nx,1\r\n\r\ny,2".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        assertEquals(List.of("1:[name, n]", "2:[x, 1]", "3:[]", "4:[y, 2]"), records(all, ','));
        CsvRecords rows = new CsvRecords(new ByteArrayInputStream(all), ',', "t.csv");
        rows.next();
        assertEquals("x", rows.nextRow(2)[0]);
        assertEquals("y", rows.nextRow(2)[0], "a blank line is no row when the header has two columns");
        assertEquals(null, rows.nextRow(2));
    }

    @Test
    void multiByteUtf8IsRead() throws IOException {
        assertEquals(List.of("1:[na\u00efve, emoji]", "2:[caf\u00e9, \uD83D\uDE00]"), records("na\u00efve,emoji\ncaf\u00e9,\uD83D\uDE00\n"));
    }

    @Test
    void detectsTheDelimiterFromTheHeaderLine() throws IOException {
        for (char delim : new char[] {',', ';', '\t', '|'}) {
            String text = "\uFEFFa" + delim + "\"b" + delim + "c\"" + delim + "d\n1" + delim + "2" + delim + "3\n";
            assertEquals(delim, CsvRecords.detectDelimiter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv"));
        }
        // "1,5;2,5": semicolons in the header win; decimal commas in the values stay in the values.
        assertEquals(';', CsvRecords.detectDelimiter(new ByteArrayInputStream("a;b\n1,5;2\n".getBytes(StandardCharsets.UTF_8)), "t.csv"));
        assertEquals(',', CsvRecords.detectDelimiter(new ByteArrayInputStream("single\n1\n".getBytes(StandardCharsets.UTF_8)), "t.csv"));
    }

    @Test
    void aNamedDelimiterIsOneCharacterOrTab() {
        assertEquals('\t', CsvRecords.delimiter("tab"));
        assertEquals('\t', CsvRecords.delimiter("\\t"));
        assertEquals(',', CsvRecords.delimiter(null));
        assertTrue(assertThrows(dev.mlx.runtime.base.RunException.class, () -> CsvRecords.delimiter(";;")).getMessage()
                .contains("one character"));
        assertThrows(dev.mlx.runtime.base.RunException.class, () -> CsvRecords.delimiter("\""));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItOpensOn() {
        CsvException e = fails("a,b\n1,2\n3,\"open\n4,5\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("unterminated quote: the quoted field that starts on line 3 is never closed", e.detail());
        assertEquals("`t.csv`: " + e.detail(), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void aRaggedRowNamesItsLineInTheFile() throws IOException {
        // The quoted line break makes the ragged record start on line 5, not data row 3.
        CsvRecords rows = new CsvRecords(new ByteArrayInputStream("a,b,c\n1,\"x\ny\",3\n4,5,6\n7,8\n".getBytes(StandardCharsets.UTF_8)),
                ',', "t.csv");
        rows.next();
        rows.nextRow(3);
        rows.nextRow(3);
        CsvException e = assertThrows(CsvException.class, () -> rows.nextRow(3));
        assertEquals("row 5 has 2 fields, the header has 3", e.detail());
    }

    @Test
    void invalidUtf8NamesTheLineAndTheByteAfterEveryRecordBeforeIt() throws IOException {
        byte[] latin1 = "name,n\nok,1\ncaf\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvRecords rows = new CsvRecords(new ByteArrayInputStream(latin1), ',', "t.csv");
        assertTrue(rows.next());
        assertTrue(rows.next(), "the line before the bad byte is read first");
        assertEquals(List.of("ok", "1"), rows.fields());
        CsvException e = assertThrows(CsvException.class, rows::next);
        assertEquals("line 3 is not valid UTF-8 (byte 0xE9): save the file with UTF-8 encoding", e.detail());
        assertTrue(fails("n\u00e4me,n\n".getBytes(StandardCharsets.ISO_8859_1)).detail().startsWith("line 1 is not valid UTF-8"));
        assertTrue(fails(new byte[] {'a', '\n', (byte) 0xC0, (byte) 0xAF, '\n'}).detail().startsWith("line 2 is not valid UTF-8 (byte 0xC0)"),
                "an overlong form");
        assertTrue(fails(new byte[] {'a', '\n', 'b', (byte) 0xC3}).detail().startsWith("line 2 is not valid UTF-8 (byte 0xC3)"),
                "a character cut short by the end of the file");
        assertTrue(fails(new byte[] {'a', '\r', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80}).detail().startsWith("line 2"),
                "a surrogate written as UTF-8");
    }

    @Test
    void multiByteCharactersAcrossTheByteBufferEnd() throws IOException {
        // characters of 3 and 4 bytes (a surrogate pair) straddle many ends of the byte and char buffers
        StringBuilder sb = new StringBuilder("x\n");
        sb.append("a".repeat((1 << 16) - 3)).append('\n');
        for (int i = 0; i < 30_000; i++) {
            sb.append("\u20ac\uD83D\uDE00\n");
        }
        List<String> rows = records(sb.toString());
        assertEquals(30_002, rows.size());
        assertEquals("30002:[\u20ac\uD83D\uDE00]", rows.get(30_001));
    }

    @Test
    void noBytesMakeAnythingButRecordsOrACsvException() throws IOException {
        // Seeded: a failure reproduces. The alphabet is the characters the reader treats specially.
        byte[] alphabet = ",;\t|\"\r\n aZ9.-\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        byte[] extra = {(byte) 0xC3, (byte) 0xA9, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xF0, (byte) 0x9F};
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(60)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = random.nextInt(8) == 0 ? extra[random.nextInt(extra.length)]
                        : alphabet[random.nextInt(alphabet.length)];
            }
            try {
                records(bytes, ',');
            } catch (CsvException e) {
                assertTrue(e.line() >= 1 && !e.detail().isBlank());
            } catch (RuntimeException e) {
                throw new AssertionError("input " + java.util.Arrays.toString(bytes) + " threw " + e, e);
            }
        }
    }
}
