package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A compiled jar started with plain {@code java -jar} sizes its own heap from the data: a small
 * table runs in a heap of a few hundred MB whatever the machine's memory, and an explicit
 * {@code -Xmx} is kept as given. The heap the run had is in run.json's environment.
 */
class SizedHeapTest {
    @Test
    void plainJavaJarSizesTheHeapFromTheDataAndXmxWins() throws IOException, InterruptedException {
        Path dir = Repo.module("target/e2e/heap");
        Files.createDirectories(dir);
        Files.copy(Repo.root("examples/iris/data/iris.csv"), dir.resolve("iris.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("heap.mlx"), """
                experiment heap "Which iris is this?" {
                  scope { task classification; target species; metric accuracy }
                  data { source csv "iris.csv"; split holdout 20% stratified seed 1 }
                  models { baseline; logistic }
                  evaluate { holdout; metrics accuracy; select best by accuracy }
                }
                """);
        Path jar = CompiledExamplesTest.compile(dir.resolve("heap.mlx"), dir.resolve("heap.jar"));

        long sized = maxHeap(dir, jar, List.of());
        assertTrue(sized <= 300L << 20, "a 150-row table runs in about 256 MB, not " + (sized >> 20) + " MB");
        long given = maxHeap(dir, jar, List.of("-Xmx700m"));
        assertTrue(given > 600L << 20 && given <= 700L << 20, "-Xmx700m is kept: " + (given >> 20) + " MB");
    }

    private static long maxHeap(Path dir, Path jar, List<String> jvm) throws IOException, InterruptedException {
        Path out = dir.resolve("out" + jvm.size());
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run hung: " + output);
        assertEquals(0, p.exitValue(), output);
        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        return run.getAsJsonObject("environment").get("max_heap_bytes").getAsLong();
    }
}
