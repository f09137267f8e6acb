package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mlx.cli.Main;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The iris example read from Parquet and from JSON Lines (the same 150 rows, written by the runtime's
 * FormatFixtures): the Parquet experiment compiles to a jar that carries DuckDB's driver and runs
 * with plain {@code java -jar}; the JSON Lines one runs in the tool's process with {@code mlx run};
 * both select the same model with the same holdout score, since the data is the same.
 */
class FileFormatsRunTest {
    private static final Path FIXTURES = Path.of("mlx-runtime/src/test/resources/formats");

    @Test
    void parquetInAJarAndJsonLinesInProcessGiveTheSameRun() throws Exception {
        Path dir = Repo.module("target/e2e/formats");
        Files.createDirectories(dir.resolve("data"));
        String iris = Files.readString(Path.of("examples/iris/iris.mlx"));
        assertTrue(iris.contains("source csv \"data/iris.csv\""));
        Files.copy(FIXTURES.resolve("iris.parquet"), dir.resolve("data/iris.parquet"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(FIXTURES.resolve("iris.jsonl"), dir.resolve("data/iris.jsonl"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path parquet = dir.resolve("iris-parquet.mlx");
        Files.writeString(parquet, iris.replace("source csv \"data/iris.csv\"", "source parquet \"data/iris.parquet\""));
        Path jsonl = dir.resolve("iris-jsonl.mlx");
        Files.writeString(jsonl, iris.replace("source csv \"data/iris.csv\"", "source jsonl \"data/iris.jsonl\""));

        Path jar = CompiledExamplesTest.compile(parquet, dir.resolve("iris-parquet.jar"));
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertNotNull(jf.getEntry("org/duckdb/DuckDBDriver.class"), "the Parquet reader is in the jar");
            assertNotNull(jf.getEntry("dev/mlx/runtime/Runner.class"), "and the runtime");
        }
        Path csvJar = CompiledExamplesTest.compile(Path.of("examples/iris/iris.mlx"), dir.resolve("iris-csv.jar"));
        try (JarFile jf = new JarFile(csvJar.toFile())) {
            assertEquals(null, jf.getEntry("org/duckdb/DuckDBDriver.class"), "a CSV experiment's jar does without it");
        }
        Path parquetOut = dir.resolve("out-parquet");
        CompiledExamplesTest.Result run = CompiledExamplesTest.java(dir, "-jar", jar.toString(), "--out", parquetOut.toString());
        assertEquals(0, run.exit(), run.out() + run.err());

        Path jsonlOut = dir.resolve("out-jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", jsonl.toString(), "--out", jsonlOut.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(Main.OK, code, out + "\n" + err);

        JsonObject a = CompiledExamplesTest.runJson(parquetOut);
        JsonObject b = CompiledExamplesTest.runJson(jsonlOut);
        assertEquals(150, a.getAsJsonObject("data").get("rows").getAsInt(), a.getAsJsonObject("data").toString());
        assertEquals(a.getAsJsonObject("data").get("rows"), b.getAsJsonObject("data").get("rows"));
        String selected = a.getAsJsonObject("evaluation").getAsJsonObject("selection").get("selected").getAsString();
        assertEquals(selected, b.getAsJsonObject("evaluation").getAsJsonObject("selection").get("selected").getAsString());
        assertEquals(CompiledExamplesTest.holdout(a, "macro_f1"), CompiledExamplesTest.holdout(b, "macro_f1"));
    }
}
