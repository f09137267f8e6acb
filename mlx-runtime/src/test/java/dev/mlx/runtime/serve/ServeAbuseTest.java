package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.testing.Repo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server in this process on a small trained model (src/test/resources/serve/pen, body_mass_g
 * without imputation), attacked the way issue 15 did: numbers beyond any double, rows LIME cannot
 * explain, nulls the pipeline cannot fill, non-strict JSON, malformed URIs, and clients that send
 * half a request and stall. Every client mistake is a 4xx JSON answer with a request id, and
 * {@code /health} stays fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeAbuseTest {
    static final Path MODEL = Repo.module("src/test/resources/serve/pen");
    static final String ROW = "\"island\":\"Biscoe\",\"beak_length_mm\":45.1,\"beak_depth_mm\":14.5,"
            + "\"flipper_length_mm\":215,\"sex\":\"FEMALE\"";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ModelServer server;
    private int port;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    void start() {
        ServeOptions options = new ServeOptions("127.0.0.1", 0, ServeOptions.DEFAULT_MAX_BODY, 100, 120_000, false, null, 7);
        server = new ModelServer(null, Served.load(MODEL), options, new PrintStream(log, true, StandardCharsets.UTF_8));
        port = server.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject error(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.body());
        JsonObject e = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
        assertEquals(r.statusCode(), e.get("status").getAsInt(), r.body());
        assertEquals(36, e.get("request_id").getAsString().length(), r.body());
        return e;
    }

    @Test
    void numbersBeyondAnyDoubleAre422InEveryKindOfColumn() throws Exception {
        for (String field : List.of("\"body_mass_g\":1e10000", "\"body_mass_g\":5000,\"beak_depth_mm\":1e10000",
                "\"body_mass_g\":5000,\"penguin_id\":1e10000", "\"body_mass_g\":5000,\"island\":1e10000",
                "\"body_mass_g\":-1e999999999", "\"body_mass_g\":1e400")) {
            String body = "{" + ROW.replace("\"island\":\"Biscoe\",", field.contains("island") ? "" : "\"island\":\"Biscoe\",")
                    .replace("\"beak_depth_mm\":14.5,", field.contains("beak_depth") ? "" : "\"beak_depth_mm\":14.5,") + "," + field + "}";
            HttpResponse<String> r = post("/predict", body);
            assertEquals(422, r.statusCode(), field + " -> " + r.body());
            JsonObject e = error(r);
            String problem = e.getAsJsonArray("fields").get(0).getAsJsonObject().get("problem").getAsString();
            assertTrue(problem.contains("out of range"), r.body());
            assertTrue(r.body().length() < 1000, "an error does not echo a huge number: " + r.body().length());
        }
    }

    @Test
    void explainingARowFarOutsideTheTrainingDataIs422() throws Exception {
        for (String v : List.of("1e15", "1e300", "-1e300")) {
            HttpResponse<String> r = post("/explain", "{" + ROW.replace("45.1", v) + ",\"body_mass_g\":5000}");
            assertEquals(422, r.statusCode(), v + " -> " + r.body());
            assertEquals("not_explainable", error(r).get("code").getAsString());
        }
        assertEquals(200, post("/explain", "{" + ROW + ",\"body_mass_g\":5000}").statusCode());
    }

    @Test
    void nullInAColumnWithoutImputationIs422NamingIt() throws Exception {
        HttpResponse<String> r = post("/predict", "{" + ROW + ",\"body_mass_g\":null}");
        assertEquals(422, r.statusCode(), r.body());
        JsonObject e = error(r);
        assertEquals("body_mass_g", e.getAsJsonArray("fields").get(0).getAsJsonObject().get("field").getAsString());
        HttpResponse<String> batch = post("/predict", "[{" + ROW + ",\"body_mass_g\":5000},{" + ROW + ",\"body_mass_g\":null}]");
        assertEquals(422, batch.statusCode(), batch.body());
    }

    @Test
    void malformedJsonIsDescribedInOurWords() throws Exception {
        for (String body : List.of("{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\": NaN}", "{\"a\":1", "[" .repeat(5000))) {
            HttpResponse<String> r = post("/predict", body);
            assertEquals(400, r.statusCode(), r.body());
            String m = error(r).get("message").getAsString();
            assertFalse(m.contains("JsonReader") || m.contains("Strictness") || m.contains("gson") || m.contains("http"), m);
        }
        String m = error(post("/predict", "{'a':1}")).get("message").getAsString();
        assertTrue(m.contains("double quotes") && m.contains("line 1"), m);
    }

    @Test
    void feedbackWithAnUnrepresentableActualIs4xx() throws Exception {
        HttpResponse<String> r = post("/feedback", "{\"prediction_id\":\"x\",\"actual\":1e10000}");
        assertEquals(422, r.statusCode(), r.body());
        error(r);
    }

    @Test
    void malformedUrisAndHugeHeadersAreJson() throws Exception {
        for (String request : List.of("GET /%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")) {
            String answer = raw(request);
            String status = answer.substring(0, answer.indexOf("\r\n"));
            assertTrue(status.matches("HTTP/1.1 4\\d\\d .*"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertFalse(body.contains("<html"), answer);
            assertTrue(JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error").has("request_id"), body);
        }
    }

    @Test
    void everyAnswerCarriesARequestId() throws Exception {
        HttpResponse<String> r = post("/predict", "{" + ROW + ",\"body_mass_g\":5000}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(36, r.headers().firstValue(ModelServer.REQUEST_ID_HEADER).orElse("").length());
        HttpResponse<String> missing = get("/nope");
        assertEquals(missing.headers().firstValue(ModelServer.REQUEST_ID_HEADER).orElse(""),
                error(missing).get("request_id").getAsString());
    }

    /**
     * The failure of issue 15: clients that send headers and part of a body used to hold the
     * request threads until the timeout, and {@code /health} waited for them (9.6 s with two).
     */
    @Test
    void stalledClientsDoNotStarveHealthOrPredictions() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Socket s = new Socket("127.0.0.1", port);
                OutputStream out = s.getOutputStream();
                out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"island\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(s);
            }
            Thread.sleep(200);
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> h = get("/health");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, h.statusCode(), h.body());
                assertTrue(ms < 1000, "/health took " + ms + " ms with 32 stalled clients");
            }
            HttpResponse<String> p = post("/predict", "{" + ROW + ",\"body_mass_g\":5000}");
            assertEquals(200, p.statusCode(), p.body());
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /** One request written on a plain socket (what HttpClient refuses to send), its whole answer read back. */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                    String text = got.toString(StandardCharsets.ISO_8859_1);
                    int head = text.indexOf("\r\n\r\n");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                    if (head >= 0 && m.find() && text.length() >= head + 4 + Integer.parseInt(m.group(1))) {
                        break;
                    }
                }
            } catch (java.net.SocketException e) {
                // the server may close after its answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
