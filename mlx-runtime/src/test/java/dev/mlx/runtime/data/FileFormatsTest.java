package dev.mlx.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Parquet and JSON Lines sources: the same rows in three formats load into the same table, and what
 * is wrong with a file is a message naming it and the line, never a trace. The fixtures under
 * src/test/resources/formats were written from examples/iris/data/iris.csv by {@link FormatFixtures}.
 */
class FileFormatsTest {
    private static final Path FORMATS = Path.of("mlx-runtime/src/test/resources/formats").toAbsolutePath();
    private static final List<Data.Column> IRIS = List.of(col("sepal_length", ColumnType.NUMBER),
            col("sepal_width", ColumnType.NUMBER), col("petal_length", ColumnType.NUMBER),
            col("petal_width", ColumnType.NUMBER), col("species", ColumnType.CATEGORY));

    @TempDir
    Path dir;

    private static Data.Column col(String name, ColumnType type) {
        return new Data.Column(name, type, null);
    }

    private static Data spec(String file, Data.Format format, List<Data.Column> columns) {
        return new Data(file, null, null, null, columns, List.of("", "NA"), null, null, format);
    }

    private String error(Data spec) {
        return assertThrows(RunException.class, () -> DataLoader.load(spec, dir)).getMessage();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void parquetAndJsonLinesLoadAsTheCsvDoes() {
        Table csv = DataLoader.load(spec(Path.of("examples/iris/data/iris.csv").toAbsolutePath().toString(),
                Data.Format.CSV, IRIS), dir);
        Table parquet = DataLoader.load(spec(FORMATS.resolve("iris.parquet").toString(), Data.Format.PARQUET, IRIS), dir);
        Table jsonl = DataLoader.load(spec(FORMATS.resolve("iris.jsonl").toString(), Data.Format.JSONL, IRIS), dir);
        assertEquals(150, csv.rowCount());
        assertEquals(csv.printAll(), parquet.printAll(), "Parquet");
        assertEquals(csv.printAll(), jsonl.printAll(), "JSON Lines");
        assertEquals(csv.structure().printAll(), parquet.structure().printAll());
    }

    @Test
    void parquetColumnsInAnotherOrderFollowTheSchema() {
        List<Data.Column> reordered = List.of(IRIS.get(4), IRIS.get(0), IRIS.get(1), IRIS.get(2), IRIS.get(3));
        Table t = DataLoader.load(spec(FORMATS.resolve("iris.parquet").toString(), Data.Format.PARQUET, reordered), dir);
        assertEquals(List.of("species", "sepal_length", "sepal_width", "petal_length", "petal_width"), t.columnNames());
        assertEquals("setosa", t.stringColumn("species").get(0));
        assertEquals(5.1, t.doubleColumn("sepal_length").get(0));
    }

    @Test
    void aParquetFileThatDoesNotMatchTheSchemaIsNamed() {
        List<Data.Column> other = List.of(col("sepal_length", ColumnType.NUMBER), col("colour", ColumnType.CATEGORY));
        String m = error(spec(FORMATS.resolve("iris.parquet").toString(), Data.Format.PARQUET, other));
        assertTrue(m.contains("the file's columns does not match") && m.contains("missing `colour`")
                && m.contains("unexpected `sepal_width`"), m);
        String typed = error(spec(FORMATS.resolve("iris.parquet").toString(), Data.Format.PARQUET,
                List.of(IRIS.get(0), IRIS.get(1), IRIS.get(2), IRIS.get(3), col("species", ColumnType.NUMBER))));
        assertTrue(typed.matches("`.*iris.parquet`: row 1, column `species`: .*setosa.*"), typed);
    }

    @Test
    void aFileThatIsNotParquetIsSaidSo() throws IOException {
        write("fake.parquet", "sepal_length,species\n1,a\n");
        String m = error(spec("fake.parquet", Data.Format.PARQUET, IRIS));
        assertTrue(m.startsWith("`fake.parquet`: not a Parquet file that can be read"), m);
        assertTrue(error(spec("absent.parquet", Data.Format.PARQUET, IRIS)).startsWith("`absent.parquet`: no such file"));
    }

    @Test
    void jsonLinesMissingKeysAndNullsAreMissingValues() throws IOException {
        write("rows.jsonl", "{\"n\": 1, \"c\": \"a\", \"b\": true}\n\n{\"n\": null, \"c\": \"NA\"}\n{\"b\": false, \"n\": 2.5e1}\n");
        Table t = DataLoader.load(spec("rows.jsonl", Data.Format.JSONL, List.of(col("n", ColumnType.NUMBER),
                col("c", ColumnType.CATEGORY), col("b", ColumnType.BOOLEAN))), dir);
        assertEquals(3, t.rowCount());
        assertEquals(1, t.doubleColumn("n").countMissing());
        assertEquals(25.0, t.doubleColumn("n").get(2));
        assertEquals(2, t.stringColumn("c").countMissing());
        assertEquals(1, t.booleanColumn("b").countMissing());
    }

    @Test
    void jsonLinesProblemsNameTheLine() throws IOException {
        List<Data.Column> cols = List.of(col("n", ColumnType.NUMBER), col("c", ColumnType.CATEGORY));
        write("nested.jsonl", "{\"n\": 1, \"c\": \"a\"}\n{\"n\": 2, \"c\": {\"x\": 1}}\n");
        assertEquals("`nested.jsonl`: line 2, column `c`: an object, not a value (rows must be flat)",
                error(spec("nested.jsonl", Data.Format.JSONL, cols)));
        write("extra.jsonl", "{\"n\": 1, \"c\": \"a\"}\n{\"n\": 2, \"c\": \"b\", \"z\": 0}\n");
        assertEquals("`extra.jsonl`: line 2 has the key `z`, which the first line does not have (the first line names "
                + "every column)", error(spec("extra.jsonl", Data.Format.JSONL, cols)));
        write("broken.jsonl", "{\"n\": 1, \"c\": \"a\"}\n{\"n\": 2, \"c\": \"b\"\n");
        String broken = error(spec("broken.jsonl", Data.Format.JSONL, cols));
        assertTrue(broken.startsWith("`broken.jsonl`: line 2 is not valid JSON: ") && !broken.contains("Strictness")
                && !broken.contains("path $"), broken);
        write("array.jsonl", "[1, \"a\"]\n");
        assertEquals("`array.jsonl`: line 1 is not a JSON object but an array (a JSON Lines table holds one object a line)",
                error(spec("array.jsonl", Data.Format.JSONL, cols)));
        write("two.jsonl", "{\"n\": 1, \"c\": \"a\"} {\"n\": 2, \"c\": \"b\"}\n");
        assertEquals("`two.jsonl`: line 1 has more after its first JSON value (one object a line)",
                error(spec("two.jsonl", Data.Format.JSONL, cols)));
        write("empty.jsonl", "\n\n");
        assertEquals("`empty.jsonl` has no rows: a JSON Lines file holds one JSON object per line",
                error(spec("empty.jsonl", Data.Format.JSONL, cols)));
        write("typed.jsonl", "{\"n\": 1, \"c\": \"a\"}\n{\"n\": \"many\", \"c\": \"b\"}\n");
        String typed = error(spec("typed.jsonl", Data.Format.JSONL, cols));
        assertTrue(typed.startsWith("`typed.jsonl`: row 2, column `n`: ") && typed.contains("many"), typed);
    }
}
