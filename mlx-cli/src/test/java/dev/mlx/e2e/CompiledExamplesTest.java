package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every example compiled to a jar and run with {@code java -jar} in a fresh JVM, with assertions on
 * what a user would look at: exit code, run.json (status, metrics in sane ranges for the data),
 * the predictions file, and {@code predict} reproducing the in-run predictions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompiledExamplesTest {
    private Path work;

    @BeforeAll
    void folder() throws IOException {
        work = Repo.module("target/e2e");
        Files.createDirectories(work);
    }

    static Path compile(Path mlx, Path jar) throws IOException {
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        CheckResult r = Checker.check(file, CheckOptions.defaults(), d);
        assertTrue(!d.hasErrors(), "example checks clean: " + mlx);
        Plan plan = Planner.plan(file, r, "test");
        ExperimentCompiler.writeJar(ExperimentCompiler.compile(plan), jar, file.directory(), "test");
        return jar;
    }

    record Result(int exit, String out, String err) {
    }

    static Result java(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx2g");
        cmd.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    static JsonObject runJson(Path out) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
    }

    static double holdout(JsonObject run, String metric) {
        JsonObject ev = run.getAsJsonObject("evaluation");
        String selected = ev.getAsJsonObject("selection").get("selected").getAsString();
        for (JsonElement m : ev.getAsJsonArray("models")) {
            JsonObject model = m.getAsJsonObject();
            if (model.get("name").getAsString().equals(selected)) {
                return model.getAsJsonObject("holdout").get(metric).getAsDouble();
            }
        }
        throw new AssertionError("selected model not found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "iris,        accuracy,          0.85, 1.0",
        "breast-cancer, f1,              0.90, 1.0",
        "penguins,    macro_f1,          0.90, 1.0",
        "cars,        r2,                0.60, 1.0",
        "text,        balanced_accuracy, 0.50, 1.0",
        "seattle-weather, silhouette,    0.05, 1.0"})
    void exampleJarRunsInAFreshJvm(String name, String metric, double low, double high) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path jar = compile(Path.of("examples", name, name + ".mlx"), dir.resolve(name + ".jar"));
        Path out = dir.resolve("out");
        Result r = java(dir, "-jar", jar.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString());
        JsonObject run = runJson(out);
        assertEquals("passed", run.get("status").getAsString(), r.out() + r.err());
        assertEquals(0, r.exit(), r.out() + r.err());
        double v = holdout(run, metric);
        assertTrue(v >= low && v <= high, name + " " + metric + " = " + v);
        assertTrue(r.out().contains("<- selected"), "the console shows the results table:\n" + r.out());
        assertTrue(r.err().isBlank(), "nothing on stderr:\n" + r.err());

        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"), StandardCharsets.UTF_8);
        int holdoutRows = run.getAsJsonObject("split").get("holdout").getAsInt();
        assertEquals(holdoutRows + 1, predictions.size(), "one prediction per holdout row");
        assertTrue(Files.size(out.resolve("report.html")) > 10_000, "the jar wrote the HTML report beside run.json");
        assertEquals(name + ".jar", run.getAsJsonObject("source").get("jar").getAsString());
        // the jar's own libraries name their own versions: the ones the build pins, not mlx's
        String pom = Files.readString(Path.of("pom.xml"));
        for (String library : List.of("tablesaw", "tribuo")) {
            java.util.regex.Matcher pinned = java.util.regex.Pattern.compile("<" + library + "\\.version>([^<]+)<").matcher(pom);
            assertTrue(pinned.find(), library + " is pinned in the parent pom");
            assertEquals(pinned.group(1), run.getAsJsonObject("environment").get(library).getAsString(), library + " version");
        }
    }

    @Test
    void predictReproducesTheRunsPredictionsAndRejectsBadInput() throws Exception {
        Path dir = Files.createDirectories(work.resolve("predict"));
        Path jar = compile(Path.of("examples/penguins/penguins.mlx"), dir.resolve("penguins.jar"));
        Path out = dir.resolve("out");
        Result r = java(dir, "-jar", jar.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        // The whole data file through predict: its holdout rows must score exactly as in the run.
        Path all = Path.of("examples/penguins/data/penguins.csv").toAbsolutePath();
        Path scored = dir.resolve("scored.csv");
        Result p = java(dir, "-jar", jar.toAbsolutePath().toString(), "predict", all.toString(), "-o",
                scored.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString());
        assertEquals(0, p.exit(), p.out() + p.err());
        Map<String, String> byId = new java.util.HashMap<>();
        for (String line : Files.readAllLines(scored).subList(1, Files.readAllLines(scored).size())) {
            String[] f = line.split(",", -1);
            byId.put(f[1], line.substring(line.indexOf(',', line.indexOf(',') + 1) + 1));
        }
        List<String> inRun = Files.readAllLines(out.resolve("predictions.csv"));
        assertTrue(inRun.size() > 10);
        for (String line : inRun.subList(1, inRun.size())) {
            String[] f = line.split(",", -1);
            assertEquals(line.substring(line.indexOf(',', line.indexOf(',') + 1) + 1), byId.get(f[1]),
                    "prediction of penguin " + f[1]);
        }
        // A file without a required column is refused by name, with exit code 1 and no stack trace.
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "penguin_id,island\n1,Biscoe\n");
        Result b = java(dir, "-jar", jar.toAbsolutePath().toString(), "predict", bad.toAbsolutePath().toString(), "-o",
                dir.resolve("bad-out.csv").toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString());
        assertEquals(1, b.exit(), b.out() + b.err());
        assertTrue(b.err().contains("missing `beak_length_mm`"), b.err());
        assertTrue(!b.err().contains("\tat "), "no stack trace: " + b.err());
        Result help = java(dir, "-jar", jar.toAbsolutePath().toString(), "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("predict"), help.out());
    }

    @Test
    void sameSeedSameMetricsAndSetChangesTheSeed() throws Exception {
        Path dir = Files.createDirectories(work.resolve("determinism"));
        Path jar = compile(Path.of("examples/iris/iris.mlx"), dir.resolve("iris.jar"));
        String j = jar.toAbsolutePath().toString();
        java(dir, "-jar", j, "--out", dir.resolve("a").toAbsolutePath().toString());
        java(dir, "-jar", j, "--out", dir.resolve("b").toAbsolutePath().toString());
        JsonArray a = runJson(dir.resolve("a")).getAsJsonObject("evaluation").getAsJsonArray("models");
        JsonArray b = runJson(dir.resolve("b")).getAsJsonObject("evaluation").getAsJsonArray("models");
        assertEquals(metricsOnly(a), metricsOnly(b));
        Result seven = java(dir, "-jar", j, "--out", dir.resolve("c").toAbsolutePath().toString(), "--set", "seed=7");
        assertEquals(0, seven.exit(), seven.out() + seven.err());
        assertEquals(7, runJson(dir.resolve("c")).get("seed").getAsLong());
    }

    /** Metrics, without the timings that legitimately differ between runs. */
    private static String metricsOnly(JsonArray models) {
        StringBuilder sb = new StringBuilder();
        for (JsonElement m : models) {
            JsonObject o = m.getAsJsonObject();
            sb.append(o.get("name")).append(o.get("cv")).append(o.get("holdout"));
        }
        return sb.toString();
    }

    @Test
    void badDataAtRunTimeIsAMessageNotAStackTrace() throws Exception {
        Path dir = Files.createDirectories(work.resolve("baddata"));
        Path jar = compile(Path.of("examples/iris/iris.mlx"), dir.resolve("iris.jar"));
        String j = jar.toAbsolutePath().toString();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/data"));
        Files.writeString(elsewhere.resolve("iris.csv"),
                "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n4.9,3.0\n");
        Result ragged = java(dir, "-jar", j, "--base", dir.resolve("elsewhere").toAbsolutePath().toString(), "--out",
                dir.resolve("o1").toAbsolutePath().toString());
        assertEquals(1, ragged.exit(), ragged.out() + ragged.err());
        assertTrue(ragged.err().contains("row 3"), ragged.err());
        assertTrue(!ragged.err().contains("\tat "), ragged.err());
        Result missing = java(dir, "-jar", j, "--base", dir.resolve("nowhere").toAbsolutePath().toString(), "--out",
                dir.resolve("o2").toAbsolutePath().toString());
        assertEquals(1, missing.exit(), missing.out() + missing.err());
        assertTrue(missing.err().startsWith("error: "), missing.err());
        Result badSet = java(dir, "-jar", j, "--set", "seed=abc");
        assertEquals(1, badSet.exit(), badSet.out() + badSet.err());
        assertTrue(badSet.err().contains("not a number"), badSet.err());
        Result badOption = java(dir, "-jar", j, "--bogus");
        assertEquals(2, badOption.exit(), badOption.out() + badOption.err());
    }

    @Test
    void failingChecksStopTheRunWithExitCodeOne() throws Exception {
        Path dir = Files.createDirectories(work.resolve("failing"));
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("examples/iris/data/iris.csv"), dir.resolve("data/iris.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("strict.mlx"), """
                experiment strict "Does a failed check stop the run?" {
                  scope { task classification; target species }
                  data { source csv "data/iris.csv" }
                  checks { rows >= 1000; sepal_length in 5..6 warn }
                  models { baseline base; logistic lr }
                  features { standardize sepal_length, sepal_width, petal_length, petal_width }
                }
                """);
        Path jar = compile(dir.resolve("strict.mlx"), dir.resolve("strict.jar"));
        Result r = java(dir, "-jar", jar.toAbsolutePath().toString(), "--out", dir.resolve("out").toAbsolutePath().toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("failed: rows >= 1000"), r.out());
        JsonObject run = runJson(dir.resolve("out"));
        assertEquals("failed checks", run.get("status").getAsString());
        assertTrue(!run.has("evaluation"), "nothing was trained");
    }
}
