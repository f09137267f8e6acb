package dev.mlx.runtime.data;

import static dev.mlx.runtime.data.DataLoaderTest.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A real SQLite database, built through JDBC in a temporary folder. */
class JdbcLoaderTest {
    @TempDir
    Path dir;

    static final List<Data.Column> ORDERS = List.of(col("id", ColumnType.INTEGER), col("amount", ColumnType.NUMBER),
            col("plan", ColumnType.CATEGORY), new Data.Column("day", ColumnType.DATE, "dd.MM.yyyy"),
            col("paid", ColumnType.BOOLEAN));

    @BeforeEach
    void database() throws SQLException, java.io.IOException {
        Files.createDirectories(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/shop.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("create table orders (id integer, amount real, plan text, day text, paid integer, note text)");
            st.executeUpdate("insert into orders values (1, 9.5, 'pro', '31.01.2020', 1, '1')");
            st.executeUpdate("insert into orders values (2, null, 'basic', '01.02.2020', 0, '2')");
            st.executeUpdate("insert into orders values (3, 12, ' NA ', null, null, 'NA')");
            st.executeUpdate("insert into orders values (4, 7, 'pro', 'NA', 1, 'abc')");
            st.executeUpdate("insert into orders values (5, 2.5, 'basic', '05.02.2020', 1, '3.5')");
            st.executeUpdate("create table empty (id integer)");
        }
    }

    private static Data jdbc(String url, String query, List<Data.Column> columns) {
        return new Data(null, null, url, query, columns, List.of("", "NA"), null, null);
    }

    private String error(Data spec) {
        return assertThrows(RunException.class, () -> DataLoader.load(spec, dir)).getMessage();
    }

    @Test
    void readsARelativeSqlitePathWithDeclaredTypes() {
        Table t = DataLoader.load(jdbc("jdbc:sqlite:data/shop.db",
                "select id, amount, plan, day, paid from orders order by id", ORDERS), dir);
        assertEquals(5, t.rowCount());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), assertInstanceOf(LongColumn.class, t.column("id")).asList());
        DoubleColumn amount = assertInstanceOf(DoubleColumn.class, t.column("amount"));
        assertEquals(9.5, amount.get(0));
        assertTrue(amount.isMissing(1), "SQL null is missing");
        assertEquals(12.0, amount.get(2));
        StringColumn plan = assertInstanceOf(StringColumn.class, t.column("plan"));
        assertTrue(plan.isMissing(2), "missing markers apply to text from the database too");
        DateColumn day = assertInstanceOf(DateColumn.class, t.column("day"));
        assertEquals(LocalDate.of(2020, 1, 31), day.get(0));
        assertTrue(day.isMissing(2));
        assertTrue(day.isMissing(3));
        BooleanColumn paid = assertInstanceOf(BooleanColumn.class, t.column("paid"));
        assertEquals(Boolean.TRUE, paid.get(0));
        assertEquals(Boolean.FALSE, paid.get(1));
        assertTrue(paid.isMissing(2));
    }

    @Test
    void queryColumnsMayComeInAnotherOrderOrUnderAnAlias() {
        Table t = DataLoader.load(jdbc("jdbc:sqlite:data/shop.db", "select plan as kind, id from orders",
                List.of(col("id", ColumnType.INTEGER), col("kind", ColumnType.CATEGORY))), dir);
        assertEquals(List.of("id", "kind"), t.columnNames());
        assertEquals("pro", t.stringColumn("kind").get(0));
    }

    @Test
    void absolutePathsAndOtherUrlsAreLeftAlone() {
        Table t = DataLoader.load(jdbc("jdbc:sqlite:" + dir.resolve("data/shop.db").toAbsolutePath(),
                "select id from orders", List.of(col("id", ColumnType.INTEGER))), Path.of("/nowhere"));
        assertEquals(5, t.rowCount());
    }

    @Test
    void missingDatabaseFileIsNotCreated() {
        String m = error(jdbc("jdbc:sqlite:data/nope.db", "select 1", ORDERS));
        assertTrue(m.startsWith("`jdbc:sqlite:data/nope.db`: database file not found (looked for "), m);
        assertFalse(Files.exists(dir.resolve("data/nope.db")));
    }

    @Test
    void databaseErrorsAreOneLineMessages() {
        assertEquals("`jdbc:sqlite:data/shop.db`: the query failed: [SQLITE_ERROR] SQL error or missing database "
                        + "(no such table: nope)",
                error(jdbc("jdbc:sqlite:data/shop.db", "select * from nope", ORDERS)));
        assertEquals("`jdbc:sqlite:data/shop.db`: the query returned no rows",
                error(jdbc("jdbc:sqlite:data/shop.db", "select id from empty", List.of(col("id", ColumnType.INTEGER)))));
        String m = error(jdbc("jdbc:nodriver://x/y", "select 1", ORDERS));
        assertTrue(m.startsWith("`jdbc:nodriver://x/y`: mlx reads databases through SQLite and PostgreSQL only"), m);
    }

    @Test
    void theRuntimeRefusesWhatTheCheckerRefuses() {
        String m = error(jdbc("jdbc:sqlite:data/shop.db?enable_load_extension=true", "select * from orders", ORDERS));
        assertEquals("`jdbc:sqlite:data/shop.db?enable_load_extension=true`: the URL parameter `enable_load_extension` "
                + "is not accepted for `jdbc:sqlite:` sources (accepted: busy_timeout, cache, cache_size, case_sensitive_like, "
                + "date_class, date_precision, date_string_format, full_column_names, immutable, mode, short_column_names)", m);
        m = error(jdbc("jdbc:sqlite:data/shop.db", "select load_extension('x.so') as id from orders", ORDERS));
        assertTrue(m.contains("`load_extension`"), m);
        m = error(jdbc("jdbc:postgresql://127.0.0.1:1/db?socketFactory=x.Y", "select 1", ORDERS));
        assertTrue(m.contains("the URL parameter `socketFactory` is not accepted for `jdbc:postgresql:` sources"), m);
        // An accepted parameter still reads.
        Table t = DataLoader.load(jdbc("jdbc:sqlite:data/shop.db?date_class=text", "select id, amount, plan from orders where id < 3",
                ORDERS.subList(0, 3)), dir);
        assertEquals(2, t.rowCount());
    }

    @Test
    void theRuntimeOpensTheDatabaseReadOnly() {
        String m = error(jdbc("jdbc:sqlite:data/shop.db", "delete from orders returning id", List.of(col("id", ColumnType.INTEGER))));
        assertTrue(m.contains("readonly") || m.contains("read-only") || m.contains("READONLY"), m);
    }

    @Test
    void resultThatDoesNotMatchTheSchema() {
        assertEquals("`jdbc:sqlite:data/shop.db`: the query's result does not match the columns the experiment was "
                        + "compiled with: missing `paid`; unexpected `note` (check the data, or compile the experiment again)",
                error(jdbc("jdbc:sqlite:data/shop.db", "select id, amount, plan, day, note from orders", ORDERS)));
    }

    @Test
    void badValuesNameTheResultRowAndColumn() {
        assertEquals("`jdbc:sqlite:data/shop.db`: query result row 4, column `note`: \"abc\" is not a number",
                error(jdbc("jdbc:sqlite:data/shop.db", "select note from orders order by id",
                        List.of(col("note", ColumnType.NUMBER)))));
        assertEquals("`jdbc:sqlite:data/shop.db`: query result row 1, column `amount`: 9.5 is not a whole number",
                error(jdbc("jdbc:sqlite:data/shop.db", "select amount from orders order by id",
                        List.of(col("amount", ColumnType.INTEGER)))));
        assertEquals("`jdbc:sqlite:data/shop.db`: query result row 1, column `amount`: 9.5 is not true or false "
                        + "(expected true/false, yes/no or 1/0)",
                error(jdbc("jdbc:sqlite:data/shop.db", "select amount from orders order by id",
                        List.of(col("amount", ColumnType.BOOLEAN)))));
        assertEquals("`jdbc:sqlite:data/shop.db`: query result row 1, column `id`: 1 is not a date",
                error(jdbc("jdbc:sqlite:data/shop.db", "select id from orders order by id",
                        List.of(col("id", ColumnType.DATE)))));
    }
}
