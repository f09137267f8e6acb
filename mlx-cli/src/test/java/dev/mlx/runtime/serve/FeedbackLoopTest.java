package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The model folder of one run used in process (embedding API, validation policy, drift) and by
 * servers in child processes: shadow mode, and acknowledged feedback surviving SIGKILL under load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackLoopTest {
    static final String SHADOW = ServeHttpTest.MLX.replace("experiment pen ", "experiment shadow ")
            .replace("abtest logistic vs baseline split 50/50 sticky by penguin_id", "abtest logistic vs baseline shadow")
            .replace("unknown warn", "unknown reject")
            .replace("require accuracy >= 0.8 on holdout", "require accuracy >= 0.8 on holdout\n    require latency p99 < 2000 ms");

    private Path dir;
    private Path jar;
    private Path out;
    private List<JsonObject> penguins;

    @BeforeAll
    void run() throws Exception {
        dir = Fixture.folder("shadow", SHADOW);
        jar = Fixture.compile(dir, "shadow");
        String[] r = Fixture.run(dir, jar, "run", "--out", "out");
        assertEquals("0", r[0], r[1]);
        out = dir.resolve("out");
        penguins = Fixture.penguins(dir);
    }

    private static Map<String, Object> map(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            m.put(e.getKey(), e.getValue().isJsonNull() ? null : e.getValue().getAsJsonPrimitive().isNumber()
                    ? (Object) e.getValue().getAsDouble() : e.getValue().getAsString());
        }
        return m;
    }

    @Test
    void embeddedModelEqualsTheRunsPredictions() throws Exception {
        MlxModel model = MlxModel.load(out);
        assertEquals("shadow", model.experiment());
        assertEquals("logistic", model.model());
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"));
        String[] head = lines.get(0).split(",");
        Map<Long, JsonObject> byId = new HashMap<>();
        penguins.forEach(p -> byId.put(p.get("penguin_id").getAsLong(), p));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            Map<String, Object> row = map(byId.get(Long.parseLong(c[1])));
            row.remove("species");
            MlxModel.Prediction p = model.predict(row);
            assertEquals(c[3], p.label());
            for (int k = 4; k < head.length; k++) {
                assertEquals(Double.parseDouble(c[k]), p.probabilities().get(head[k].substring(2, head[k].length() - 1)), 1e-6);
            }
        }
        // one row: its bad fields without a row number; many rows: each with its row
        MlxModel.InvalidInput bad = assertThrows(MlxModel.InvalidInput.class, () -> model.predict(Map.of("island", "Biscoe")));
        assertTrue(bad.fields().contains("body_mass_g: missing required field"), bad.fields().toString());
        assertFalse(bad.getMessage().contains("row 0"), bad.getMessage());
        Map<String, Object> good = map(penguins.get(0));
        good.remove("species");
        MlxModel.InvalidInput many = assertThrows(MlxModel.InvalidInput.class,
                () -> model.predictAll(List.of(good, Map.of("island", "Biscoe"))));
        assertTrue(many.fields().contains("row 1: body_mass_g: missing required field"), many.fields().toString());
        // a missing value through Map.of: MlxModel.MISSING, the same as null in a map that takes it
        Map<String, Object> withNull = new HashMap<>(good);
        withNull.put("sex", null);
        Map<String, Object> withMissing = new HashMap<>(good);
        withMissing.put("sex", MlxModel.MISSING);
        assertEquals(model.predict(withNull), model.predict(Map.copyOf(withMissing)));
        // the jar holds the code, not a model: the model is read from the run's output folder
        assertEquals("shadow", MlxModel.load(jar, out).experiment());
        RunException notAModel = assertThrows(RunException.class, () -> MlxModel.load(jar));
        assertTrue(notAModel.getMessage().contains("holds the experiment's code, not a model"), notAModel.getMessage());
        RunException wrong = assertThrows(RunException.class, () -> MlxModel.load(dir.resolve("nowhere")));
        assertTrue(wrong.getMessage().contains("no model folder"), wrong.getMessage());
    }

    @Test
    void rejectPolicyRefusesUnknownCategories() {
        Profile p = Profile.read(out);
        assertEquals(dev.mlx.catalog.UnknownPolicy.REJECT, p.unknownPolicy);
        String body = "{\"island\":\"Atlantis\",\"beak_length_mm\":45.1,\"beak_depth_mm\":14.5,\"flipper_length_mm\":215,"
                + "\"body_mass_g\":5000,\"sex\":\"FEMALE\"}";
        ApiError e = assertThrows(ApiError.class, () -> Requests.parse(body, p, 10));
        assertEquals(422, e.status);
        assertEquals("island", e.fields.get(0).field());
        assertEquals("category never seen in training", e.fields.get(0).problem());
        assertEquals("Atlantis", e.fields.get(0).value());
        assertTrue(e.json(true).toString().contains("island") && !e.json(true).toString().contains("Atlantis"));
    }

    @Test
    void driftOnAShiftedSample() {
        Profile p = Profile.read(out);
        Drift drift = new Drift(p, 0.2);
        List<JsonObject> same = new ArrayList<>();
        List<JsonObject> shifted = new ArrayList<>();
        for (JsonObject o : penguins) {
            same.add(o);
            JsonObject s = o.deepCopy();
            if (!s.get("body_mass_g").isJsonNull()) {
                s.addProperty("body_mass_g", s.get("body_mass_g").getAsDouble() + 1500);
            }
            shifted.add(s);
        }
        JsonObject calm = drift.report(same, 0);
        assertTrue(calm.get("max_psi").getAsDouble() < 0.1, calm.toString());
        assertEquals(false, calm.getAsJsonObject("retrain").get("triggered").getAsBoolean());
        JsonObject moved = drift.report(shifted, 0);
        JsonObject mass = null;
        for (JsonElement f : moved.getAsJsonArray("features")) {
            if (f.getAsJsonObject().get("column").getAsString().equals("body_mass_g")) {
                mass = f.getAsJsonObject();
            }
        }
        assertTrue(mass.get("psi").getAsDouble() > 1, mass.toString());
        assertEquals("major", mass.get("level").getAsString());
        assertTrue(mass.getAsJsonObject("ks").get("statistic").getAsDouble() > 0.5);
        assertTrue(mass.getAsJsonObject("ks").get("p_value").getAsDouble() < 1e-6);
        assertTrue(moved.getAsJsonObject("retrain").get("triggered").getAsBoolean());
        assertEquals("[\"body_mass_g\"]", moved.getAsJsonObject("retrain").getAsJsonArray("columns").toString());
    }

    @Test
    void shadowModeAnswersWithTheChampionAndLogsTheChallenger() throws Exception {
        Path db = dir.resolve("shadow-fb.db");
        try (Fixture.Running s = Fixture.serve(dir, jar, "--out", "out", "--store", db.toString())) {
            List<JsonObject> rows = penguins.subList(0, 40);
            for (JsonObject raw : rows) {
                JsonObject req = raw.deepCopy();
                String actual = req.remove("species").getAsString();
                HttpResponse<String> r = Fixture.post(s.port(), "/predict", req.toString());
                JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
                assertEquals("logistic", o.get("model").getAsString(), "the champion answers every request");
                assertEquals(200, Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + o.get("prediction_id").getAsString()
                        + "\",\"actual\":\"" + actual + "\"}").statusCode());
            }
            JsonObject ab = JsonParser.parseString(Fixture.get(s.port(), "/ab").body()).getAsJsonObject();
            Map<String, JsonObject> v = new HashMap<>();
            ab.getAsJsonArray("variants").forEach(x -> v.put(x.getAsJsonObject().get("name").getAsString(), x.getAsJsonObject()));
            assertEquals(40, v.get("logistic").get("predictions").getAsInt());
            assertEquals(0, v.get("baseline").get("predictions").getAsInt(), "the challenger answers nothing");
            assertEquals(40, v.get("baseline").get("labelled").getAsInt(), "but its shadow answers are judged");
            assertTrue(Fixture.get(s.port(), "/metrics").body().contains("mlx_shadow_predictions_total{variant=\"baseline\"} 40"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT shadow, variant, COUNT(*) FROM mlx_predictions GROUP BY shadow, variant")) {
            Map<String, Integer> counts = new HashMap<>();
            while (rs.next()) {
                counts.put(rs.getInt(1) + "/" + rs.getString(2), rs.getInt(3));
            }
            assertEquals(Map.of("0/logistic", 40, "1/baseline", 40), counts);
        }
    }

    /** {@code java -jar X.jar report}: the online evaluation and drift from the store, as text and feedback.json. */
    @Test
    void reportCommandJudgesTheAbTest() throws Exception {
        Path db = dir.resolve("report-fb.db");
        try (Fixture.Running s = Fixture.serve(dir, jar, "--out", "out", "--store", db.toString())) {
            for (JsonObject raw : penguins.subList(100, 160)) {
                JsonObject req = raw.deepCopy();
                String actual = req.remove("species").getAsString();
                JsonObject o = JsonParser.parseString(Fixture.post(s.port(), "/predict", req.toString()).body()).getAsJsonObject();
                Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + o.get("prediction_id").getAsString()
                        + "\",\"actual\":\"" + actual + "\"}");
            }
        }
        String[] r = Fixture.run(dir, jar, "report", "--out", "out", "--store", db.toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("two-proportion z-test"), r[1]);
        assertTrue(r[1].contains("recommendation: keep"), r[1]);
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("feedback.json"))).getAsJsonObject();
        assertEquals("keep", report.getAsJsonObject("online").get("recommendation").getAsString());
        assertEquals(60, report.getAsJsonObject("drift").get("rows").getAsInt());
        // the online results join the run's record and its HTML report
        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        JsonObject online = run.getAsJsonObject("online");
        assertTrue(online.get("recommendation").getAsString().startsWith("keep"), online.toString());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("samples still needed per variant") && !html.contains("no feedback has been recorded"),
                "the report's feedback section shows the online results");
        // one output folder for every command: without --out, report reads out/shadow/, and says where the run is
        String[] elsewhere = Fixture.run(dir, jar, "report", "--store", db.toString());
        assertEquals("1", elsewhere[0], elsewhere[1]);
        assertTrue(elsewhere[1].contains("no run of `shadow` in out/shadow (the output folder when --out is not given): a run of it "
                + "is in out/, so it was given --out out; pass the same --out"), elsewhere[1]);
        String[] bad = Fixture.run(dir, jar, "report", "--out", "out", "--port", "1");
        assertEquals("2", bad[0], bad[1]);
        assertTrue(bad[1].contains("unknown option `--port` for report"), bad[1]);
    }

    @Test
    void aRunThatFailedIsNotServedAndBadOptionsAreUsageErrors() throws Exception {
        Path failed = dir.resolve("failed-out");
        Files.createDirectories(failed.resolve("variants"));
        try (var files = Files.walk(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    Path to = failed.resolve(out.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path runJson = failed.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"status\": \"passed\"", "\"status\": \"failed gates\""));
        String[] r = Fixture.run(dir, jar, "serve", "--out", "failed-out", "--port", "0");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("did not pass (failed gates): its model is not served"), r[1]);
        // a run.json that is not one is refused with the JSON path of the problem, not a stack trace
        Files.writeString(runJson, Files.readString(runJson).replace("\"status\": \"failed gates\"", "\"status\": 5"));
        String[] broken = Fixture.run(dir, jar, "serve", "--out", "failed-out", "--port", "0");
        assertEquals("1", broken[0], broken[1]);
        assertTrue(broken[1].contains("run.json: $.status: expected a string, found 5"), broken[1]);
        String[] usage = Fixture.run(dir, jar, "serve", "--port", "eighty");
        assertEquals("2", usage[0], usage[1]);
        assertTrue(usage[1].contains("--port needs a whole number, not `eighty`"), usage[1]);
        assertFalse(usage[1].contains("Exception"), usage[1]);
    }

    @Test
    void benchMeasuresLatencyOverHttpAgainstTheGate() throws Exception {
        String[] r = Fixture.run(dir, jar, "serve", "--bench", "--requests", "300", "--out", "out");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("gate ok   require latency p99 < 2000 ms"), r[1]);
        JsonObject b = JsonParser.parseString(Files.readString(out.resolve("bench.json"))).getAsJsonObject();
        assertEquals(300, b.get("requests").getAsInt());
        assertEquals(0, b.get("errors").getAsInt());
        JsonObject l = b.getAsJsonObject("latency_ms");
        assertTrue(l.get("p50").getAsDouble() > 0 && l.get("p50").getAsDouble() <= l.get("p99").getAsDouble(), l.toString());
        assertEquals(1, b.getAsJsonArray("gates").size());
        assertTrue(b.get("passed").getAsBoolean());
    }

    /** Clients post predictions and feedback as fast as they can; SIGKILL; every acknowledged feedback is on disk. */
    @Test
    void acknowledgedFeedbackSurvivesSigkill() throws Exception {
        Path db = dir.resolve("kill-fb.db");
        Fixture.Running s = Fixture.serve(dir, jar, "--out", "out", "--store", db.toString());
        Set<String> acked = Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        String row = ServeHttpTest.ROW + "}";
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> p = Fixture.post(s.port(), "/predict", row);
                        String id = JsonParser.parseString(p.body()).getAsJsonObject().get("prediction_id").getAsString();
                        HttpResponse<String> f = Fixture.post(s.port(), "/feedback",
                                "{\"prediction_id\":\"" + id + "\",\"actual\":\"Gentoo\"}");
                        if (f.statusCode() == 200) {
                            acked.add(id);
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet(); // the server died under us: expected after the kill
                        if (!s.process().isAlive()) {
                            return null;
                        }
                    }
                }
                return null;
            });
        }
        long t0 = System.nanoTime();
        while (acked.size() < 300 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(20);
        }
        s.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no final flush
        s.process().waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        Set<String> snapshot = new HashSet<>(acked);
        assertTrue(snapshot.size() >= 300, "acknowledged before the kill: " + snapshot.size());
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT prediction_id FROM mlx_feedback")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        Set<String> lost = new HashSet<>(snapshot);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged feedback lost by SIGKILL (" + snapshot.size() + " acknowledged)");
    }

    /** Both variants right every time: no observed difference, so the samples needed are unknown, and the verdict says so. */
    @Test
    void abVerdictClaimsNoEvidenceItLacks() throws Exception {
        Path db = dir.resolve("same.db");
        Files.deleteIfExists(db);
        long now = System.currentTimeMillis();
        try (Store s = Store.open("jdbc:sqlite:" + db)) {
            for (int i = 0; i < 80; i++) {
                String variant = i % 2 == 0 ? "logistic" : "baseline";
                s.log(new Store.Prediction("p" + i, "p" + i, now + i, variant, false, "{}", "Adelie", null, null));
                assertEquals(Store.Ack.STORED, s.feedback("p" + i, "Adelie").get());
            }
            Online online = new Online(Profile.read(out), "accuracy",
                    new dev.mlx.runtime.spec.Feedback.AbTest("logistic", "baseline", 0.5, null, false));
            JsonObject r = online.report(s, now - 1000);
            assertTrue(r.get("samples_needed_per_variant").isJsonNull(), r.toString());
            assertTrue(r.get("samples_still_needed").isJsonNull(), r.toString());
            assertTrue(r.get("samples_unknown_reason").getAsString().contains("both variants score the same (accuracy 1"), r.toString());
            assertEquals("keep", r.get("recommendation").getAsString());
            String reason = r.get("reason").getAsString();
            assertFalse(reason.contains("enough samples"), reason);
            assertTrue(reason.contains("the samples needed are unknown"), reason);
        }
    }

    @Test
    void sqliteStoreJoinsFeedback() throws Exception {
        Path db = dir.resolve("unit.db");
        Files.deleteIfExists(db);
        try (Store s = Store.open("jdbc:sqlite:" + db)) {
            StoreContract.check(s);
        }
    }
}
