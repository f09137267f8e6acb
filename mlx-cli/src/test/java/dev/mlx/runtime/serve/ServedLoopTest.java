package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on the penguins experiment as a user drives it: serve, 852 predictions over both
 * variants of the A/B test with feedback, drifted inputs, the feedback report, and two retrains on
 * the same feedback: without a margin the new model is not significantly better and the serving one
 * is kept (exit 4); with {@code retrain within 0.05} it is not worse by more than that and is
 * promoted (exit 0). Every number is read back from run.json and the report.
 */
class ServedLoopTest {
    static final String MLX = """
            experiment loop "Which species?" {
              params { margin = 0 }
              scope {
                task classification
                target species
                metric accuracy
                require accuracy >= 0.8 on holdout
                retrain when drift > 0.2
              }
              data {
                source csv "penguins.csv"
                id penguin_id
                missing "", "NA", "."
                split holdout 20% stratified seed 42
              }
              features {
                impute beak_length_mm, beak_depth_mm, flipper_length_mm, body_mass_g with median
                impute sex with "UNKNOWN"
                onehot island, sex
                standardize beak_length_mm, beak_depth_mm, flipper_length_mm, body_mass_g
              }
              models {
                baseline
                logistic
                cart tree { max_depth 4 }
              }
              evaluate { cv 2 folds; metrics accuracy; select best by accuracy }
              feedback {
                store sqlite "fb.db"
                abtest logistic vs tree split 50/50 sticky by penguin_id
                online accuracy, kpi revenue window 7 days
                retrain within $margin
              }
            }
            """;

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static JsonObject column(JsonObject drift, String name) {
        for (JsonElement c : drift.getAsJsonArray("columns")) {
            if (c.getAsJsonObject().get("column").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no drift for " + name + ": " + drift);
    }

    @Test
    void servePredictFeedbackDriftReportAndRetrain() throws Exception {
        Path dir = Fixture.folder("loop", MLX);
        Path jar = Fixture.compile(dir, "loop");
        List<JsonObject> penguins = Fixture.penguins(dir);
        Map<String, Integer> answered = new HashMap<>();
        int labelled = 0;
        try (Fixture.Running s = Fixture.serve(dir, jar, "--out", "out")) {
            // every penguin, then three in five again under a fresh id: 551 predictions, each with its true species
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < penguins.size(); i++) {
                    if (pass == 1 && i % 5 >= 3) {
                        continue;
                    }
                    JsonObject raw = penguins.get(i);
                    JsonObject req = raw.deepCopy();
                    String actual = req.remove("species").getAsString();
                    req.addProperty("penguin_id", raw.get("penguin_id").getAsLong() + 1000L * pass);
                    JsonObject p = JsonParser.parseString(Fixture.post(s.port(), "/predict", req.toString()).body()).getAsJsonObject();
                    answered.merge(p.get("model").getAsString(), 1, Integer::sum);
                    // the business value of the answer: the tree's customers spend 2 more on average
                    int revenue = (p.get("model").getAsString().equals("tree") ? 12 : 10) + i % 3 - 1;
                    assertEquals(200, Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + p.get("prediction_id").getAsString()
                            + "\",\"actual\":\"" + actual + "\",\"kpi\":" + revenue + "}").statusCode());
                    labelled++;
                }
            }
            // then seven in eight of them again, 2 kg heavier, with no feedback yet: the inputs drift
            for (int i = 0; i < penguins.size(); i++) {
                if (i % 8 == 7) {
                    continue;
                }
                JsonObject raw = penguins.get(i);
                JsonObject req = raw.deepCopy();
                req.remove("species");
                req.addProperty("penguin_id", raw.get("penguin_id").getAsLong() + 5000L);
                if (!req.get("body_mass_g").isJsonNull()) {
                    req.addProperty("body_mass_g", req.get("body_mass_g").getAsDouble() + 2000);
                }
                JsonObject p = JsonParser.parseString(Fixture.post(s.port(), "/predict", req.toString()).body()).getAsJsonObject();
                answered.merge(p.get("model").getAsString(), 1, Integer::sum);
            }
        }
        int sent = answered.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(344 + 207 + 301, sent);
        assertTrue(answered.get("logistic") > 300 && answered.get("tree") > 300, "both variants answered: " + answered);

        // the feedback report: printed, and folded into run.json and report.html as numbers
        String[] report = Fixture.run(dir, jar, "report", "--out", "out");
        assertEquals("0", report[0], report[1]);
        assertTrue(report[1].contains("two-proportion z-test"), report[1]);
        JsonObject run = json(dir.resolve("out/run.json"));
        JsonObject online = run.getAsJsonObject("online");
        assertEquals("accuracy", online.get("judged_on").getAsString());
        Fixture.assertVariantsAccountFor(online, answered, labelled);
        JsonObject test = online.getAsJsonObject("test");
        assertEquals("two-proportion z-test", test.get("kind").getAsString());
        assertTrue(test.get("ci_low").getAsDouble() <= test.get("difference").getAsDouble()
                && test.get("difference").getAsDouble() <= test.get("ci_high").getAsDouble(), test.toString());
        assertTrue(test.get("p_value").getAsDouble() >= 0 && test.get("p_value").getAsDouble() <= 1, test.toString());
        // the samples needed are a number, or null with the reason why
        assertEquals(online.get("samples_needed").isJsonNull(), !online.get("samples_unknown").isJsonNull(), online.toString());
        assertTrue(List.of("promote", "keep", "wait").contains(online.get("recommendation").getAsString()), online.toString());
        // the business KPI the feedback carried: the challenger's higher revenue is significant on its own
        JsonObject kpi = online.getAsJsonObject("kpi");
        assertEquals("revenue", kpi.get("name").getAsString());
        long withValue = 0;
        for (JsonElement v : kpi.getAsJsonArray("variants")) {
            JsonObject x = v.getAsJsonObject();
            withValue += x.get("with_value").getAsLong();
            double expected = x.get("name").getAsString().equals("tree") ? 12 : 10;
            assertEquals(expected, x.get("mean").getAsDouble(), 0.25, x.toString());
        }
        assertEquals(labelled, withValue);
        assertEquals("Welch's t-test", kpi.getAsJsonObject("test").get("kind").getAsString());
        assertEquals(2.0, kpi.getAsJsonObject("test").get("difference").getAsDouble(), 0.35);
        assertEquals("promote", kpi.get("recommendation").getAsString(), kpi.toString());
        assertTrue(online.get("reason").getAsString().contains("on revenue, the challenger is significantly better"),
                online.get("reason").getAsString());
        assertTrue(report[1].contains("kpi revenue (higher is better)"), report[1]);

        JsonObject drift = run.getAsJsonObject("drift");
        assertEquals(sent, drift.get("rows").getAsInt());
        JsonObject mass = column(drift, "body_mass_g");
        assertEquals("major", mass.get("level").getAsString());
        assertTrue(mass.get("psi").getAsDouble() > 0.25, mass.toString());
        assertTrue(mass.get("ks_statistic").getAsDouble() > 0.1 && mass.get("ks_p_value").getAsDouble() < 1e-6, mass.toString());
        assertEquals(mass.get("psi").getAsDouble(), drift.get("max_psi").getAsDouble(), 1e-12);
        JsonObject island = column(drift, "island");
        assertEquals("stable", island.get("level").getAsString());
        assertFalse(island.has("ks_statistic"), "no KS test for a category: " + island);
        JsonObject trigger = drift.getAsJsonObject("retrain");
        assertEquals(0.2, trigger.get("threshold").getAsDouble());
        assertTrue(trigger.get("triggered").getAsBoolean());
        assertEquals("[\"body_mass_g\"]", trigger.getAsJsonArray("columns").toString());
        String html = Files.readString(dir.resolve("out/report.html"));
        assertTrue(html.contains("<section id=\"drift\""), "the report has a drift section");
        assertTrue(html.contains("PSI per input column"), "with the per-column chart");
        assertTrue(html.contains("retrain triggered, largest PSI"), "and its verdict in the contents");
        assertTrue(html.contains("Served variants on the feedback of the window"), "the online results as a table");
        assertTrue(html.contains("Business KPI: revenue"), "and the KPI's");

        // retrain without a margin: the new champion is not significantly better, so the serving one stays
        byte[] served = Files.readAllBytes(dir.resolve("out/variants/logistic.tribuo"));
        String[] kept = Fixture.run(dir, jar, "retrain", "--out", "out");
        assertEquals("4", kept[0], kept[1]);
        assertTrue(kept[1].contains("comparing the model that answers requests (the A/B test's champion): serving `logistic`, "
                + "new `logistic`"), kept[1]);
        JsonObject decision = json(dir.resolve("out/retrain/retrain.json"));
        assertEquals("kept", decision.get("outcome").getAsString(), decision.toString());
        assertEquals(labelled, decision.get("feedback_rows").getAsInt());
        assertEquals(344, decision.get("data_rows").getAsInt());
        JsonObject c = decision.getAsJsonObject("comparison");
        assertEquals("champion", c.get("role").getAsString());
        assertEquals("logistic", c.get("serving_model").getAsString());
        assertEquals("logistic", c.get("candidate_model").getAsString());
        assertEquals("accuracy", c.get("metric").getAsString());
        assertEquals(0.0, c.get("margin").getAsDouble());
        assertFalse(c.get("significant").getAsBoolean(), c.toString());
        assertFalse(c.get("not_worse").getAsBoolean(), c.toString());
        assertTrue(c.get("ci_low").getAsDouble() <= 0, "the interval reaches zero or below: " + c);
        assertEquals(1000, c.get("resamples").getAsInt());
        assertTrue(c.get("rows").getAsInt() > 100 && c.get("rows_from_feedback").getAsInt() > 50, c.toString());
        JsonObject servingRun = json(dir.resolve("out/run.json"));
        assertEquals(decision, servingRun.getAsJsonObject("retrain"), "the serving run's record carries the decision");
        assertEquals(drift, servingRun.getAsJsonObject("drift"), "and keeps its drift");
        assertTrue(Files.readString(dir.resolve("out/report.html")).contains("Last retrain"), "the report shows the decision");
        assertTrue(java.util.Arrays.equals(served, Files.readAllBytes(dir.resolve("out/variants/logistic.tribuo"))), "nothing promoted");

        // the same feedback with `retrain within 0.05`: not worse by more than that, so promoted
        String[] promoted = Fixture.run(dir, jar, "retrain", "--out", "out", "--set", "margin=0.05");
        assertEquals("0", promoted[0], promoted[1]);
        JsonObject d2 = json(dir.resolve("out/retrain/retrain.json"));
        assertEquals("promoted", d2.get("outcome").getAsString(), d2.toString());
        JsonObject c2 = d2.getAsJsonObject("comparison");
        assertEquals(0.05, c2.get("margin").getAsDouble(), 1e-12);
        assertTrue(c2.get("not_worse").getAsBoolean(), c2.toString());
        assertTrue(c2.get("ci_low").getAsDouble() >= -0.05, c2.toString());
        assertEquals(c.get("rows").getAsInt(), c2.get("rows").getAsInt(), "the same rows as the first retrain");
        assertEquals(c.get("difference").getAsDouble(), c2.get("difference").getAsDouble(), 1e-12, "the same comparison");
        JsonObject promotedRun = json(dir.resolve("out/run.json"));
        assertEquals(d2, promotedRun.getAsJsonObject("retrain"), "the promoted run's record carries the decision");
        assertTrue(promotedRun.get("data").getAsJsonObject().get("source").getAsString().endsWith("data.csv"),
                "the promoted run trained on the data with the feedback");
        assertTrue(Files.exists(dir.resolve("out/retrain/previous/variants/logistic.tribuo")), "the replaced model is kept");
        String promotedHtml = Files.readString(dir.resolve("out/report.html"));
        assertTrue(promotedHtml.contains("promoted: the new run passed its gates and its model is not worse on accuracy by more than "
                + "the margin 0.05<"), "the report says why it was promoted");
    }
}
