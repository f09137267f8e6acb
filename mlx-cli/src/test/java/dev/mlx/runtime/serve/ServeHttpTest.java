package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A compiled experiment served by {@code java -jar X.jar serve} in a child process (it trains
 * first: there is no model yet), exercised with real HTTP requests: predictions that equal the
 * run's own holdout predictions, every validation failure, bad requests that get a 4xx and leave
 * the server serving, explain, health, metadata, OpenAPI, metrics, A/B stickiness and split,
 * feedback joined into the online evaluation, and the production switch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeHttpTest {
    static final String MLX = """
            experiment pen "Which species?" {
              scope {
                task classification
                target species
                metric accuracy
                require accuracy >= 0.8 on holdout
                retrain when drift > 0.2
                intended use "help field teams label the species of penguins"
                limitation "not for other colonies"
                limitation "measured in 2007–2009"
              }
              data {
                source csv "penguins.csv"
                id penguin_id
                missing "", "NA", "."
                split holdout 20% stratified seed 42
                describe {
                  body_mass_g: "body mass of the bird" in "g"
                  island: "the island where the bird was measured"
                }
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
              }
              evaluate { cv 2 folds; metrics accuracy; select best by accuracy }
              deploy { serve port 8080 unknown warn }
              feedback {
                store sqlite "fb.db"
                abtest logistic vs baseline split 50/50 sticky by penguin_id
                online accuracy window 7 days
              }
            }
            """;
    static final String ROW = "{\"island\":\"Biscoe\",\"beak_length_mm\":45.1,\"beak_depth_mm\":14.5,"
            + "\"flipper_length_mm\":215,\"body_mass_g\":5000,\"sex\":\"FEMALE\"";

    private Path dir;
    private Path jar;
    private Fixture.Running server;
    private List<JsonObject> penguins;

    @BeforeAll
    void start() throws Exception {
        dir = Fixture.folder("pen", MLX);
        jar = Fixture.compile(dir, "pen");
        server = Fixture.serve(dir, jar, "--out", "out", "--max-batch", "400");
        penguins = Fixture.penguins(dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static String row(String extra) {
        return ROW + extra + "}";
    }

    @Test
    void servesAfterTrainingFirst() throws Exception {
        assertTrue(server.console().contains("no model in out yet: running the experiment first"), server.console());
        assertTrue(Files.exists(dir.resolve("out").resolve("serving.json")));
        assertTrue(Files.exists(dir.resolve("out").resolve("variants").resolve("baseline.tribuo")));
    }

    @Test
    void predictsOneRow() throws Exception {
        HttpResponse<String> r = Fixture.post(server.port(), "/predict", row(",\"penguin_id\":900"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonObject o = json(r);
        assertTrue(Set.of("Adelie", "Chinstrap", "Gentoo").contains(o.get("prediction").getAsString()));
        assertEquals(36, o.get("prediction_id").getAsString().length());
        assertTrue(Set.of("logistic", "baseline").contains(o.get("model").getAsString()));
        assertTrue(Set.of("champion", "challenger").contains(o.get("variant").getAsString()));
        double sum = 0;
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("probabilities").entrySet()) {
            sum += e.getValue().getAsDouble();
        }
        assertEquals(1, sum, 1e-6);
        assertFalse(o.has("warnings"), r.body());
    }

    @Test
    void predictsABatchWithDistinctIds() throws Exception {
        HttpResponse<String> r = Fixture.post(server.port(), "/predict",
                "[" + row(",\"penguin_id\":1") + "," + row(",\"penguin_id\":2") + "," + row(",\"penguin_id\":3") + "]");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray a = json(r).getAsJsonArray("predictions");
        assertEquals(3, a.size());
        Set<String> ids = new HashSet<>();
        a.forEach(p -> ids.add(p.getAsJsonObject().get("prediction_id").getAsString()));
        assertEquals(3, ids.size());
    }

    /** The served pipeline is the fitted one: probabilities equal the run's own holdout predictions. */
    @Test
    void answersEqualTheRunsHoldoutPredictions() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve("predictions.csv"));
        String[] head = lines.get(0).split(",");
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve("out").resolve("run.json"))).getAsJsonObject();
        String selected = run.getAsJsonObject("evaluation").getAsJsonObject("selection").get("selected").getAsString();
        assertEquals("logistic", selected);
        Map<Long, JsonObject> byId = new HashMap<>();
        penguins.forEach(p -> byId.put(p.get("penguin_id").getAsLong(), p));
        JsonArray batch = new JsonArray();
        List<String[]> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            JsonObject raw = byId.get(Long.parseLong(c[1])).deepCopy();
            raw.remove("species");
            batch.add(raw);
            expected.add(c);
        }
        HttpResponse<String> r = Fixture.post(server.port(), "/predict", batch.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonArray got = json(r).getAsJsonArray("predictions");
        int compared = 0;
        for (int i = 0; i < got.size(); i++) {
            JsonObject p = got.get(i).getAsJsonObject();
            if (!p.get("model").getAsString().equals("logistic")) {
                continue;
            }
            assertEquals(expected.get(i)[3], p.get("prediction").getAsString());
            for (int k = 4; k < head.length; k++) {
                String cls = head[k].substring(2, head[k].length() - 1);
                assertEquals(Double.parseDouble(expected.get(i)[k]), p.getAsJsonObject("probabilities").get(cls).getAsDouble(), 1e-6);
            }
            compared++;
        }
        assertTrue(compared >= 20, "compared " + compared + " rows answered by logistic");
    }

    @Test
    void missingRequiredFieldIs422() throws Exception {
        HttpResponse<String> r = Fixture.post(server.port(), "/predict", "{\"island\":\"Biscoe\",\"beak_length_mm\":45.1,"
                + "\"beak_depth_mm\":14.5,\"flipper_length_mm\":215,\"sex\":\"FEMALE\"}");
        assertEquals(422, r.statusCode(), r.body());
        JsonObject f = json(r).getAsJsonObject("error").getAsJsonArray("fields").get(0).getAsJsonObject();
        assertEquals("body_mass_g", f.get("field").getAsString());
        assertEquals("missing required field", f.get("problem").getAsString());
    }

    @Test
    void wrongTypesAre422PerField() throws Exception {
        HttpResponse<String> r = Fixture.post(server.port(), "/predict", "[" + row("") + ","
                + "{\"island\":\"Biscoe\",\"beak_length_mm\":\"long\",\"beak_depth_mm\":[1],\"flipper_length_mm\":215.5,"
                + "\"body_mass_g\":5000,\"sex\":\"FEMALE\"}]");
        assertEquals(422, r.statusCode(), r.body());
        JsonArray fields = json(r).getAsJsonObject("error").getAsJsonArray("fields");
        assertEquals(3, fields.size(), r.body());
        Map<String, JsonObject> byField = new HashMap<>();
        fields.forEach(f -> byField.put(f.getAsJsonObject().get("field").getAsString(), f.getAsJsonObject()));
        assertEquals(1, byField.get("beak_length_mm").get("row").getAsInt());
        assertEquals("expected a number, got a string", byField.get("beak_length_mm").get("problem").getAsString());
        assertEquals("long", byField.get("beak_length_mm").get("value").getAsString());
        assertEquals("expected a number, got an array", byField.get("beak_depth_mm").get("problem").getAsString());
        assertEquals("expected a whole number, got 215.5", byField.get("flipper_length_mm").get("problem").getAsString());
    }

    @Test
    void unknownCategoryOutOfRangeAndUnknownFieldWarn() throws Exception {
        HttpResponse<String> r = Fixture.post(server.port(), "/predict", "{\"island\":\"Atlantis\",\"beak_length_mm\":45.1,"
                + "\"beak_depth_mm\":14.5,\"flipper_length_mm\":215,\"body_mass_g\":60000,\"sex\":\"FEMALE\",\"colour\":\"blue\"}");
        assertEquals(200, r.statusCode(), r.body()); // the experiment says `unknown warn`
        JsonArray w = json(r).getAsJsonArray("warnings");
        Map<String, String> problems = new HashMap<>();
        w.forEach(x -> problems.put(x.getAsJsonObject().get("field").getAsString(), x.getAsJsonObject().get("problem").getAsString()));
        assertEquals("category never seen in training", problems.get("island"));
        assertEquals("far outside the training range", problems.get("body_mass_g"));
        assertEquals("not a column of the training data; ignored", problems.get("colour"));
    }

    @Test
    void badRequestsAre4xxAndTheServerKeepsServing() throws Exception {
        int port = server.port();
        assertEquals(400, Fixture.post(port, "/predict", "{\"island\": ").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "42").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "[1, 2]").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "[]").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "{} {}").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "{island: 'Biscoe'}").statusCode(), "strict JSON only");
        assertEquals(400, Fixture.post(port, "/predict", "{\"beak_length_mm\": NaN}").statusCode());
        assertEquals(400, Fixture.post(port, "/predict", "[".repeat(5000)).statusCode());
        HttpResponse<String> ct = Fixture.post(port, "/predict", row(""), "text/plain");
        assertEquals(415, ct.statusCode());
        assertEquals(415, Fixture.post(port, "/predict", row(""), null).statusCode());
        String huge = "[" + (row("") + ",").repeat(20_000) + row("") + "]";
        HttpResponse<String> big = Fixture.post(port, "/predict", huge);
        assertEquals(413, big.statusCode());
        assertEquals("body_too_large", json(big).getAsJsonObject("error").get("code").getAsString());
        // without Content-Length (chunked), the limit holds while reading
        HttpResponse<String> chunked = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        String batch = "[" + (row("") + ",").repeat(400) + row("") + "]";
        HttpResponse<String> many = Fixture.post(port, "/predict", batch);
        assertEquals(413, many.statusCode());
        assertEquals("batch_too_large", json(many).getAsJsonObject("error").get("code").getAsString());
        assertEquals(404, Fixture.get(port, "/nowhere").statusCode());
        assertEquals(405, Fixture.get(port, "/predict").statusCode());
        for (HttpResponse<String> r : List.of(ct, big, many)) {
            assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        }
        assertEquals(200, Fixture.get(port, "/health").statusCode());
        assertEquals(200, Fixture.post(port, "/predict", row("")).statusCode());
    }

    @Test
    void explainsOneRowWithLime() throws Exception {
        HttpResponse<String> r = Fixture.post(server.port(), "/explain", row(""));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject o = json(r);
        assertEquals("lime", o.get("method").getAsString());
        assertEquals("logistic", o.get("model").getAsString());
        assertTrue(o.getAsJsonArray("features").size() > 0);
        assertTrue(o.get("surrogate_r2").getAsDouble() <= 1);
        assertEquals(400, Fixture.post(server.port(), "/explain", "[" + row("") + "]").statusCode());
    }

    @Test
    void healthMetadataAndOpenApi() throws Exception {
        JsonObject h = json(Fixture.get(server.port(), "/health"));
        assertEquals("ok", h.get("status").getAsString());
        JsonObject m = json(Fixture.get(server.port(), "/metadata"));
        assertEquals("classification", m.get("task").getAsString());
        assertEquals("[\"Adelie\",\"Chinstrap\",\"Gentoo\"]", m.get("classes").toString());
        assertEquals("warn", m.get("unknown_categories").getAsString());
        assertEquals("baseline", m.getAsJsonObject("abtest").get("challenger").getAsString());
        assertTrue(m.getAsJsonObject("holdout_metrics").get("accuracy").getAsDouble() > 0.9);
        JsonObject api = json(Fixture.get(server.port(), "/openapi.json"));
        assertEquals("3.0.3", api.get("openapi").getAsString());
        JsonObject rowSchema = api.getAsJsonObject("components").getAsJsonObject("schemas").getAsJsonObject("Row");
        assertTrue(rowSchema.getAsJsonArray("required").toString().contains("\"body_mass_g\""));
        assertFalse(rowSchema.getAsJsonArray("required").toString().contains("penguin_id"), "the id is optional");
        assertEquals("integer", rowSchema.getAsJsonObject("properties").getAsJsonObject("flipper_length_mm").get("type").getAsString());
        assertTrue(api.getAsJsonObject("paths").has("/predict"));
        assertTrue(api.getAsJsonObject("paths").has("/feedback"));
    }

    @Test
    void describedColumnsCarryTheirMeaningIntoMetadataAndOpenApi() throws Exception {
        JsonObject m = json(Fixture.get(server.port(), "/metadata"));
        JsonObject mass = null;
        JsonObject beak = null;
        for (var e : m.getAsJsonArray("schema")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("name").getAsString().equals("body_mass_g")) {
                mass = c;
            } else if (c.get("name").getAsString().equals("beak_length_mm")) {
                beak = c;
            }
        }
        assertEquals("body mass of the bird", mass.get("description").getAsString());
        assertEquals("g", mass.get("unit").getAsString());
        assertFalse(beak.has("description"), "an undescribed column says nothing");
        JsonObject props = json(Fixture.get(server.port(), "/openapi.json")).getAsJsonObject("components")
                .getAsJsonObject("schemas").getAsJsonObject("Row").getAsJsonObject("properties");
        JsonObject massSchema = props.getAsJsonObject("body_mass_g");
        assertTrue(massSchema.get("description").getAsString().startsWith("body mass of the bird (g); training range "),
                massSchema.toString());
        assertEquals("g", massSchema.get("x-unit").getAsString());
        assertEquals("the island where the bird was measured", props.getAsJsonObject("island").get("description").getAsString());
        assertTrue(props.getAsJsonObject("beak_length_mm").get("description").getAsString().startsWith("training range "));
    }

    @Test
    void theModelCardsWordsReachMetadataAndOpenApi() throws Exception {
        JsonObject m = json(Fixture.get(server.port(), "/metadata"));
        assertEquals("help field teams label the species of penguins", m.get("intended_use").getAsString());
        assertEquals(2, m.getAsJsonArray("limitations").size());
        assertTrue(m.getAsJsonArray("limitations").get(1).getAsString().startsWith("measured in 2007"));
        String info = json(Fixture.get(server.port(), "/openapi.json")).getAsJsonObject("info").get("description").getAsString();
        assertTrue(info.contains("Intended use: help field teams") && info.contains("\n- measured in 2007"), info);
    }

    @Test
    void metricsCountRequestsErrorsAndVariants() throws Exception {
        int port = server.port();
        Fixture.post(port, "/predict", row(",\"penguin_id\":77"));
        Fixture.post(port, "/predict", "{bad");
        HttpResponse<String> r = Fixture.get(port, "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String text = r.body();
        assertTrue(text.contains("# TYPE mlx_requests_total counter"), text);
        assertTrue(text.matches("(?s).*mlx_requests_total\\{endpoint=\"/predict\",status=\"200\"} [1-9].*"), text);
        assertTrue(text.matches("(?s).*mlx_errors_total\\{endpoint=\"/predict\",code=\"malformed_json\"} [1-9].*"), text);
        assertTrue(text.contains("mlx_request_duration_seconds_bucket{endpoint=\"/predict\",le=\"+Inf\"}"), text);
        assertTrue(text.matches("(?s).*mlx_predictions_total\\{variant=\"(logistic|baseline)\"} [1-9].*"), text);
        assertTrue(text.contains("mlx_prediction_duration_seconds_count{variant="), text);
        assertTrue(text.contains("\nmlx_log_dropped_total 0\n"), text);
    }

    @Test
    void feedbackWaitingForItsCommitHoldsNoRequestThread() throws Exception {
        int port = server.port();
        // an id that was never logged: the answer (404) still comes only after the commit, and this
        // test leaves no labelled prediction behind for the online evaluation of the others
        String id = "never-logged-" + System.nanoTime();
        String url = json(Fixture.get(port, "/health")).get("store").getAsString();
        assertTrue(url.startsWith("jdbc:sqlite:"), url);
        // more waiting feedback than the server has request threads: none of them may hold one
        int waiting = 2 * Runtime.getRuntime().availableProcessors() + 2;
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> feedback = new ArrayList<>();
        try (java.sql.Connection lock = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = lock.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("BEGIN IMMEDIATE"); // the store's writer cannot commit until this ends
            for (int i = 0; i < waiting; i++) {
                feedback.add(Fixture.HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feedback"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prediction_id\":\"" + id + "\",\"actual\":\"Gentoo\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500);
            for (var f : feedback) {
                assertFalse(f.isDone(), () -> "feedback is answered only after its commit: " + f.join().statusCode() + " " + f.join().body());
            }
            long t0 = System.nanoTime();
            HttpResponse<String> p = Fixture.post(port, "/predict", row(",\"penguin_id\":6"));
            assertEquals(200, p.statusCode(), p.body());
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "a prediction is answered while feedback waits");
            st.execute("ROLLBACK");
        }
        for (var f : feedback) {
            HttpResponse<String> r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(404, r.statusCode(), r.body());
            assertEquals("unknown_prediction", json(r).getAsJsonObject("error").get("code").getAsString());
        }
    }

    @Test
    void stickyAssignmentAndSplit() throws Exception {
        String first = null;
        for (int i = 0; i < 10; i++) {
            String model = json(Fixture.post(server.port(), "/predict", row(",\"penguin_id\":4242"))).get("model").getAsString();
            if (first == null) {
                first = model;
            }
            assertEquals(first, model, "the same key meets the same model");
        }
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            batch.append(i == 0 ? "" : ",").append(row(",\"penguin_id\":" + (100_000 + i)));
        }
        JsonArray got = json(Fixture.post(server.port(), "/predict", batch.append("]").toString())).getAsJsonArray("predictions");
        int challenger = 0;
        for (JsonElement p : got) {
            if (p.getAsJsonObject().get("model").getAsString().equals("baseline")) {
                assertEquals("challenger", p.getAsJsonObject().get("variant").getAsString());
                challenger++;
            }
        }
        // 50/50 over 400 keys: binomial sd 10, within 4 sd
        assertTrue(Math.abs(challenger - 200) <= 40, "challenger rows: " + challenger);
    }

    /** Feedback on known outcomes: /ab must count and score them exactly as computed here. */
    @Test
    void feedbackJoinsIntoOnlineEvaluation() throws Exception {
        int port = server.port();
        JsonArray batch = new JsonArray();
        List<String> actual = new ArrayList<>();
        for (JsonObject p : penguins.subList(0, 200)) {
            JsonObject raw = p.deepCopy();
            actual.add(raw.remove("species").getAsString());
            batch.add(raw);
        }
        JsonArray got = json(Fixture.post(port, "/predict", batch.toString())).getAsJsonArray("predictions");
        Map<String, int[]> counts = new HashMap<>(); // model -> labelled, correct
        for (int i = 0; i < got.size(); i++) {
            JsonObject p = got.get(i).getAsJsonObject();
            HttpResponse<String> fb = Fixture.post(port, "/feedback", "{\"prediction_id\":\"" + p.get("prediction_id").getAsString()
                    + "\",\"actual\":\"" + actual.get(i) + "\"}");
            assertEquals(200, fb.statusCode(), fb.body());
            int[] c = counts.computeIfAbsent(p.get("model").getAsString(), k -> new int[2]);
            c[0]++;
            c[1] += p.get("prediction").getAsString().equals(actual.get(i)) ? 1 : 0;
        }
        assertEquals(404, Fixture.post(port, "/feedback", "{\"prediction_id\":\"no-such-id\",\"actual\":\"Adelie\"}").statusCode());
        assertEquals(422, Fixture.post(port, "/feedback", "{\"prediction_id\":\"x\",\"actual\":\"Penguin\"}").statusCode());
        assertEquals(422, Fixture.post(port, "/feedback", "{\"actual\":\"Adelie\"}").statusCode());
        JsonObject ab = json(Fixture.get(port, "/ab"));
        Map<String, JsonObject> v = new HashMap<>();
        ab.getAsJsonArray("variants").forEach(x -> v.put(x.getAsJsonObject().get("name").getAsString(), x.getAsJsonObject()));
        int[] lr = counts.get("logistic");
        int[] base = counts.get("baseline");
        assertEquals(lr[0], v.get("logistic").get("labelled").getAsInt());
        assertEquals(base[0], v.get("baseline").get("labelled").getAsInt());
        assertEquals((double) lr[1] / lr[0], v.get("logistic").get("accuracy").getAsDouble(), 1e-12);
        assertEquals((double) base[1] / base[0], v.get("baseline").get("accuracy").getAsDouble(), 1e-12);
        Online.Test t = Online.zTest(lr[1], lr[0], base[1], base[0]);
        assertEquals(t.statistic(), ab.getAsJsonObject("test").get("statistic").getAsDouble(), 1e-9);
        // the majority-class baseline is far worse than logistic regression on 200 penguins
        assertEquals("keep", ab.get("recommendation").getAsString(), ab.toString());
    }

    @Test
    void driftReportsEveryInputColumn() throws Exception {
        Fixture.post(server.port(), "/predict", row(""));
        JsonObject d = json(Fixture.get(server.port(), "/drift"));
        assertTrue(d.get("rows").getAsInt() >= 1);
        Set<String> cols = new HashSet<>();
        d.getAsJsonArray("features").forEach(f -> cols.add(f.getAsJsonObject().get("column").getAsString()));
        assertEquals(Set.of("island", "beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g", "sex"), cols);
        assertEquals(0.2, d.getAsJsonObject("retrain").get("threshold").getAsDouble(), 1e-12);
    }

    @Test
    void productionModeEchoesNothing() throws Exception {
        try (Fixture.Running prod = Fixture.serve(dir, jar, "--out", "out", "--production", "--no-store")) {
            HttpResponse<String> r = Fixture.post(prod.port(), "/predict", "{\"island\":\"Biscoe\",\"beak_length_mm\":\"secret-value\","
                    + "\"beak_depth_mm\":14.5,\"flipper_length_mm\":215,\"body_mass_g\":5000,\"sex\":\"FEMALE\"}");
            assertEquals(422, r.statusCode());
            assertFalse(r.body().contains("secret-value"), r.body());
            assertFalse(r.body().contains("expected\""), r.body());
            assertTrue(r.body().contains("beak_length_mm"), "the field is still named: " + r.body());
            assertEquals(409, Fixture.post(prod.port(), "/feedback", "{\"prediction_id\":\"a\",\"actual\":\"Adelie\"}").statusCode());
            assertNotEquals(prod.port(), server.port());
        }
    }
}
