package dev.mlx.check.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.spec.Data;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The checker's view of a CSV file equals the run's: on generated awkward files (quoted delimiters
 * and quotes, line breaks inside quotes, CRLF and LF mixed, a byte-order mark or not, a last line with
 * or without its line end, empty fields and missing markers, padded values, names in other scripts
 * and with quotes or delimiters in them), the profile's column names, types, row count, missing
 * counts, distinct values and numeric range are what the loader reads with the types the profile
 * inferred. Seeded: a failure names its case and reproduces.
 */
class ReaderAgreementTest {
    private static final int CASES = 150;
    private static final String[] NAMES = {"naïve", "日本語", "a \"quoted\" name", "x,y", "émoji 😀", "plain", "with;semi",
        "tab\tname", "Größe", "a|b"};

    @TempDir
    Path dir;

    @Test
    void theCheckersProfileIsWhatTheRunLoads() throws Exception {
        Random rnd = new Random(2026);
        for (int c = 0; c < CASES; c++) {
            int width = 1 + rnd.nextInt(6);
            // one column has no delimiter to detect: a comma, as the reader then assumes
            char delimiter = width == 1 ? ',' : ",;\t|".charAt(rnd.nextInt(4));
            int rows = 1 + rnd.nextInt(c % 10 == 0 ? 3000 : 60);
            String[] kinds = new String[width];
            List<String> names = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                kinds[j] = List.of("int", "num", "bool", "cat", "text", "date", "empty").get(rnd.nextInt(7));
                names.add(NAMES[(c + j) % NAMES.length] + j);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (rnd.nextBoolean()) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < width; j++) {
                // a name with any candidate delimiter in it is quoted, or the header's delimiter is ambiguous
                String name = names.get(j);
                boolean candidate = name.chars().anyMatch(ch -> ",;\t|".indexOf(ch) >= 0);
                sb.append(j == 0 ? "" : String.valueOf(delimiter))
                        .append(candidate ? "\"" + name.replace("\"", "\"\"") + "\"" : field(name, delimiter, rnd));
            }
            for (int r = 0; r < rows; r++) {
                sb.append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
                for (int j = 0; j < width; j++) {
                    sb.append(j == 0 ? "" : String.valueOf(delimiter)).append(field(value(kinds[j], r, rnd), delimiter, rnd));
                }
            }
            if (rnd.nextBoolean()) {
                sb.append('\n');
            }
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            Path file = dir.resolve("case" + c + ".csv");
            Files.write(file, out.toByteArray());
            agree(file, "case " + c + " (seed 2026, delimiter " + (int) delimiter + ")");
        }
    }

    private static void agree(Path file, String label) throws Exception {
        DataProfile profile = DataProfiler.csv(file, null, null, null);
        List<Data.Column> schema = new ArrayList<>();
        for (ColumnProfile p : profile.columns()) {
            schema.add(new Data.Column(p.name(), p.type(), null));
        }
        String delimiter = DataProfiler.detectDelimiter(file);
        Table t = DataLoader.load(new Data(file.toString(), delimiter, null, null, schema, DataProfiler.DEFAULT_MISSING,
                null, null), file.getParent());
        assertEquals(profile.names(), t.columnNames(), label);
        assertEquals(profile.rows(), t.rowCount(), label);
        for (ColumnProfile p : profile.columns()) {
            Column<?> col = t.column(p.name());
            String where = label + ", column `" + p.name() + "` (" + p.type() + ")";
            assertEquals(p.missing(), col.countMissing(), where + ": missing values");
            TreeSet<String> loaded = new TreeSet<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < col.size(); i++) {
                if (col.isMissing(i)) {
                    continue;
                }
                Object v = col.get(i);
                if (p.type().isNumeric()) {
                    double d = ((Number) v).doubleValue();
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
                loaded.add(p.type() == ColumnType.DATE ? v.toString() : String.valueOf(v));
            }
            if (p.type().isNumeric() && p.count() > 0) {
                assertNotNull(p.min(), where);
                assertEquals(p.min(), min, 0.0, where + ": min");
                assertEquals(p.max(), max, 0.0, where + ": max");
            }
            // numbers are compared by range: "1.5" and "1.50" are two values of the text, one number
            if (!p.type().isNumeric() && p.values() != null) {
                assertEquals(new TreeSet<>(p.values()), loaded, where + ": distinct values");
                assertEquals(p.distinct(), loaded.size(), where + ": distinct count");
            }
        }
    }

    /** A value as a CSV field: quoted when it must be, and sometimes when it need not be. */
    private static String field(String v, char delimiter, Random rnd) {
        boolean must = v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (must || rnd.nextInt(5) == 0) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String value(String kind, int row, Random rnd) {
        if (rnd.nextInt(8) == 0 || kind.equals("empty")) {
            return List.of("", "NA", " ", "  NA ").get(rnd.nextInt(4));
        }
        String pad = rnd.nextInt(10) == 0 ? " " : "";
        return pad + switch (kind) {
            case "int" -> String.valueOf(rnd.nextInt(2001) - 1000);
            case "num" -> List.of("1.5", "-0.25", "3e2", "1E-3", "42", ".5", "7.").get(rnd.nextInt(7)) + (rnd.nextInt(3) == 0 ? rnd.nextInt(99) : "");
            case "bool" -> List.of("true", "false", "TRUE", "False").get(rnd.nextInt(4));
            case "cat" -> List.of("a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "ü", "日本", "semi;colon", "tab\there",
                    "pipe|d", "plain").get(rnd.nextInt(10));
            case "text" -> "row " + row + " of \"many\", with words\nand a second line " + rnd.nextInt(1000);
            case "date" -> String.format("20%02d-%02d-%02d", 10 + rnd.nextInt(15), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            default -> throw new IllegalArgumentException(kind);
        } + pad;
    }
}
