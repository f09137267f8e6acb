package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlx init}, {@code mlx check} and {@code mlx run} in process, with no edit between them, on
 * real tables nobody here tuned for (the corpus's quick subset, committed under
 * bench/corpus/quick/) and on tables made to have what used to stop a starter: a strong genuine
 * feature, blank columns, a unique name column past the distinct-value cap, free text. Each must
 * check clean and run to the end with status {@code passed}.
 */
class CorpusQuickTest {
    private static final Path QUICK = Path.of("bench/corpus/quick");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run mlx(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** init → check → run; the run's status. */
    private void initCheckRun(Path csv, String name, String... target) throws IOException {
        Path mlx = dir.resolve(name + "/" + name + ".mlx");
        List<String> init = new ArrayList<>(List.of("init", csv.toAbsolutePath().toString(), "-o", mlx.toString()));
        init.addAll(List.of(target));
        Run i = mlx(init.toArray(String[]::new));
        assertEquals(Main.OK, i.code(), "init: " + i.err());
        String text = Files.readString(mlx);
        Run c = mlx("check", mlx.toString());
        assertEquals(Main.OK, c.code(), "check:\n" + c.out() + c.err() + "\n" + text);
        Path out = dir.resolve(name + "/out");
        Run r = mlx("run", mlx.toString(), "--out", out.toString());
        String status = Files.exists(out.resolve("run.json"))
                ? JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject().get("status")
                        .getAsString()
                : "no run.json";
        assertEquals("passed", status, "run:\n" + r.out() + r.err() + "\n" + text);
        assertEquals(Main.OK, r.code(), r.err());
        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        assertTrue(run.has("evaluation"), "the run evaluated its models");
    }

    @TestFactory
    Stream<DynamicTest> theQuickCorpusRunsFromInitWithoutEdits() {
        return Stream.of(
                DynamicTest.dynamicTest("iris", () -> initCheckRun(QUICK.resolve("iris.csv"), "iris", "--target", "species")),
                DynamicTest.dynamicTest("wine", () -> initCheckRun(QUICK.resolve("wine.csv"), "wine", "--target", "cultivar")),
                DynamicTest.dynamicTest("diabetes", () -> initCheckRun(QUICK.resolve("diabetes.csv"), "diabetes",
                        "--target", "progression")),
                DynamicTest.dynamicTest("olive", () -> initCheckRun(QUICK.resolve("olive.csv"), "olive",
                        "--task", "clustering")));
    }

    private Path table(String name, String header, int rows, java.util.function.IntFunction<String> row)
            throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    @TestFactory
    Stream<DynamicTest> whatUsedToStopAStarterRunsToTheEnd() {
        return Stream.of(
                // One genuine feature separates three classes with an AUC near 0.95: no leakage stop.
                DynamicTest.dynamicTest("strong feature", () -> {
                    Random r = new Random(7);
                    initCheckRun(table("chem.csv", "a,b,cultivar", 300, i -> String.format(java.util.Locale.ROOT,
                            "%.4f,%.4f,%s", i % 3 + r.nextGaussian() * 0.35, r.nextGaussian(), "xyz".charAt(i % 3))),
                            "chem", "--target", "cultivar");
                }),
                // Blank pixel columns are dropped, not standardized and stopped on.
                DynamicTest.dynamicTest("blank pixels", () -> {
                    Random r = new Random(3);
                    initCheckRun(table("pixels.csv", "pixel_0_0,pixel_0_1,pixel_1_0,pixel_1_1,digit", 200,
                            i -> "0," + (i * 7 % 16) + ",0," + ((i % 4) * 3 + r.nextInt(6)) + "," + i % 4), "pixels",
                            "--target", "digit");
                }),
                // 1,500 unique names: an id-like column, not one-hot encoded.
                DynamicTest.dynamicTest("unique names", () -> {
                    Random r = new Random(5);
                    initCheckRun(table("packages.csv", "package,downloads,size,license", 1500,
                            i -> "pkg" + Integer.toString(i * 7919 % 100_000, 36) + "," + (i * 31 % 997) + ","
                                    + (i % 50) + "," + ((i % 50 < 20) != (r.nextInt(10) == 0) ? "A" : "B")),
                            "packages", "--target", "license");
                }),
                // Free text: tf-idf and linear models, quickly; one label in ten disagrees with the words.
                DynamicTest.dynamicTest("text", () -> {
                    Random r = new Random(9);
                    initCheckRun(table("reviews.csv", "review,stars", 300, i -> "\"great " + (i % 11) + " item, would "
                            + (i % 2 == 0 ? "buy" : "return") + " again " + (i % 7) + "\","
                            + ((i % 2 == 0) != (r.nextInt(10) == 0) ? "good" : "bad")), "reviews", "--target", "stars");
                }));
    }
}
