package dev.mlx.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DataLoaderTest {
    @TempDir
    Path dir;

    static Data.Column col(String name, ColumnType type) {
        return new Data.Column(name, type, null);
    }

    static Data csv(String file, List<String> missing, Data.Column... columns) {
        return new Data(file, null, null, null, List.of(columns), missing, null, null);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private String error(Data spec) {
        return assertThrows(RunException.class, () -> DataLoader.load(spec, dir)).getMessage();
    }

    // ------------------------------------------------------------------ CSV that loads

    @Test
    void readsEveryTypeWithMissingMarkersQuotesAndDateFormats() throws IOException {
        write("data/all.csv", "\uFEFFid,x,cat,note,born,seen,flag\r\n"
                + "1,2.5,a,\"hello, world\",31/01/2020,2020-01-31,yes\r\n"
                + "2,NA, b ,\"two\nlines\",01/02/2020,2020-02-01T10:30,0\r\n"
                + "3,.,,\"say \"\"hi\"\"\",NA,,TRUE\r\n"
                + "4,-1e3,a,plain,29/02/2020,2020-02-29T10:30:15,No\r\n");
        Data spec = new Data("data/all.csv", null, null, null, List.of(col("id", ColumnType.INTEGER),
                col("x", ColumnType.NUMBER), col("cat", ColumnType.CATEGORY), col("note", ColumnType.TEXT),
                new Data.Column("born", ColumnType.DATE, "dd/MM/yyyy"), col("seen", ColumnType.DATE),
                col("flag", ColumnType.BOOLEAN)), List.of("", "NA", "."), null, null);
        Table t = DataLoader.load(spec, dir);

        assertEquals(4, t.rowCount());
        assertEquals(List.of("id", "x", "cat", "note", "born", "seen", "flag"), t.columnNames());
        LongColumn id = assertInstanceOf(LongColumn.class, t.column("id"));
        assertEquals(4L, id.get(3));
        DoubleColumn x = assertInstanceOf(DoubleColumn.class, t.column("x"));
        assertEquals(2.5, x.get(0));
        assertTrue(x.isMissing(1), "NA is missing");
        assertTrue(x.isMissing(2), ". is missing");
        assertEquals(-1000.0, x.get(3));
        StringColumn cat = assertInstanceOf(StringColumn.class, t.column("cat"));
        assertEquals("b", cat.get(1), "values are stripped, as the compiler profiled them");
        assertTrue(cat.isMissing(2));
        StringColumn note = assertInstanceOf(StringColumn.class, t.column("note"));
        assertEquals("hello, world", note.get(0));
        assertEquals("two\nlines", note.get(1));
        assertEquals("say \"hi\"", note.get(2));
        DateColumn born = assertInstanceOf(DateColumn.class, t.column("born"));
        assertEquals(LocalDate.of(2020, 1, 31), born.get(0));
        assertTrue(born.isMissing(2));
        assertEquals(LocalDate.of(2020, 2, 29), born.get(3));
        DateColumn seen = assertInstanceOf(DateColumn.class, t.column("seen"));
        assertEquals(LocalDate.of(2020, 2, 1), seen.get(1), "an ISO date-time keeps its date");
        assertTrue(seen.isMissing(2));
        BooleanColumn flag = assertInstanceOf(BooleanColumn.class, t.column("flag"));
        assertEquals(List.of(true, false, true, false), flag.asList());
    }

    @Test
    void tableFollowsTheSchemaOrderWhateverTheHeaderOrder() throws IOException {
        write("o.csv", "b,a\n1,x\n2,y\n");
        Table t = DataLoader.load(csv("o.csv", List.of(""), col("a", ColumnType.CATEGORY), col("b", ColumnType.INTEGER)), dir);
        assertEquals(List.of("a", "b"), t.columnNames());
        assertEquals("y", t.stringColumn("a").get(1));
        assertEquals(2L, ((LongColumn) t.column("b")).get(1));
    }

    @Test
    void delimitersBlankLinesAndTabs() throws IOException {
        write("semi.csv", "a;b\n1;2,5\n\n3;4\n");
        Data semi = new Data("semi.csv", ";", null, null, List.of(col("a", ColumnType.INTEGER), col("b", ColumnType.CATEGORY)),
                List.of(""), null, null);
        Table t = DataLoader.load(semi, dir);
        assertEquals(2, t.rowCount(), "a blank line is skipped");
        assertEquals("2,5", t.stringColumn("b").get(0));

        write("tab.tsv", "a\tb\n1\t2\n");
        Data tab = new Data("tab.tsv", "\\t", null, null, List.of(col("a", ColumnType.INTEGER), col("b", ColumnType.INTEGER)),
                List.of(""), null, null);
        assertEquals(2L, ((LongColumn) DataLoader.load(tab, dir).column("b")).get(0));
    }

    @Test
    void aBlankLineInAOneColumnFileIsAMissingValue() throws IOException {
        write("one.csv", "a\n1\n\n3\n");
        Table t = DataLoader.load(csv("one.csv", List.of(""), col("a", ColumnType.NUMBER)), dir);
        assertEquals(3, t.rowCount());
        assertTrue(t.doubleColumn("a").isMissing(1));
    }

    @Test
    void loadsTheFlagshipExample() {
        Data spec = csv("data/penguins.csv", List.of("", "NA", "."), col("penguin_id", ColumnType.INTEGER),
                col("species", ColumnType.CATEGORY), col("island", ColumnType.CATEGORY),
                col("beak_length_mm", ColumnType.NUMBER), col("beak_depth_mm", ColumnType.NUMBER),
                col("flipper_length_mm", ColumnType.INTEGER), col("body_mass_g", ColumnType.INTEGER),
                col("sex", ColumnType.CATEGORY));
        Table t = DataLoader.load(spec, Path.of("examples/penguins"));
        assertEquals(344, t.rowCount());
        assertEquals(2, t.column("body_mass_g").countMissing());
        assertFalse(t.stringColumn("sex").asSet().contains("."), "the dirty `.` is a missing value");
    }

    // ------------------------------------------------------------------ CSV errors

    @Test
    void missingFile() {
        String m = error(csv("data/nope.csv", List.of(""), col("a", ColumnType.NUMBER)));
        assertTrue(m.startsWith("`data/nope.csv`: no such file (looked for "), m);
        assertTrue(m.endsWith("nope.csv)"), m);
    }

    @Test
    void emptyFileHeaderOnlyAndBlankHeader() throws IOException {
        write("e.csv", "");
        assertEquals("`e.csv` is empty", error(csv("e.csv", List.of(""), col("a", ColumnType.NUMBER))));
        write("h.csv", "a,b\n");
        assertEquals("`h.csv` has a header but no rows",
                error(csv("h.csv", List.of(""), col("a", ColumnType.NUMBER), col("b", ColumnType.NUMBER))));
        write("b.csv", "\na\n1\n");
        assertEquals("`b.csv` has no header: its first line is empty (the first line must name the columns)",
                error(csv("b.csv", List.of(""), col("a", ColumnType.NUMBER))));
    }

    @Test
    void headerThatDoesNotMatchTheSchemaNamesTheColumns() throws IOException {
        write("p.csv", "name,Age,city\nann,3,x\n");
        assertEquals("`p.csv`: the header does not match the columns the experiment was compiled with: missing `age`;"
                        + " unexpected `Age` (check the data, or compile the experiment again)",
                error(csv("p.csv", List.of(""), col("name", ColumnType.CATEGORY), col("age", ColumnType.INTEGER),
                        col("city", ColumnType.CATEGORY))));
        assertEquals("`p.csv`: the header does not match the columns the experiment was compiled with: missing `zip`"
                        + " (check the data, or compile the experiment again)",
                error(csv("p.csv", List.of(""), col("name", ColumnType.CATEGORY), col("Age", ColumnType.INTEGER),
                        col("city", ColumnType.CATEGORY), col("zip", ColumnType.CATEGORY))));
        assertEquals("`p.csv`: the header does not match the columns the experiment was compiled with: unexpected"
                        + " `city` (check the data, or compile the experiment again)",
                error(csv("p.csv", List.of(""), col("name", ColumnType.CATEGORY), col("Age", ColumnType.INTEGER))));
        write("d.csv", "a,b,a\n1,2,3\n");
        assertEquals("`d.csv`: the header names `a` more than once",
                error(csv("d.csv", List.of(""), col("a", ColumnType.NUMBER), col("b", ColumnType.NUMBER))));
    }

    @Test
    void raggedRowNamesItsFileLineEvenAfterAMultiLineField() throws IOException {
        write("r.csv", "a,b,c\n1,\"x\ny\",3\n4,5\n");
        assertEquals("`r.csv`: row 4 has 2 fields, the header has 3",
                error(csv("r.csv", List.of(""), col("a", ColumnType.NUMBER), col("b", ColumnType.TEXT),
                        col("c", ColumnType.NUMBER))));
        write("long.csv", "a,b\n1,2,3\n");
        assertEquals("`long.csv`: row 2 has 3 fields, the header has 2",
                error(csv("long.csv", List.of(""), col("a", ColumnType.NUMBER), col("b", ColumnType.NUMBER))));
    }

    @Test
    void badValueNamesRowColumnAndValue() throws IOException {
        StringBuilder sb = new StringBuilder("name,age\n");
        for (int i = 2; i <= 16; i++) {
            sb.append("p").append(i).append(',').append(i).append('\n');
        }
        sb.append("q,abc\n");
        write("people.csv", sb.toString());
        assertEquals("`people.csv`: row 17, column `age`: \"abc\" is not a number",
                error(csv("people.csv", List.of(""), col("name", ColumnType.CATEGORY), col("age", ColumnType.NUMBER))));
        assertEquals("`people.csv`: row 17, column `age`: \"abc\" is not a whole number",
                error(csv("people.csv", List.of(""), col("name", ColumnType.CATEGORY), col("age", ColumnType.INTEGER))));
    }

    @Test
    void badValuesOfEachType() throws IOException {
        write("v.csv", "n,i,d,e,f\n1,2,2020-01-01,01/01/2020,true\nNaN,2,2020-01-01,01/01/2020,true\n");
        List<Data.Column> ok = List.of(col("n", ColumnType.NUMBER), col("i", ColumnType.INTEGER), col("d", ColumnType.DATE),
                new Data.Column("e", ColumnType.DATE, "dd/MM/yyyy"), col("f", ColumnType.BOOLEAN));
        Data spec = new Data("v.csv", null, null, null, ok, List.of(""), null, null);
        assertEquals("`v.csv`: row 3, column `n`: \"NaN\" is not a number", error(spec));

        write("v.csv", "n,i,d,e,f\n1,3.5,2020-01-01,01/01/2020,true\n");
        assertEquals("`v.csv`: row 2, column `i`: \"3.5\" is not a whole number", error(spec));
        write("v.csv", "n,i,d,e,f\n1,3,2020-02-30,01/01/2020,true\n");
        assertEquals("`v.csv`: row 2, column `d`: \"2020-02-30\" is not a date (expected yyyy-MM-dd)", error(spec));
        write("v.csv", "n,i,d,e,f\n1,3,2020-02-03,2020-01-01,true\n");
        assertEquals("`v.csv`: row 2, column `e`: \"2020-01-01\" is not a date in the format `dd/MM/yyyy`", error(spec));
        write("v.csv", "n,i,d,e,f\n1,3,2020-02-03,01/01/2020,maybe\n");
        assertEquals("`v.csv`: row 2, column `f`: \"maybe\" is not true or false (expected true/false, yes/no or 1/0)",
                error(spec));
        write("v.csv", "n,i,d,e,f\nNA,3,2020-02-03,01/01/2020,true\n");
        assertEquals("`v.csv`: row 2, column `n`: \"NA\" is not a number", error(spec),
                "NA is a value unless the data block lists it as missing");
    }

    @Test
    void unterminatedQuoteInvalidUtf8AndBadDatePattern() throws IOException {
        write("q.csv", "a,b\n1,\"open\n2,3\n");
        assertEquals("`q.csv`: unterminated quote: the quoted field that starts on line 2 is never closed",
                error(csv("q.csv", List.of(""), col("a", ColumnType.NUMBER), col("b", ColumnType.TEXT))));

        Files.write(dir.resolve("latin1.csv"), new byte[] {'a', '\n', 'x', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertEquals("`latin1.csv`: line 3 is not valid UTF-8 (byte 0xE9): save the file with UTF-8 encoding",
                error(csv("latin1.csv", List.of(""), col("a", ColumnType.CATEGORY))));

        write("dp.csv", "d\n2020\n");
        assertEquals("`dp.csv`: the date format \"yyyy-bb\" of column `d` is not a valid java.time pattern",
                error(new Data("dp.csv", null, null, null, List.of(new Data.Column("d", ColumnType.DATE, "yyyy-bb")),
                        List.of(""), null, null)));
    }

    @Test
    void sha256OfAFile() throws IOException {
        Path p = write("abc.txt", "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DataLoader.sha256(p));
        RunException e = assertThrows(RunException.class, () -> DataLoader.sha256(dir.resolve("none.txt")));
        assertTrue(e.getMessage().startsWith("cannot read `"), e.getMessage());
    }

    @Test
    void largeFileKeepsEveryRow() throws IOException {
        StringBuilder sb = new StringBuilder("i,x\n");
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(',').append(i * 0.5).append('\n');
            expected.add((long) i);
        }
        write("big.csv", sb.toString());
        Table t = DataLoader.load(csv("big.csv", List.of(""), col("i", ColumnType.INTEGER), col("x", ColumnType.NUMBER)), dir);
        assertEquals(expected, ((LongColumn) t.column("i")).asList());
        assertEquals(24_999.5, t.doubleColumn("x").get(49_999));
    }

    // ------------------------------------------------------------------ large files: two threads

    /** A file past {@link DataLoader#PIPE_BYTES} (read by two threads), rows numbered from line 2; {@code edit} may change a row. */
    private Path bigFile(String name, int rows, java.util.function.IntFunction<String> edit) throws IOException {
        StringBuilder sb = new StringBuilder("i,x,note\n");
        for (int i = 0; i < rows; i++) {
            String row = edit.apply(i);
            sb.append(row != null ? row : i + "," + (i * 0.25) + ",\"row " + i + "\nwith, a comma\"").append('\n');
        }
        Path p = write(name, sb.toString());
        assertTrue(Files.size(p) >= DataLoader.PIPE_BYTES, "the file must be large enough to be piped");
        return p;
    }

    private static Data big(String file) {
        return csv(file, List.of(""), col("i", ColumnType.INTEGER), col("x", ColumnType.NUMBER), col("note", ColumnType.TEXT));
    }

    @Test
    void aLargeFileReadByTwoThreadsKeepsEveryRowInOrder() throws IOException {
        int rows = 150_000;
        bigFile("big2.csv", rows, i -> i == 7 ? "" : i == 9 ? "9,,\"\"" : null); // a blank line, missing values
        Table t = DataLoader.load(big("big2.csv"), dir);
        assertEquals(rows - 1, t.rowCount()); // the blank line is skipped
        LongColumn ids = (LongColumn) t.column("i");
        for (int r = 0; r < t.rowCount(); r++) {
            long expected = r < 7 ? r : r + 1;
            assertEquals(expected, ids.get(r), "row " + r);
        }
        assertTrue(t.doubleColumn("x").isMissing(8));
        assertEquals("row 149999\nwith, a comma", t.stringColumn("note").get(rows - 2));
    }

    @Test
    void aLargeFileReportsTheFirstProblemInFileOrder() throws IOException {
        // every data row takes two lines (the quoted note), so data row i starts on line 2 + 2 i
        bigFile("bad.csv", 150_000, i -> i == 120_000 ? "1,2" : i == 90_000 ? "90000,abc,x" : null);
        assertEquals("`bad.csv`: row 180002, column `x`: \"abc\" is not a number", error(big("bad.csv")));
        bigFile("ragged.csv", 150_000, i -> i == 100_000 ? "1,2" : i == 140_000 ? "1,abc,x" : null);
        assertEquals("`ragged.csv`: row 200002 has 2 fields, the header has 3", error(big("ragged.csv")));
        bigFile("open.csv", 150_000, i -> i == 149_999 ? "1,2,\"never closed" : null);
        assertEquals("`open.csv`: unterminated quote: the quoted field that starts on line 300000 is never closed",
                error(big("open.csv")));
        Path latin = bigFile("latin.csv", 150_000, i -> i == 140_000 ? "1,2,caf\u00e9" : null);
        byte[] bytes = Files.readAllBytes(latin);
        for (int k = bytes.length - 1; k > 0; k--) { // turn the UTF-8 é into a lone Latin-1 byte
            if (bytes[k - 1] == (byte) 0xC3 && bytes[k] == (byte) 0xA9) {
                bytes[k - 1] = (byte) 0xE9;
                bytes[k] = ' ';
                break;
            }
        }
        Files.write(latin, bytes);
        assertEquals("`latin.csv`: line 280002 is not valid UTF-8 (byte 0xE9): save the file with UTF-8 encoding", error(big("latin.csv")));
    }
}
