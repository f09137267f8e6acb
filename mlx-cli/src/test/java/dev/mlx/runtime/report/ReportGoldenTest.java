package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import dev.mlx.testing.Golden;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The report model of every example, as JSON, against a golden file (update with
 * {@code -Dmlx.update=true}), built from the example's real run.json with the values that differ
 * between runs and machines (times, latencies, sizes and hashes of model files, paths, the
 * environment) pinned. Also: the run wrote report.html beside run.json, re-rendering that run.json
 * gives the same page, and the page stays under 3 MB.
 */
class ReportGoldenTest {
    static final List<String> SECTIONS = List.of("verdict", "scope", "data", "checks", "features", "feature-review", "models",
            "evaluation", "accountability", "operationalization", "feedback", "drift", "history", "provenance");
    /** Keys whose values are times, machine facts or bytes of files that embed a timestamp. */
    private static final Set<String> VOLATILE = Set.of("timings", "train_ms", "ms", "latency_ms", "model_bytes", "environment",
            "provenance", "jar");

    private static final com.google.gson.Gson FLAT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    @TestFactory
    Stream<DynamicTest> everyExamplesReportModelMatchesItsGoldenFile() {
        return ExampleRuns.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path out = ExampleRuns.out(name);
            JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
            Path html = out.resolve("report.html");
            assertTrue(Files.exists(html), "the run wrote report.html beside run.json");
            String page = Files.readString(html, StandardCharsets.UTF_8);
            assertEquals(ReportRenderer.render(RunJson.read(out.resolve("run.json"))), page,
                    "rendering run.json again gives the page of the run");
            assertTrue(page.getBytes(StandardCharsets.UTF_8).length < 3_000_000, name + " report under 3 MB");
            for (String id : SECTIONS) {
                assertTrue(page.contains("<section id=\"" + id + "\""), name + " has section " + id);
            }
            Report model = ReportBuilder.build(RunJson.decode(pin(run), RunResult.class));
            assertEquals(SECTIONS, model.sections().stream().map(Report.Section::id).toList());
            String json = compact(new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJsonTree(model), "") + "\n";
            Golden.assertMatches(Repo.module("src/test/resources/report").resolve(name + ".json"), json,
                    "report model of " + name);
        }));
    }

    /** Pretty JSON with every object or array of plain values on one line: readable diffs, a tenth of the size. */
    static String compact(JsonElement e, String indent) {
        if (e.isJsonPrimitive() || e.isJsonNull() || flat(e)) {
            return FLAT.toJson(e);
        }
        String inner = indent + "  ";
        StringBuilder sb = new StringBuilder();
        if (e.isJsonArray()) {
            sb.append("[\n");
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                sb.append(inner).append(compact(a.get(i), inner)).append(i + 1 < a.size() ? ",\n" : "\n");
            }
            return sb.append(indent).append(']').toString();
        }
        sb.append("{\n");
        List<Map.Entry<String, JsonElement>> entries = List.copyOf(e.getAsJsonObject().entrySet());
        for (int i = 0; i < entries.size(); i++) {
            sb.append(inner).append(FLAT.toJson(entries.get(i).getKey())).append(": ")
                    .append(compact(entries.get(i).getValue(), inner)).append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        return sb.append(indent).append('}').toString();
    }

    private static boolean flat(JsonElement e) {
        Iterable<JsonElement> children = e.isJsonArray() ? e.getAsJsonArray() : e.getAsJsonObject().entrySet().stream()
                .map(Map.Entry::getValue).toList();
        for (JsonElement c : children) {
            if (!(c.isJsonPrimitive() || c.isJsonNull())) {
                return false;
            }
        }
        return true;
    }

    /** A copy of run.json with every value that legitimately differs between runs replaced by a fixed one. */
    static JsonObject pin(JsonObject run) {
        JsonObject copy = run.deepCopy();
        pinIn(copy);
        // the run's id and start are times; its commit is whatever the work tree has checked out
        if (copy.get("run") instanceof JsonObject record) {
            record.addProperty("id", "20261207-000000-000");
            record.addProperty("started", "2026-12-07T00:00:00Z");
            record.add("git", com.google.gson.JsonNull.INSTANCE);
        }
        for (JsonElement e : copy.has("exports") ? copy.getAsJsonArray("exports") : new JsonArray()) {
            JsonObject x = e.getAsJsonObject();
            if (x.has("bytes")) {
                x.addProperty("bytes", 1000);
                x.addProperty("sha256", "0".repeat(64));
            }
            x.addProperty("path", Path.of(x.get("path").getAsString()).getFileName().toString());
        }
        // A latency gate's observed value is a time too.
        if (copy.get("evaluation") instanceof JsonObject ev && ev.get("gates") instanceof JsonArray gates) {
            for (JsonElement g : gates) {
                if ("latency".equals(g.getAsJsonObject().get("metric").getAsString())) {
                    g.getAsJsonObject().addProperty("observed", 0.5);
                }
            }
        }
        return copy;
    }

    private static void pinIn(JsonElement e) {
        if (e instanceof JsonObject o) {
            for (Map.Entry<String, JsonElement> kv : o.entrySet()) {
                if (VOLATILE.contains(kv.getKey()) && !kv.getValue().isJsonNull()) {
                    kv.setValue(pinned(kv.getValue()));
                } else {
                    pinIn(kv.getValue());
                }
            }
        } else if (e instanceof JsonArray a) {
            a.forEach(ReportGoldenTest::pinIn);
        }
    }

    private static JsonElement pinned(JsonElement v) {
        if (v.isJsonPrimitive()) {
            return v.getAsJsonPrimitive().isNumber() ? new JsonPrimitive(1) : new JsonPrimitive("pinned");
        }
        if (v.isJsonObject()) {
            JsonObject o = new JsonObject();
            v.getAsJsonObject().keySet().forEach(k -> o.add(k, pinned(v.getAsJsonObject().get(k))));
            return o;
        }
        return new JsonArray();
    }
}
