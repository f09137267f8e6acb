package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.mlx.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, part 1, end to end: two real runs of the cars example, the second with another seed,
 * then {@code mlx runs} (table and JSON), {@code mlx diff}, the report's comparison, a run that
 * stops halfway (nothing recorded before it is lost, the promoted run stays), {@code mlx runs prune}
 * (never the promoted run) and a damaged store (a clear error, never a stack trace).
 */
class RunHistoryTest {
    private static final Path CARS = Path.of("examples/cars/cars.mlx");
    private static final Set<String> VERDICTS = Set.of("better", "worse", "within noise", "same", "new", "gone", "unknown");

    /** What one command printed, and its exit code. */
    record Ran(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** {@code mlx ARGS} in this process, its console and the run's console captured. */
    static Ran mlx(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream console = System.out;
        PrintStream errors = System.err;
        ByteArrayOutputStream runConsole = new ByteArrayOutputStream();
        int exit;
        try {
            PrintStream both = new PrintStream(runConsole, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
        return new Ran(exit, out + runConsole.toString(StandardCharsets.UTF_8), err.toString());
    }

    static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    static List<String> runIds(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twoRunsAreRecordedListedComparedAndPruned(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Ran first = mlx("run", CARS.toString(), "--out", out.toString());
        assertEquals(0, first.exit(), first.all());
        List<String> ids = runIds(out);
        assertEquals(1, ids.size(), ids.toString());
        String id1 = ids.get(0);
        assertTrue(id1.matches("\\d{8}-\\d{6}-\\d{3}"), id1);
        assertEquals(id1, Files.readString(out.resolve("runs/PROMOTED")).strip());
        // one copy: the top of the folder is the promoted run's files, the report statement's file among them
        assertEquals(Files.readString(out.resolve("runs").resolve(id1).resolve("run.json")), Files.readString(out.resolve("run.json")));
        assertTrue(Files.exists(out.resolve("runs").resolve(id1).resolve("cars.html")), "report \"cars.html\" is in the run folder");
        assertTrue(Files.exists(out.resolve("cars.html")), "and at the top of the output folder");
        assertFalse(Files.exists(out.resolve("out")), "no second tree inside the output folder");
        JsonObject record1 = json(out.resolve("run.json")).getAsJsonObject("run");
        assertEquals(id1, record1.get("id").getAsString());
        assertEquals(42, record1.getAsJsonObject("parameters").get("seed").getAsInt());
        assertEquals(0, record1.getAsJsonArray("compared").size(), "nothing to compare the first run with");

        Ran second = mlx("run", CARS.toString(), "--out", out.toString(), "--set", "seed=7");
        assertEquals(0, second.exit(), second.all());
        ids = runIds(out);
        assertEquals(2, ids.size(), ids.toString());
        String id2 = ids.get(1);
        assertTrue(id2.compareTo(id1) > 0, "ids sort by time");
        assertEquals(id2, Files.readString(out.resolve("runs/PROMOTED")).strip());
        assertEquals(id1, json(out.resolve("runs").resolve(id1).resolve("run.json")).getAsJsonObject("run").get("id").getAsString(),
                "the first run's folder keeps the first run");
        JsonObject record2 = json(out.resolve("run.json")).getAsJsonObject("run");
        assertEquals(id2, record2.get("id").getAsString());
        assertEquals("7", record2.getAsJsonObject("set").get("seed").getAsString());
        JsonObject compared = record2.getAsJsonArray("compared").get(0).getAsJsonObject();
        assertEquals("previous", compared.get("against").getAsString());
        assertEquals(id1, compared.get("id").getAsString());
        assertTrue(compared.get("file_diff").isJsonNull(), "the same file");
        assertTrue(compared.getAsJsonObject("data").get("same").getAsBoolean(), "the same data");
        JsonArray params = compared.getAsJsonArray("parameters");
        assertEquals(1, params.size(), params.toString());
        assertEquals("seed", params.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(42, params.get(0).getAsJsonObject().get("before").getAsInt());
        assertEquals(7, params.get(0).getAsJsonObject().get("after").getAsInt());
        JsonArray metrics = compared.getAsJsonArray("metrics");
        assertTrue(metrics.size() >= 16, "every metric of every model, cv and holdout: " + metrics.size());
        boolean changed = false;
        for (JsonElement m : metrics) {
            JsonObject o = m.getAsJsonObject();
            assertTrue(VERDICTS.contains(o.get("verdict").getAsString()), o.toString());
            if ("cv".equals(o.get("on").getAsString()) && o.get("difference").isJsonPrimitive()
                    && o.get("difference").getAsDouble() != 0) {
                changed = true;
                assertTrue(o.get("noise").isJsonPrimitive(), "a cross-validated change has its noise: " + o);
            }
        }
        assertTrue(changed, "another seed gives other folds, so some cross-validated score moves");
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("Compared with earlier runs"), "the report has the section");
        assertTrue(report.contains("Compared with the previous run " + id1), "and names the run it compares with");
        assertTrue(report.contains("within noise") || report.contains("better") || report.contains("worse"), "with verdicts");

        Ran table = mlx("runs", "--out", out.toString());
        assertEquals(0, table.exit(), table.all());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).startsWith("cars"), table.out());
        String header = lines.get(1);
        int status = header.indexOf("status");
        int set = header.indexOf("set");
        String row1 = lines.stream().filter(l -> l.startsWith(id1)).findFirst().orElseThrow();
        String row2 = lines.stream().filter(l -> l.startsWith(id2)).findFirst().orElseThrow();
        assertEquals("passed", row1.substring(status, status + 6), "aligned:\n" + table.out());
        assertEquals("passed", row2.substring(status, status + 6), "aligned:\n" + table.out());
        assertTrue(row2.startsWith(id2 + " *"), "the promoted run is marked:\n" + table.out());
        assertTrue(row2.substring(set).startsWith("seed=7"), table.out());
        assertTrue(row1.substring(set).startsWith("-"), table.out());

        Ran asJson = mlx("runs", "--out", out.toString(), "--format", "json");
        assertEquals(0, asJson.exit(), asJson.all());
        JsonArray runs = JsonParser.parseString(asJson.out()).getAsJsonArray();
        assertEquals(2, runs.size());
        assertEquals(id1, runs.get(0).getAsJsonObject().get("id").getAsString());
        assertTrue(runs.get(1).getAsJsonObject().get("promoted").getAsBoolean());
        assertEquals("seed", runs.get(1).getAsJsonObject().getAsJsonArray("set").get(0).getAsString());
        JsonObject metric = runs.get(1).getAsJsonObject().getAsJsonArray("metrics").get(0).getAsJsonObject();
        assertTrue(metric.has("cv_mean") && metric.has("cv_sd") && metric.has("holdout"), metric.toString());
        assertEquals(json(out.resolve("run.json")).getAsJsonObject("data").get("sha256").getAsString(),
                runs.get(1).getAsJsonObject().get("data_sha256").getAsString());

        Ran diff = mlx("diff", "latest~1", "latest", "--out", out.toString());
        assertEquals(0, diff.exit(), diff.all());
        assertTrue(diff.out().contains("run " + id1 + " (passed) -> run " + id2), diff.out());
        assertTrue(diff.out().contains("file: the same"), diff.out());
        assertTrue(diff.out().contains("data: the same"), diff.out());
        assertTrue(diff.out().contains("$seed  42 -> 7"), diff.out());
        assertTrue(diff.out().contains("within noise") || diff.out().contains("better") || diff.out().contains("worse"), diff.out());
        Ran byPrefix = mlx("diff", id1.substring(0, id1.length() - 2), "promoted", "--out", out.toString());
        assertEquals(diff.out(), byPrefix.out(), "a prefix and `promoted` name the same runs");
        Ran unknown = mlx("diff", "nope", "latest", "--out", out.toString());
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("error: no run `nope` of `cars`"), unknown.err());
        assertFalse(unknown.all().contains("Exception"), unknown.all());

        // A run that stops halfway (its data is not where --base says): recorded as an error, and
        // everything recorded before it, and the promoted run, are as they were.
        byte[] promotedModel = Files.readAllBytes(out.resolve("model.tribuo"));
        SourceFile file = SourceFile.read(CARS);
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = ExperimentCompiler.runInProcess(compiled, file.directory(), new String[] {"--out", out.toString(), "--base",
                empty.toString()});
        } finally {
            System.setOut(console);
        }
        assertEquals(1, exit, captured.toString(StandardCharsets.UTF_8));
        assertEquals(id2, Files.readString(out.resolve("runs/PROMOTED")).strip(), "a failed run is not promoted");
        assertTrue(java.util.Arrays.equals(promotedModel, Files.readAllBytes(out.resolve("model.tribuo"))), "the served model stays");
        JsonArray after = JsonParser.parseString(mlx("runs", "--out", out.toString(), "--format", "json").out()).getAsJsonArray();
        assertEquals(3, after.size());
        assertEquals(runs.get(0), after.get(0), "the first run's record is as it was");
        assertEquals(runs.get(1), after.get(1), "the second run's record is as it was");
        JsonObject failed = after.get(2).getAsJsonObject();
        assertEquals("error", failed.get("status").getAsString());
        assertTrue(failed.get("message").getAsString().contains("cars.csv"), failed.toString());
        Ran noJson = mlx("diff", "latest~1", "latest", "--out", out.toString());
        assertEquals(1, noJson.exit());
        assertTrue(noJson.err().contains("has no run.json (error"), noJson.err());

        // prune keeps the newest (the failed run) and, always, the promoted one
        Ran prune = mlx("runs", "prune", "--keep", "1", "--out", out.toString());
        assertEquals(0, prune.exit(), prune.all());
        assertTrue(prune.out().contains("pruned 1 run of `cars` (" + id1 + "); 2 left"), prune.out());
        assertFalse(Files.exists(out.resolve("runs").resolve(id1)), "its folder is gone");
        assertTrue(Files.exists(out.resolve("runs").resolve(id2).resolve("model.tribuo")), "the promoted run stays");
        assertEquals(2, JsonParser.parseString(mlx("runs", "--out", out.toString(), "--format", "json").out()).getAsJsonArray().size());
        assertEquals(1, mlx("runs", "prune", "--keep", "1", "--out", out.toString()).out().lines()
                .filter(l -> l.startsWith("pruned 0 runs")).count(), "nothing more to prune");

        // A damaged store is a clear error, for listing and for running; the run folders are untouched.
        Files.writeString(out.resolve("runs.db"), "this is not a database, it was overwritten by mistake\n".repeat(200));
        Ran damaged = mlx("runs", "--out", out.toString());
        assertEquals(1, damaged.exit(), damaged.all());
        assertTrue(damaged.err().startsWith("error: cannot open the run store"), damaged.err());
        assertTrue(damaged.err().contains("move it aside"), damaged.err());
        assertFalse(damaged.all().contains("\tat "), damaged.all());
        List<String> before = runIds(out);
        Ran runOnDamaged = mlx("run", CARS.toString(), "--out", out.toString());
        assertEquals(1, runOnDamaged.exit(), runOnDamaged.all());
        assertTrue(runOnDamaged.all().contains("error: cannot open the run store"), runOnDamaged.all());
        assertFalse(runOnDamaged.all().contains("internal error"), runOnDamaged.all());
        assertEquals(before, runIds(out), "no run folder was made");
        assertNotEquals(0, Files.size(out.resolve("runs").resolve(id2).resolve("run.json")));
    }
}
