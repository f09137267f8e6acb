package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's whole loop on the flagship itself, examples/penguins/penguins.mlx as it is (copied with
 * its data into a folder of its own, run with `--set trials=2 --set folds=2`, parameters the file
 * declares, so that each of its three runs takes a minute rather than several): run and serve, 852
 * predictions over both variants of its A/B test (logistic 90%, xgb 10%, sticky by penguin_id),
 * feedback, drifted inputs, the feedback report, then two retrains. The first, on feedback that only
 * repeats what the model knew, keeps the serving model (exit 4). Then the true species of the drifted
 * penguins arrive, a new colony whose Adelie have 8 mm longer beaks, which the serving model takes
 * for Chinstrap, and the colony is seen once more with feedback: the second retrain learns them and
 * is promoted on merit, significantly better with no margin (the flagship sets no `retrain within`;
 * exit 0). With one labelled pass of the colony the new champion was better (+0.027 macro F1) but
 * its interval reached below zero, so it was kept. Every number is read back from run.json,
 * retrain.json and the report.
 */
class FlagshipLoopTest {
    private static final String[] PARAMS = {"--set", "trials=2", "--set", "folds=2"};

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

    private static String[] with(String... args) {
        String[] all = new String[args.length + PARAMS.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(PARAMS, 0, all, args.length, PARAMS.length);
        return all;
    }

    /** A prediction the test made, with the species it should have said. */
    private record Answered(String id, String model, String predicted, String actual) {
    }

    /** A penguin of the new colony, without its species, under an id of its own: Adelie beaks 8 mm longer. */
    private static JsonObject colony(JsonObject penguin, long idOffset) {
        JsonObject req = penguin.deepCopy();
        String actual = req.remove("species").getAsString();
        req.addProperty("penguin_id", req.get("penguin_id").getAsLong() + idOffset);
        if (actual.equals("Adelie") && !req.get("beak_length_mm").isJsonNull()) {
            req.addProperty("beak_length_mm", Math.round((req.get("beak_length_mm").getAsDouble() + 8) * 10) / 10.0);
        }
        return req;
    }

    @Test
    void theFlagshipServedDriftedAndRetrainedKeptThenPromotedOnMerit() throws Exception {
        Path dir = Fixture.flagship("flagship");
        Path jar = Fixture.compile(dir, "penguins");
        List<JsonObject> penguins = Fixture.penguins(dir.resolve("data"));
        Map<String, Integer> answered = new HashMap<>();
        List<Answered> drifted = new ArrayList<>();
        int labelled = 0;
        try (Fixture.Running s = Fixture.serve(dir, jar, with("--out", "out"))) {
            assertTrue(s.console().contains("running the experiment first"), s.console());
            // every penguin, then three in five again, under ids of their own: 551 predictions with feedback
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < penguins.size(); i++) {
                    if (pass == 1 && i % 5 >= 3) {
                        continue;
                    }
                    JsonObject req = penguins.get(i).deepCopy();
                    String actual = req.remove("species").getAsString();
                    req.addProperty("penguin_id", req.get("penguin_id").getAsLong() + 10_000L * (pass + 1));
                    JsonObject p = JsonParser.parseString(Fixture.post(s.port(), "/predict", req.toString()).body()).getAsJsonObject();
                    answered.merge(p.get("model").getAsString(), 1, Integer::sum);
                    assertEquals(200, Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + p.get("prediction_id").getAsString()
                            + "\",\"actual\":\"" + actual + "\"}").statusCode());
                    labelled++;
                }
            }
            // then seven in eight of them from the new colony, no feedback yet: the Adelie's beaks are 8 mm longer
            for (int i = 0; i < penguins.size(); i++) {
                if (i % 8 == 7) {
                    continue;
                }
                JsonObject req = colony(penguins.get(i), 50_000L);
                String actual = penguins.get(i).get("species").getAsString();
                JsonObject p = JsonParser.parseString(Fixture.post(s.port(), "/predict", req.toString()).body()).getAsJsonObject();
                answered.merge(p.get("model").getAsString(), 1, Integer::sum);
                drifted.add(new Answered(p.get("prediction_id").getAsString(), p.get("model").getAsString(),
                        p.get("prediction").getAsString(), actual));
            }
        }
        int sent = answered.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(344 + 207 + 301, sent);
        assertTrue(answered.get("logistic") > 600 && answered.get("xgb") > 40, "both variants answered, 90/10: " + answered);
        long mistaken = drifted.stream().filter(a -> !a.predicted().equals(a.actual())).count();
        assertTrue(mistaken > 50, "the serving models take many of the new colony's Adelie for another species: " + mistaken);

        // the feedback report: printed, and folded into run.json and report.html as numbers
        String[] report = Fixture.run(dir, jar, "report", "--out", "out");
        assertEquals("0", report[0], report[1]);
        JsonObject run = json(dir.resolve("out/run.json"));
        assertEquals("passed", run.get("status").getAsString());
        JsonObject online = run.getAsJsonObject("online");
        assertEquals("macro_f1", online.get("online_metric").getAsString(), online.toString());
        assertEquals("accuracy", online.get("judged_on").getAsString(), "the z-test is on accuracy: " + online);
        assertTrue(online.get("store").getAsString().endsWith("out/feedback.db"), "the default store, in the output folder");
        Fixture.assertVariantsAccountFor(online, answered, labelled);
        assertEquals(online.get("samples_needed").isJsonNull(), !online.get("samples_unknown").isJsonNull(), online.toString());
        assertTrue(List.of("promote", "keep", "wait").contains(online.get("recommendation").getAsString()), online.toString());

        JsonObject drift = run.getAsJsonObject("drift");
        assertEquals(sent, drift.get("rows").getAsInt());
        JsonObject beak = column(drift, "beak_length_mm");
        assertTrue(beak.get("psi").getAsDouble() > 0.05, "PSI over the whole window, a third of it drifted: " + beak);
        assertTrue(beak.get("ks_statistic").getAsDouble() > 0.05 && beak.get("ks_p_value").getAsDouble() < 0.01, beak.toString());
        assertEquals("stable", column(drift, "island").get("level").getAsString());
        assertEquals(0.25, drift.getAsJsonObject("retrain").get("threshold").getAsDouble(), 1e-12,
                "the flagship's `retrain ... when drift > 0.25`");
        String html = Files.readString(dir.resolve("out/report.html"));
        assertTrue(html.contains("<section id=\"drift\""), "the report has a drift section");
        assertTrue(html.contains("PSI per input column"), "with the per-column chart");
        assertTrue(html.contains("Served variants on the feedback of the window"), "the online results as a table");

        // retrain on feedback that repeats what the model knew: not significantly better, kept
        byte[] served = Files.readAllBytes(dir.resolve("out/variants/logistic.tribuo"));
        String[] kept = Fixture.run(dir, jar, with("retrain", "--out", "out"));
        assertEquals("4", kept[0], kept[1]);
        assertTrue(kept[1].contains("comparing the model that answers requests (the A/B test's champion): serving `logistic`, "
                + "new `logistic`"), kept[1]);
        JsonObject first = json(dir.resolve("out/retrain/retrain.json"));
        assertEquals("kept", first.get("outcome").getAsString(), first.toString());
        assertEquals(labelled, first.get("feedback_rows").getAsInt());
        assertEquals(344, first.get("data_rows").getAsInt());
        JsonObject c1 = first.getAsJsonObject("comparison");
        assertEquals("champion", c1.get("role").getAsString());
        assertEquals("macro_f1", c1.get("metric").getAsString());
        assertEquals(0.0, c1.get("margin").getAsDouble());
        assertFalse(c1.get("significant").getAsBoolean(), c1.toString());
        assertEquals(first, json(dir.resolve("out/run.json")).getAsJsonObject("retrain"), "the serving run's record carries it");
        assertTrue(java.util.Arrays.equals(served, Files.readAllBytes(dir.resolve("out/variants/logistic.tribuo"))), "nothing promoted");

        // the new colony's true species arrive, and the colony is seen once more, with feedback at once
        try (Fixture.Running s = Fixture.serve(dir, jar, "--out", "out")) {
            assertFalse(s.console().contains("running the experiment first"), "the same model is served again");
            for (Answered a : drifted) {
                assertEquals(200, Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + a.id()
                        + "\",\"actual\":\"" + a.actual() + "\"}").statusCode());
                labelled++;
            }
            for (int i = 0; i < penguins.size(); i++) {
                JsonObject req = colony(penguins.get(i), 60_000L);
                String actual = penguins.get(i).get("species").getAsString();
                JsonObject p = JsonParser.parseString(Fixture.post(s.port(), "/predict", req.toString()).body()).getAsJsonObject();
                assertEquals(200, Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + p.get("prediction_id").getAsString()
                        + "\",\"actual\":\"" + actual + "\"}").statusCode());
                labelled++;
            }
        }

        // retrain on them: the new champion knows the new colony and is significantly better, with no margin
        String[] promoted = Fixture.run(dir, jar, with("retrain", "--out", "out"));
        assertEquals("0", promoted[0], promoted[1]);
        JsonObject second = json(dir.resolve("out/retrain/retrain.json"));
        assertEquals("promoted", second.get("outcome").getAsString(), second.toString());
        assertEquals(labelled, second.get("feedback_rows").getAsInt());
        JsonObject c2 = second.getAsJsonObject("comparison");
        assertEquals(0.0, c2.get("margin").getAsDouble(), "promoted on merit, not through `retrain within`");
        assertTrue(c2.get("significant").getAsBoolean(), c2.toString());
        assertTrue(c2.get("ci_low").getAsDouble() > 0 && c2.get("difference").getAsDouble() > 0, c2.toString());
        assertTrue(c2.get("candidate").getAsDouble() > c2.get("serving").getAsDouble(), c2.toString());
        assertTrue(second.get("reason").getAsString().contains("significantly better on macro_f1"), second.toString());
        JsonObject promotedRun = json(dir.resolve("out/run.json"));
        assertEquals(second, promotedRun.getAsJsonObject("retrain"), "the promoted run's record carries the decision");
        assertTrue(promotedRun.get("data").getAsJsonObject().get("source").getAsString().endsWith("data.csv"),
                "the promoted run trained on the data with the feedback");
        assertFalse(java.util.Arrays.equals(served, Files.readAllBytes(dir.resolve("out/variants/logistic.tribuo"))),
                "the new champion serves");
        assertTrue(Files.exists(dir.resolve("out/retrain/previous/variants/logistic.tribuo")), "the replaced model is kept");
        assertTrue(Files.readString(dir.resolve("out/report.html")).contains("promoted: the new run passed its gates and its "
                + "model is significantly better on macro_f1"), "the report says why it was promoted");
    }
}
