package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.cli.Main;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.runtime.history.OutputTree;
import dev.mlx.runtime.history.RunStore;
import dev.mlx.source.SourceFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, what is stored stays stored, end to end: {@code predict -o} and {@code mlx report -o}
 * onto the files of the output folder's top (links to the promoted run's own files) replace those
 * files and leave the run folder's bytes as the run wrote them, and refuse a file inside a run
 * folder; two runs of one experiment at once, in two processes, are both recorded and the top of the
 * output folder is one whole run, the one the store marks promoted.
 */
class StoredRunsTest {
    private static final String MLX = """
            experiment stored {
              params { seed = 3 }
              scope { task classification; target label }
              data { source csv "rows.csv"; split holdout 25% stratified seed $seed }
              models { baseline; logistic { epochs 5 } }
              evaluate { holdout; metrics accuracy; select best by accuracy }
            }
            """;

    private static ExperimentCompiler.Compiled compiled(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,z,label\n");
        for (int r = 0; r < 120; r++) {
            csv.append(r % 17).append(',').append((r * 7) % 5).append(',').append(r % 17 > 8 ? "a" : "b").append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString());
        Files.writeString(dir.resolve("new.csv"), "x,z\n3,1\n12,4\n");
        Files.writeString(dir.resolve("stored.mlx"), MLX);
        SourceFile file = SourceFile.read(dir.resolve("stored.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        return ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
    }

    @Test
    void writingOverTheLatestViewLeavesTheStoredRunByteIdentical(@TempDir Path dir) throws Exception {
        ExperimentCompiler.Compiled compiled = compiled(dir);
        Path out = dir.resolve("out");
        CapturedRun run = CapturedRun.of(compiled, dir, "--out", out.toString());
        assertEquals(0, run.exit(), run.output());
        String id = OutputTree.promoted(out);
        Path folder = OutputTree.runFolder(out, id);
        List<String> names = List.of("predictions.csv", "model.tribuo", "report.html", "run.json");
        Map<String, byte[]> before = new TreeMap<>();
        for (String name : names) {
            before.put(name, Files.readAllBytes(folder.resolve(name)));
            assertTrue(Files.isSameFile(folder.resolve(name), out.resolve(name)), "the top links the run's " + name);
        }

        // predict onto the top's predictions.csv and model.tribuo: the user's files replace them there, and only there
        CapturedRun scored = CapturedRun.of(compiled, dir, "predict", dir.resolve("new.csv").toString(), "-o",
                out.resolve("predictions.csv").toString(), "--out", out.toString());
        assertEquals(0, scored.exit(), scored.output());
        assertEquals(3, Files.readAllLines(out.resolve("predictions.csv")).size(), "the top's predictions.csv is the new one");
        CapturedRun overModel = CapturedRun.of(compiled, dir, "predict", dir.resolve("new.csv").toString(), "-o",
                out.resolve("model.tribuo").toString(), "--out", out.toString());
        assertEquals(0, overModel.exit(), overModel.output());
        Ran report = mlx("report", out.resolve("run.json").toString(), "-o", out.resolve("report.html").toString());
        assertEquals(0, report.exit(), report.err());
        for (String name : names) {
            assertArrayEquals(before.get(name), Files.readAllBytes(folder.resolve(name)), "run " + id + "'s " + name + " is as it wrote it");
        }
        assertFalse(Files.isSameFile(folder.resolve("model.tribuo"), out.resolve("model.tribuo")));

        // a file inside the run folder is refused, and nothing is written there
        Path inside = folder.resolve("mine.csv");
        CapturedRun refused = CapturedRun.of(compiled, dir, "predict", dir.resolve("new.csv").toString(), "-o", inside.toString(),
                "--out", out.toString());
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("inside the folder of run " + id), refused.output());
        assertFalse(Files.exists(inside));
        Ran refusedReport = mlx("report", out.resolve("run.json").toString(), "-o", folder.resolve("report.html").toString());
        assertEquals(1, refusedReport.exit(), refusedReport.err());
        assertTrue(refusedReport.err().contains("inside the folder of run " + id), refusedReport.err());
        assertArrayEquals(before.get("report.html"), Files.readAllBytes(folder.resolve("report.html")));
    }

    @Test
    void twoRunsAtOnceAreBothRecordedAndTheTopIsOneWholeRun(@TempDir Path dir) throws Exception {
        ExperimentCompiler.Compiled compiled = compiled(dir);
        Path jar = dir.resolve("stored.jar");
        ExperimentCompiler.writeJar(compiled, jar, dir, "test");
        Path out = dir.resolve("out");
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (String seed : List.of("3", "5")) {
            Path log = dir.resolve("run-" + seed + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-Xmx512m", "-jar", jar.toString(), "--out", out.toString(), "--set", "seed=" + seed, "--threads", "1")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            assertTrue(processes.get(i).waitFor(5, TimeUnit.MINUTES), "a run hung");
            assertEquals(0, processes.get(i).exitValue(), Files.readString(logs.get(i)));
        }

        List<RunStore.Entry> runs;
        try (RunStore store = RunStore.open(RunStore.defaultUrl(out))) {
            runs = store.runs("stored");
        }
        assertEquals(2, runs.size(), runs.toString());
        String promoted = OutputTree.promoted(out);
        for (RunStore.Entry r : runs) {
            assertEquals("passed", r.status(), r.toString());
            assertEquals(r.id().equals(promoted), r.promoted(), "the store marks the run the folder holds: " + r.id());
        }
        Path folder = OutputTree.runFolder(out, promoted);
        Map<String, byte[]> stored = new TreeMap<>();
        Map<String, byte[]> top = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                stored.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String relative = out.relativize(p).toString();
                if (!relative.startsWith(OutputTree.RUNS + "/") && !relative.startsWith(RunStore.FILE)) {
                    top.put(relative, Files.readAllBytes(p));
                }
            }
        }
        assertEquals(stored.keySet(), top.keySet(), "the top holds the files of run " + promoted + " and no other");
        stored.forEach((name, bytes) -> assertArrayEquals(bytes, top.get(name), name + " is run " + promoted + "'s"));
        JsonObject record = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject().getAsJsonObject("run");
        assertEquals(promoted, record.get("id").getAsString());

        Ran listed = mlx("runs", dir.resolve("stored.mlx").toString(), "--out", out.toString(), "--format", "json");
        assertEquals(0, listed.exit(), listed.err());
        JsonArray array = JsonParser.parseString(listed.out()).getAsJsonArray();
        List<String> ids = new ArrayList<>();
        for (JsonElement e : array) {
            ids.add(e.getAsJsonObject().get("id").getAsString());
        }
        assertEquals(runs.stream().map(RunStore.Entry::id).toList(), ids, "mlx runs lists both");
    }

    /** What {@code mlx ARGS} printed and its exit code. */
    record Ran(int exit, String out, String err) {
    }

    private static Ran mlx(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(exit, out.toString(), err.toString());
    }
}
