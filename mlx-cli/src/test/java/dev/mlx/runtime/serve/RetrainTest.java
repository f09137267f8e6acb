package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar X.jar retrain} end to end. A regression tree trained on x in [0, 1] cannot
 * answer for x up to 10; feedback that covers that range makes a significantly better model, which
 * is promoted (exit 0). Feedback whose outcomes are noise makes the new run fail its release gate,
 * and the serving model stays (exit 1). The flagship's loop, with a retrain that keeps, is
 * {@link ServedLoopTest}.
 */
class RetrainTest {
    static final String MLX = """
            experiment grow "y from x" {
              scope {
                task regression
                target y
                metric rmse
                require r2 >= 0.8 on holdout
              }
              data {
                source csv "grow.csv"
                split holdout 20% seed 7
              }
              models {
                baseline
                cart tree { max_depth 8 }
              }
              evaluate { cv 2 folds; metrics rmse, r2; select best by rmse }
              feedback { store sqlite "fb.db" }
            }
            """;

    private static Path setUp(String name) throws Exception {
        Path dir = Fixture.folder(name, MLX.replace("experiment grow", "experiment " + name));
        StringBuilder csv = new StringBuilder("x,noise,y\n");
        Random r = new Random(1);
        for (int i = 0; i < 80; i++) {
            double x = r.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", x, r.nextDouble(), 10 * x + r.nextGaussian() * 0.05));
        }
        Files.writeString(dir.resolve("grow.csv"), csv.toString(), StandardCharsets.UTF_8);
        return dir;
    }

    /** Serves the model, sends 300 rows with x drawn by {@code xs} and feedback y = {@code truth}(x), stops. */
    private static void feed(Path dir, Path jar, DoubleUnaryOperator xs, DoubleUnaryOperator truth) throws Exception {
        Random r = new Random(2);
        try (Fixture.Running s = Fixture.serve(dir, jar, "--out", "out")) {
            for (int i = 0; i < 300; i++) {
                double x = xs.applyAsDouble(r.nextDouble());
                String body = String.format(Locale.ROOT, "{\"x\":%.5f,\"noise\":%.5f}", x, r.nextDouble());
                JsonObject p = JsonParser.parseString(Fixture.post(s.port(), "/predict", body).body()).getAsJsonObject();
                String fb = String.format(Locale.ROOT, "{\"prediction_id\":\"%s\",\"actual\":%.5f}",
                        p.get("prediction_id").getAsString(), truth.applyAsDouble(x));
                assertEquals(200, Fixture.post(s.port(), "/feedback", fb).statusCode());
            }
        }
    }

    private static JsonObject decision(Path dir) throws Exception {
        return JsonParser.parseString(Files.readString(dir.resolve("out/retrain/retrain.json"))).getAsJsonObject();
    }

    @Test
    void promotesABetterModel() throws Exception {
        Path dir = setUp("grow");
        Path jar = Fixture.compile(dir, "grow");
        feed(dir, jar, u -> 10 * u, x -> 10 * x);
        byte[] before = Files.readAllBytes(dir.resolve("out/model.tribuo"));
        String[] r = Fixture.run(dir, jar, "retrain", "--out", "out");
        assertEquals("0", r[0], r[1]);
        JsonObject d = decision(dir);
        assertEquals("promoted", d.get("outcome").getAsString(), d + "\n" + r[1]);
        assertEquals(300, d.get("feedback_rows").getAsInt());
        assertEquals(80, d.get("data_rows").getAsInt());
        assertEquals("passed", d.get("candidate_run").getAsString());
        JsonObject c = d.getAsJsonObject("comparison");
        assertEquals("selected", c.get("role").getAsString());
        assertEquals("rmse", c.get("metric").getAsString());
        assertFalse(c.get("higher_is_better").getAsBoolean());
        assertTrue(c.get("candidate").getAsDouble() < c.get("serving").getAsDouble() / 3, c.toString());
        assertEquals(c.get("candidate").getAsDouble() - c.get("serving").getAsDouble(), c.get("difference").getAsDouble(), 1e-9);
        assertTrue(c.get("ci_high").getAsDouble() < 0, "the whole interval is an improvement: " + c);
        assertTrue(c.get("significant").getAsBoolean(), c.toString());
        // the compared rows: the new holdout (20% of 380) less the rows the serving model trained on
        assertTrue(c.get("rows").getAsInt() > 40 && c.get("rows").getAsInt() <= 76, c.toString());
        assertTrue(c.get("rows_from_feedback").getAsInt() <= c.get("rows").getAsInt(), c.toString());
        assertTrue(r[1].contains("promoted: the new run passed its gates and its model is significantly better on rmse"), r[1]);
        // the promoted run's record carries the decision
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve("out/run.json"))).getAsJsonObject();
        assertEquals(d, run.getAsJsonObject("retrain"));
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("out/model.tribuo"))), "the model was replaced");
        assertTrue(Files.exists(dir.resolve("out/retrain/previous/model.tribuo")), "the replaced model is kept");
        // the promoted model answers for x = 8 where the old one could not
        MlxModel m = MlxModel.load(dir.resolve("out"));
        assertEquals(80, m.predict(java.util.Map.of("x", 8.0, "noise", 0.5)).value(), 5);
    }

    @Test
    void refusesWhenTheNewRunFailsItsGate() throws Exception {
        Path dir = setUp("noisy");
        Path jar = Fixture.compile(dir, "noisy");
        Random noise = new Random(3);
        feed(dir, jar, u -> u, x -> noise.nextDouble() * 200 - 100);
        byte[] before = Files.readAllBytes(dir.resolve("out/model.tribuo"));
        String[] r = Fixture.run(dir, jar, "retrain", "--out", "out");
        assertEquals("1", r[0], r[1]);
        JsonObject d = decision(dir);
        assertEquals("failed", d.get("outcome").getAsString(), d.toString());
        assertEquals("failed gates", d.get("candidate_run").getAsString());
        assertFalse(d.has("comparison"), d.toString());
        assertTrue(r[1].contains("failed: kept the serving model: the new run did not pass (failed gates"), r[1]);
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve("out/run.json"))).getAsJsonObject();
        assertEquals("failed", run.getAsJsonObject("retrain").get("outcome").getAsString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("out/model.tribuo"))), "the model is unchanged");
    }
}
