package dev.mlx.check.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.ColumnType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataProfilerTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static DataProfile csv(Path p) throws DataException {
        return DataProfiler.csv(p, null, null, null);
    }

    private static DataException fails(Path p) {
        return assertThrows(DataException.class, () -> csv(p));
    }

    // ------------------------------------------------------------------ inference and statistics

    @Test
    void infersEachTypeFromItsValues() throws Exception {
        Path p = write("t.csv", """
                flag,n,x,day,at,plan,notes,mixed
                true,1,1.5,2024-01-31,2024-01-31T10:15,basic,the quick brown fox jumps,1
                False,-2,2,2024-02-29,2024-02-01T23:59:59,plus,over the lazy dog again,a
                TRUE,30,-0.5e1,2023-12-01,2024-03-01T00:00,basic,and then it sat down,2024-01-01
                """);
        DataProfile d = csv(p);
        assertEquals(3, d.rows());
        assertFalse(d.sampled());
        assertEquals(List.of("flag", "n", "x", "day", "at", "plan", "notes", "mixed"), d.names());
        assertEquals(ColumnType.BOOLEAN, d.column("flag").type());
        assertEquals(ColumnType.INTEGER, d.column("n").type());
        assertEquals(ColumnType.NUMBER, d.column("x").type());
        assertEquals(ColumnType.DATE, d.column("day").type());
        assertEquals(ColumnType.DATE, d.column("at").type());
        assertEquals(ColumnType.CATEGORY, d.column("plan").type());
        assertEquals(ColumnType.TEXT, d.column("notes").type());
        assertEquals(ColumnType.CATEGORY, d.column("mixed").type());
        assertEquals(List.of("false", "true"), List.copyOf(d.column("flag").values()), "as the run spells a boolean");
    }

    @Test
    void yesNoKeepsTheUsersSpellingAndIdsAreFoundByUniqueness() throws Exception {
        StringBuilder csv = new StringBuilder("churned,code,plan\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(i % 3 == 0 ? "yes" : "no").append(",K").append(i).append(',').append(i % 1700).append('\n');
        }
        DataProfile d = csv(write("t.csv", csv.toString()));
        assertEquals(ColumnType.CATEGORY, d.column("churned").type(), "yes/no is a category with the user's words");
        assertEquals(List.of("no", "yes"), List.copyOf(d.column("churned").values()));
        assertTrue(d.column("code").distinctCapped(), "more values than are tracked one by one");
        assertTrue(d.column("code").unique(), "every one of 2,500 values differs: an id, past the distinct cap");
        assertFalse(d.column("plan").unique(), "1,700 values repeat past the cap");
    }

    @Test
    void anImpossibleDateOrAnOverlongIntegerIsNotThatType() throws Exception {
        DataProfile d = csv(write("t.csv", "d,i\n2023-02-29,99999999999999999999\n2024-01-01,1\n"));
        assertEquals(ColumnType.CATEGORY, d.column("d").type());
        assertEquals(ColumnType.NUMBER, d.column("i").type());
    }

    @Test
    void textIsLongOrWordyOrMostlyDistinctWithSpaces() throws Exception {
        StringBuilder sb = new StringBuilder("city,code,long,state\n");
        for (int i = 0; i < 20; i++) {
            sb.append("Newtown ").append(i).append(",C").append(i % 3).append(",")
                    .append("x".repeat(31)).append(i % 2 == 0 ? ",New York" : ",New Jersey").append('\n');
        }
        DataProfile d = csv(write("t.csv", sb.toString()));
        assertEquals(ColumnType.TEXT, d.column("city").type(), "mostly distinct, with spaces");
        assertEquals(ColumnType.CATEGORY, d.column("code").type());
        assertEquals(ColumnType.TEXT, d.column("long").type(), "mean length above 30");
        assertEquals(ColumnType.CATEGORY, d.column("state").type(), "spaces, but few distinct values");
    }

    @Test
    void numericStatisticsAndMissingCounts() throws Exception {
        DataProfile d = csv(write("t.csv", "a,b\n1,x\n,y\n4,NA\nNA,\n7, \n"));
        ColumnProfile a = d.column("a");
        assertEquals(ColumnType.INTEGER, a.type());
        assertEquals(3, a.count());
        assertEquals(2, a.missing());
        assertEquals(1.0, a.min());
        assertEquals(7.0, a.max());
        assertEquals(4.0, a.mean(), 1e-12);
        assertEquals(0.4, a.missingShare(), 1e-12);
        ColumnProfile b = d.column("b");
        assertEquals(2, b.count());
        assertEquals(3, b.missing(), "empty, NA and white space are missing");
        assertNull(b.min(), "no statistics for a category");
    }

    @Test
    void missingMarkersAreTheOnesGiven() throws Exception {
        Path p = write("t.csv", "a\n1\n?\nNA\n3\n");
        DataProfile declared = DataProfiler.csv(p, null, List.of("?", "NA"), null);
        assertEquals(ColumnType.INTEGER, declared.column("a").type());
        assertEquals(2, declared.column("a").missing());
        DataProfile onlyQuestion = DataProfiler.csv(p, null, List.of("?"), null);
        assertEquals(ColumnType.CATEGORY, onlyQuestion.column("a").type(), "NA is a value when not a marker");
        assertEquals(1, onlyQuestion.column("a").missing());
    }

    @Test
    void topValuesByCountThenValueOrderAndDistinctValuesSorted() throws Exception {
        DataProfile d = csv(write("t.csv", "n,c\n10,b\n9,a\n10,c\n9,b\n2,a\n100,c\n"));
        ColumnProfile n = d.column("n");
        assertEquals(List.of("9", "10", "2", "100"), n.top().stream().map(ColumnProfile.ValueCount::value).toList(),
                "ties in numeric order, not text order");
        assertEquals(List.of(2L, 2L, 1L, 1L), n.top().stream().map(ColumnProfile.ValueCount::count).toList());
        assertEquals(List.of("2", "9", "10", "100"), List.copyOf(n.values()));
        assertEquals(4, n.distinct());
        assertEquals(List.of("a", "b", "c"), d.column("c").top().stream().map(ColumnProfile.ValueCount::value).toList());
    }

    @Test
    void distinctValuesAreCountedExactlyUpToTheCap() throws Exception {
        StringBuilder sb = new StringBuilder("k,few\n");
        for (int i = 0; i < DataProfiler.MAX_TRACKED + 50; i++) {
            sb.append("key").append(i).append(',').append(i % 3).append('\n');
        }
        DataProfile d = csv(write("t.csv", sb.toString()));
        ColumnProfile k = d.column("k");
        assertTrue(k.distinctCapped());
        assertEquals(DataProfiler.MAX_TRACKED, k.distinct());
        assertNull(k.values());
        assertEquals(10, k.top().size());
        ColumnProfile few = d.column("few");
        assertFalse(few.distinctCapped());
        assertEquals(3, few.distinct());
    }

    @Test
    void readsAtMostMaxRowsAndSaysSo() throws Exception {
        Path p = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(p)) {
            w.write("i\n");
            for (long i = 0; i < DataProfiler.MAX_ROWS + 5; i++) {
                w.write(Long.toString(i));
                w.write('\n');
            }
        }
        DataProfile d = csv(p);
        assertTrue(d.sampled());
        assertEquals(DataProfiler.MAX_ROWS, d.rows());
        assertEquals(DataProfiler.MAX_ROWS - 1, d.column("i").max());
    }

    @Test
    void rowsPastTheSampleStillDecideTheTypeAsTheRunReadsThem() throws Exception {
        // The first MAX_ROWS rows say integer, boolean, date, integer; a later row breaks each, as a
        // run reading every row would find: the type falls back to what every value fits.
        Path p = dir.resolve("tall.csv");
        try (Writer w = Files.newBufferedWriter(p)) {
            w.write("i,b,d,n,declared,late\n");
            for (long i = 0; i < DataProfiler.MAX_ROWS + 5; i++) {
                boolean last = i == DataProfiler.MAX_ROWS + 2;
                w.write(i + "," + (last ? "yes" : i % 2 == 0) + "," + (last ? "soon" : "2024-01-0" + (1 + i % 9)) + ","
                        + (last ? "2.5" : i % 7) + "," + (last ? "x" : "1") + "," + (i < DataProfiler.MAX_ROWS ? "" : "7") + "\n");
            }
        }
        DataProfile d = DataProfiler.csv(p, null, null, Map.of("declared", new TypeHint(ColumnType.INTEGER, null)));
        assertTrue(d.sampled());
        assertEquals(DataProfiler.MAX_ROWS, d.rows(), "statistics stay the sample's");
        assertEquals(ColumnType.INTEGER, d.column("i").type());
        assertEquals(ColumnType.CATEGORY, d.column("b").type(), "`yes` past the sample: not a boolean");
        assertEquals(ColumnType.CATEGORY, d.column("d").type(), "`soon` past the sample: not a date");
        assertEquals(ColumnType.NUMBER, d.column("n").type(), "2.5 past the sample: a number, not an integer");
        assertEquals(ColumnType.INTEGER, d.column("late").type(), "missing in the sample, whole numbers after it");
        ColumnProfile declared = d.column("declared");
        assertEquals(1, declared.badValues(), "a value past the sample that the declared type refuses");
        assertEquals("x", declared.badExample());
        assertEquals(DataProfiler.MAX_ROWS + 3, declared.badRow());
    }

    @Test
    void declaredTypesOverrideAndCountBadValues() throws Exception {
        Path p = write("t.csv", "code,amount,when,ok\n1,5,31/01/2024,yes\n2,abc,2024-02-01,0\n3,7.5,01/03/2024,maybe\n");
        DataProfile d = DataProfiler.csv(p, null, null, Map.of(
                "code", new TypeHint(ColumnType.CATEGORY, null),
                "amount", new TypeHint(ColumnType.NUMBER, null),
                "when", new TypeHint(ColumnType.DATE, "dd/MM/yyyy"),
                "ok", new TypeHint(ColumnType.BOOLEAN, null)));
        ColumnProfile code = d.column("code");
        assertEquals(ColumnType.CATEGORY, code.type());
        assertEquals(ColumnType.INTEGER, code.inferred());
        assertNull(code.min());
        ColumnProfile amount = d.column("amount");
        assertEquals(ColumnType.NUMBER, amount.type());
        assertEquals(1, amount.badValues());
        assertEquals("abc", amount.badExample());
        assertEquals(2, amount.badRow(), "1-based data row");
        assertEquals(7.5, amount.max());
        ColumnProfile when = d.column("when");
        assertEquals(1, when.badValues());
        assertEquals("2024-02-01", when.badExample());
        assertEquals("maybe", d.column("ok").badExample());
        assertEquals(0, code.badValues());
    }

    @Test
    void anInvalidDatePatternIsAClearError() throws Exception {
        Path p = write("t.csv", "d\n2024-01-01\n");
        DataException e = assertThrows(DataException.class, () -> DataProfiler.csv(p, null, null,
                Map.of("d", new TypeHint(ColumnType.DATE, "yyyy-MM-dd-q{"))));
        assertTrue(e.getMessage().contains("`d`") && e.getMessage().contains("not a valid pattern"), e.getMessage());
    }

    // ------------------------------------------------------------------ CSV syntax (the reader's own cases: CsvRecordsTest)

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws Exception {
        Path p = write("t.csv", "id,note,n\n1,\"a, b\",1\n2,\"she said \"\"hi\"\"\",2\n3,\"two\nlines\",3\n4, \"padded\" ,4\n");
        DataProfile d = csv(p);
        assertEquals(4, d.rows());
        assertEquals(List.of("a, b", "padded", "she said \"hi\"", "two\nlines"), List.copyOf(d.column("note").values()));
        assertEquals(ColumnType.INTEGER, d.column("n").type());
    }

    @Test
    void detectsTheDelimiterFromTheHeaderLine() throws Exception {
        for (String delim : List.of(",", ";", "\t", "|")) {
            Path p = write("t.csv", "a" + delim + "\"b" + delim + "c\"" + delim + "d\n1" + delim + "2" + delim + "3\n");
            DataProfile d = csv(p);
            assertEquals(List.of("a", "b" + delim + "c", "d"), d.names(), "delimiter " + delim);
            assertEquals(delim, DataProfiler.detectDelimiter(p));
        }
        // "1,5;2,5": semicolons in the header win; decimal commas in the values stay in the values.
        DataProfile eu = csv(write("eu.csv", "a;b\n1,5;2\n"));
        assertEquals(List.of("a", "b"), eu.names());
        assertEquals(List.of("1,5"), List.copyOf(eu.column("a").values()));
    }

    @Test
    void anExplicitDelimiterIsUsedAsIs() throws Exception {
        Path p = write("t.csv", "a;b,c\n1;2,3\n");
        assertEquals(List.of("a;b", "c"), DataProfiler.csv(p, ",", null, null).names());
        assertEquals(List.of("a", "b,c"), DataProfiler.csv(p, ";", null, null).names());
        DataException e = assertThrows(DataException.class, () -> DataProfiler.csv(p, ";;", null, null));
        assertTrue(e.getMessage().contains("one character"), e.getMessage());
    }

    @Test
    void aMissingFileSaysNotFoundAndNamesTheResolvedPath() {
        Path p = dir.resolve("sub/../nope.csv");
        DataException e = fails(p);
        assertTrue(e.notFound());
        assertEquals("no such file `" + dir.toAbsolutePath().resolve("nope.csv") + "`", e.getMessage());
    }

    @Test
    void aFolderIsNotAFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("data.csv"));
        DataException e = fails(sub);
        assertFalse(e.notFound());
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void anEmptyFileOrOneWithOnlyAByteOrderMark() throws Exception {
        assertTrue(fails(write("e.csv", "")).getMessage().endsWith("e.csv` is empty"));
        assertTrue(fails(write("b.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).getMessage()
                .endsWith("b.csv` is empty"));
    }

    @Test
    void aFirstLineThatIsEmptyIsNoHeader() throws Exception {
        DataException e = fails(write("t.csv", "\na,b\n1,2\n"));
        assertTrue(e.getMessage().contains("has no header"), e.getMessage());
    }

    @Test
    void duplicateOrEmptyHeaderNames() throws Exception {
        assertEquals("the column name `a` appears twice in the header (columns 1 and 3)",
                fails(write("t.csv", "a,b,a\n1,2,3\n")).getMessage());
        assertEquals("column 2 of the header has no name", fails(write("t.csv", "a, ,c\n1,2,3\n")).getMessage());
    }

    @Test
    void aRaggedRowNamesItsLineInTheFile() throws Exception {
        // The quoted line break makes the ragged record start on line 5, not data row 3.
        Path p = write("t.csv", "a,b,c\n1,\"x\ny\",3\n4,5,6\n7,8\n");
        assertEquals("row 5 has 2 fields, the header has 3", fails(p).getMessage());
        assertEquals("row 2 has 4 fields, the header has 3", fails(write("u.csv", "a,b,c\n1,2,3,4\n")).getMessage());
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItOpensOn() throws Exception {
        DataException e = fails(write("t.csv", "a,b\n1,2\n3,\"open\n4,5\n"));
        assertEquals("unterminated quote: the quoted field that starts on line 3 is never closed", e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        byte[] latin1 = "name,n\nok,1\ncaf\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1);
        DataException e = fails(write("t.csv", latin1));
        assertTrue(e.getMessage().startsWith("line 3 is not valid UTF-8 (byte 0xE9)"), e.getMessage());
        byte[] header = "n\u00e4me,n\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(fails(write("h.csv", header)).getMessage().startsWith("line 1 is not valid UTF-8"));
        byte[] overlong = {'a', '\n', (byte) 0xC0, (byte) 0xAF, '\n'};
        assertTrue(fails(write("o.csv", overlong)).getMessage().startsWith("line 2 is not valid UTF-8"));
    }

    @Test
    void multiByteUtf8IsRead() throws Exception {
        DataProfile d = csv(write("t.csv", "na\u00efve,emoji\ncaf\u00e9,\uD83D\uDE00\n"));
        assertEquals(List.of("na\u00efve", "emoji"), d.names());
        assertEquals(List.of("\uD83D\uDE00"), List.copyOf(d.column("emoji").values()));
    }

    // ------------------------------------------------------------------ JDBC

    @Test
    void profilesAQueryOnARealSqliteDatabase() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("shop.db");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("create table customers (id integer, plan text, spend real, joined text, notes text, "
                    + "age integer)");
            st.executeUpdate("insert into customers values "
                    + "(1, 'basic', 10.5, '2024-01-01', 'called twice about the invoice and left', 30),"
                    + "(2, 'pro', 99.0, '2024-02-15', 'happy with the product so far really', null),"
                    + "(3, 'basic', null, '2024-03-31', 'wants a discount before renewing the plan', 41),"
                    + "(4, 'NA', 20.0, '2024-04-01', 'no comment from this one at all today', 52)");
        }
        DataProfile d = DataProfiler.jdbc(url, "select id, plan, spend, joined, notes, age from customers where id > 0",
                null, Map.of("age", new TypeHint(ColumnType.NUMBER, null)));
        assertEquals(4, d.rows());
        assertEquals(url, d.source());
        assertEquals(ColumnType.INTEGER, d.column("id").type());
        ColumnProfile plan = d.column("plan");
        assertEquals(ColumnType.CATEGORY, plan.type());
        assertEquals(1, plan.missing(), "NA is a default marker");
        ColumnProfile spend = d.column("spend");
        assertEquals(ColumnType.NUMBER, spend.type());
        assertEquals(1, spend.missing(), "SQL null is missing");
        assertEquals(99.0, spend.max());
        assertEquals(ColumnType.DATE, d.column("joined").type());
        assertEquals(ColumnType.TEXT, d.column("notes").type());
        assertEquals(ColumnType.NUMBER, d.column("age").type());
        assertEquals(ColumnType.INTEGER, d.column("age").inferred());
    }

    @Test
    void aSqlErrorCarriesTheDatabaseMessage() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("empty.db");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("create table somewhere (x integer)");
        }
        DataException e = assertThrows(DataException.class, () -> DataProfiler.jdbc(url, "select * from nowhere", null, null));
        assertTrue(e.getMessage().startsWith("the query failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("no such table: nowhere"), e.getMessage());
    }

    @Test
    void aMissingSqliteFileIsAnErrorAndIsNotCreated() {
        Path db = dir.resolve("typo.db");
        DataException e = assertThrows(DataException.class,
                () -> DataProfiler.jdbc("jdbc:sqlite:" + db, "select 1", null, null));
        assertTrue(e.getMessage().startsWith("cannot connect to `jdbc:sqlite:"), e.getMessage());
        assertFalse(Files.exists(db), "profiling must not create a database");
    }

    @Test
    void aUrlOfAnotherDriverIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> DataProfiler.jdbc("jdbc:nosuchdb://host/db", "select 1", null, null));
        assertEquals("mlx reads databases through SQLite and PostgreSQL only, not `jdbc:nosuchdb:`", e.getMessage());
        DataException notJdbc = assertThrows(DataException.class,
                () -> DataProfiler.jdbc("postgres://host/db", "select 1", null, null));
        assertTrue(notJdbc.getMessage().contains("not a JDBC URL"), notJdbc.getMessage());
    }
}
