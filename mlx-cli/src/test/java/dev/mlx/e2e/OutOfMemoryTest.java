package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run that outgrows its heap ends with the advice to give it more and exit code 1, and does not
 * hang. Here the main thread runs out; a helper thread of a parallel stage running out (which left
 * the 1,000,000-row benchmark waiting forever at -Xmx500m before Runner's handler) could not be
 * provoked reliably on data small enough for the suite.
 */
class OutOfMemoryTest {
    @Test
    void aHeapTooSmallForTheDataEndsTheRunWithAdvice() throws IOException, InterruptedException {
        Path dir = Repo.module("target/e2e/oom");
        Files.createDirectories(dir);
        Random rnd = new Random(1);
        try (Writer w = Files.newBufferedWriter(dir.resolve("big.csv"), StandardCharsets.UTF_8)) {
            w.write("a,b,c,d,g,y\n");
            for (int i = 0; i < 600_000; i++) {
                double a = rnd.nextGaussian();
                w.write(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,g%d,%d%n", a, rnd.nextGaussian(),
                        rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextInt(30), a + rnd.nextGaussian() > 0 ? 1 : 0));
            }
        }
        Files.writeString(dir.resolve("oom.mlx"), """
                experiment oom "Does y follow a?" {
                  scope {
                    task classification
                    target y
                    positive "1"
                    metric auc
                  }
                  data {
                    source csv "big.csv"
                    types { a: number, b: number, c: number, d: number, g: category, y: category }
                    split holdout 20% stratified seed 1
                  }
                  features {
                    onehot g
                    standardize a, b, c, d
                  }
                  models { baseline; logistic lr { epochs 1 } }
                  explain {}
                }
                """);
        Path jar = CompiledExamplesTest.compile(dir.resolve("oom.mlx"), dir.resolve("oom.jar"));
        for (String heap : List.of("-Xmx24m", "-Xmx96m")) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                    "-jar", jar.toAbsolutePath().toString(), "--out", dir.resolve("out").toAbsolutePath().toString())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the run with " + heap + " hung");
            assertEquals(1, p.exitValue(), heap + ": " + output);
            assertTrue(output.contains("error: the run needs more memory than the JVM may use"), heap + ": " + output);
            assertTrue(!output.contains("\tat "), "no stack trace: " + output);
        }
    }
}
