package dev.mlx.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader's whole-field fast path against a char-at-a-time reference of the same rules, on random
 * text long enough that fields straddle the reader's 64K buffer: quotes, doubled quotes, quoted line
 * breaks, CR, LF and CRLF, blank lines, spaces before a quote, text after a closing quote, empty fields.
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
        CsvRecords records = new CsvRecords(new StringReader(text), delimiter, "t.csv");
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
}
