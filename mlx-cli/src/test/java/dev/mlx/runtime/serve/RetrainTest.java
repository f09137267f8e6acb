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
 * answer for x up to 10; feedback that covers that range makes a better model, which is promoted.
 * Feedback whose outcomes are noise makes the new run fail its release gate, and the serving model stays.
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
        assertTrue(d.get("promoted").getAsBoolean(), d + "\n" + r[1]);
        assertEquals(300, d.get("feedback_rows").getAsInt());
        assertTrue(d.get("candidate").getAsDouble() < d.get("serving").getAsDouble() / 3, d.toString());
        assertTrue(r[1].contains("promoted:"), r[1]);
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
        assertEquals("0", r[0], r[1]);
        JsonObject d = decision(dir);
        assertFalse(d.get("promoted").getAsBoolean(), d.toString());
        assertEquals("failed", d.get("candidate_run").getAsString());
        assertTrue(r[1].contains("kept the serving model"), r[1]);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("out/model.tribuo"))), "the model is unchanged");
    }
}
