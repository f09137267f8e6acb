package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: run.json holds every hash serving checks (each Tribuo model's `sha256` and its
 * `pipeline_sha256`, the served variants named), equal to serving.json's, and `predict` checks the
 * files against run.json when serving.json is not there.
 */
class RunJsonHashesTest {
    @Test
    void runJsonRecordsWhatServingChecksAndPredictChecksAgainstIt(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int r = 0; r < 80; r++) {
            csv.append(r).append(',').append(r % 3 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString());
        Files.writeString(dir.resolve("new.csv"), "x\n3\n4\n");
        Files.writeString(dir.resolve("hashes.mlx"), """
                experiment hashes {
                  scope { task classification; target label }
                  data { source csv "rows.csv"; split holdout 25% stratified seed 3 }
                  models { baseline majority; baseline prior { strategy stratified } }
                  evaluate { holdout; metrics accuracy; select best by accuracy }
                  feedback { abtest majority vs prior split 50/50 }
                }
                """);
        SourceFile file = SourceFile.read(dir.resolve("hashes.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
        Path out = dir.resolve("out");
        CapturedRun run = CapturedRun.of(compiled, dir, "--out", out.toString());
        assertEquals(0, run.exit(), run.output());

        JsonObject runJson = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        JsonObject serving = JsonParser.parseString(Files.readString(out.resolve("serving.json"))).getAsJsonObject();
        Map<String, JsonObject> exported = new HashMap<>();
        for (JsonElement x : runJson.getAsJsonArray("exports")) {
            exported.put(Path.of(x.getAsJsonObject().get("path").getAsString()).getFileName().toString(), x.getAsJsonObject());
        }
        JsonObject model = runJson.getAsJsonArray("exports").get(0).getAsJsonObject();
        assertTrue(model.get("path").getAsString().endsWith("model.tribuo"), model.toString());
        assertEquals(sha256(out.resolve("model.tribuo")), model.get("sha256").getAsString());
        assertEquals(sha256(out.resolve("model.tribuo.pipeline")), model.get("pipeline_sha256").getAsString());
        assertNull(model.get("variant"), "with an A/B test model.tribuo is not what is served");
        for (JsonElement v : serving.getAsJsonArray("variants")) {
            JsonObject variant = v.getAsJsonObject();
            String name = variant.get("name").getAsString();
            JsonObject x = exported.get(name + ".tribuo");
            assertNotNull(x, "run.json lists the variant " + name + ": " + runJson.get("exports"));
            assertEquals(name, x.get("variant").getAsString());
            assertEquals(variant.get("sha256").getAsString(), x.get("sha256").getAsString());
            assertEquals(variant.get("pipeline_sha256").getAsString(), x.get("pipeline_sha256").getAsString());
            assertEquals(sha256(out.resolve(variant.get("file").getAsString())), x.get("sha256").getAsString());
        }

        // without serving.json, predict checks model.tribuo and its pipeline against run.json
        Files.delete(out.resolve("serving.json"));
        CapturedRun scored = CapturedRun.of(compiled, dir, "predict", dir.resolve("new.csv").toString(), "-o", dir.resolve("p.csv").toString(),
                "--out", out.toString());
        assertEquals(0, scored.exit(), scored.output());
        Path pipeline = out.resolve("model.tribuo.pipeline");
        String intact = Files.readString(pipeline);
        Files.writeString(pipeline, intact + " "); // still the same JSON, but not the file the run wrote
        CapturedRun tampered = CapturedRun.of(compiled, dir, "predict", dir.resolve("new.csv").toString(), "-o", dir.resolve("q.csv").toString(),
                "--out", out.toString());
        assertEquals(1, tampered.exit(), tampered.output());
        assertTrue(tampered.output().contains("pipeline file"), tampered.output());
        assertFalse(Files.exists(dir.resolve("q.csv")));

        Files.writeString(pipeline, intact);
        Files.delete(out.resolve("run.json"));
        CapturedRun unknown = CapturedRun.of(compiled, dir, "predict", dir.resolve("new.csv").toString(), "-o", dir.resolve("r.csv").toString(),
                "--out", out.toString());
        assertEquals(1, unknown.exit(), unknown.output());
        assertTrue(unknown.output().contains("no run of `hashes`"), unknown.output());
    }

    private static String sha256(Path p) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
