package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
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
import dev.mlx.testing.Repo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same experiment on one thread and on four writes the same run.json, apart from what is a
 * clock's reading (times, and the model file, whose provenance says when it was trained): folds, the models of the ladder and tuning trials run in parallel, and every one
 * of them draws its randomness from its own seed and lands in its own place.
 */
class ThreadsTest {
    /**
     * Keys whose values are times measured by the clock, or the thread count itself; and a model's
     * size in bytes, which holds its training time in a form whose length varies (12:00:01.5 vs 12:00:01.512).
     */
    private static final Set<String> CLOCK = Set.of("timings", "train_ms", "latency_ms", "ms", "environment", "model_bytes",
            "run"); // the run's id and start are clock readings too

    @Test
    void oneThreadAndFourWriteTheSameRunJson(@TempDir Path dir) throws Exception {
        Files.copy(Repo.root("examples/penguins/data/penguins.csv"), dir.resolve("penguins.csv"));
        Files.writeString(dir.resolve("threads.mlx"), """
                experiment threads "Which species is this penguin?" {
                  scope { task classification; target species; metric macro_f1 }
                  data {
                    source csv "penguins.csv"
                    id penguin_id
                    missing "", "NA", "."
                    split holdout 20% stratified seed 7
                  }
                  features {
                    impute beak_length_mm, beak_depth_mm, flipper_length_mm, body_mass_g with median
                    onehot island, sex
                    standardize beak_length_mm, beak_depth_mm, flipper_length_mm, body_mass_g
                  }
                  models {
                    baseline
                    logistic
                    cart { max_depth 4 }
                    forest { trees 20 }
                    knn { k 5 }
                    tune cart { max_depth in 2..6 } trials 4 search random by macro_f1
                  }
                  evaluate { cv 4 folds stratified; metrics accuracy, macro_f1; select best by macro_f1 }
                  explain {}
                }
                """);
        SourceFile file = SourceFile.read(dir.resolve("threads.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(Planner.plan(file, checked, "test"));

        String one = run(compiled, dir, "1");
        String four = run(compiled, dir, "4");
        assertTrue(one.contains("\"cv\""), "the run cross-validated: " + one);
        assertEquals(one, four);
    }

    /** run.json of a run on {@code threads} threads, without the clock's readings, pretty-printed. */
    private static String run(ExperimentCompiler.Compiled compiled, Path dir, String threads) throws Exception {
        Path out = dir.resolve("out-" + threads);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = ExperimentCompiler.runInProcess(compiled, dir, new String[] {"--threads", threads, "--out", out.toString()});
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(withoutClock(run))
                .replace(out.toString(), "OUT").replaceAll("runs/\\d{8}-\\d{6}-\\d{3}", "runs/ID");
    }

    private static JsonElement withoutClock(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            // Tribuo's provenance records when a model was trained, and the model file carries it
            boolean time = o.has("provenance-class") && o.get("provenance-class").getAsString().endsWith("DateTimeProvenance");
            boolean exported = o.has("format") && o.has("sha256");
            JsonObject copy = new JsonObject();
            for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
                String key = entry.getKey();
                if (!CLOCK.contains(key) && !(time && key.equals("value"))
                        && !(exported && (key.equals("sha256") || key.equals("bytes")))) {
                    copy.add(entry.getKey(), withoutClock(entry.getValue()));
                }
            }
            return copy;
        }
        if (e.isJsonArray()) {
            JsonArray copy = new JsonArray();
            e.getAsJsonArray().forEach(x -> copy.add(withoutClock(x)));
            return copy;
        }
        return e;
    }
}
