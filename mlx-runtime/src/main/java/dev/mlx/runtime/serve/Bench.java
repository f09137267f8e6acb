package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code serve --bench}: single-row {@code POST /predict} latency over HTTP on loopback, with the
 * prediction log on (into a scratch SQLite file, so the real log gets no synthetic rows), measured
 * from one client request after request after a warm-up; the scope's latency gates are checked on it.
 */
public final class Bench {
    static final int WARMUP = 200;

    private Bench() {
    }

    /** A typical row: the training median of each numeric column, the most frequent category. */
    static JsonObject typicalRow(Profile p) {
        JsonObject o = new JsonObject();
        for (Profile.Col c : p.columns) {
            if (!c.required()) {
                continue;
            }
            if (c.numeric() != null && c.numeric().sample().length > 0) {
                double v = c.numeric().sample()[c.numeric().sample().length / 2];
                if (c.type() == dev.mlx.catalog.ColumnType.INTEGER) {
                    o.addProperty(c.name(), (long) v);
                } else {
                    o.addProperty(c.name(), v);
                }
            } else if (c.categories() != null && !c.categories().isEmpty()) {
                String top = c.categories().entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
                if (c.type() == dev.mlx.catalog.ColumnType.BOOLEAN) {
                    o.addProperty(c.name(), Boolean.parseBoolean(top));
                } else {
                    o.addProperty(c.name(), top);
                }
            } else {
                o.add(c.name(), com.google.gson.JsonNull.INSTANCE);
            }
        }
        return o;
    }

    public static JsonObject run(Experiment e, Served served, int requests, String host) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("mlx-bench");
        } catch (IOException ex) {
            throw new RunException("cannot create a scratch folder for the benchmark: " + ex.getMessage(), ex);
        }
        ServeOptions options = new ServeOptions(host, 0, ServeOptions.DEFAULT_MAX_BODY, ServeOptions.DEFAULT_MAX_BATCH,
                ServeOptions.DEFAULT_TIMEOUT, false, "jdbc:sqlite:" + scratch.resolve("bench.db"), 7);
        String body = typicalRow(served.profile).toString();
        double[] ms = new double[requests];
        int errors = 0;
        try (ModelServer server = new ModelServer(e, served, options)) {
            int port = server.start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/predict"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            for (int i = 0; i < WARMUP + requests; i++) {
                long t0 = System.nanoTime();
                int status;
                try {
                    status = client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (IOException ex) {
                    status = -1;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new RunException("the benchmark was interrupted", ex);
                }
                double took = (System.nanoTime() - t0) / 1e6;
                if (i >= WARMUP) {
                    ms[i - WARMUP] = took;
                    if (status != 200) {
                        errors++;
                    }
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a scratch folder left in the temp directory is harmless
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        JsonObject o = new JsonObject();
        o.addProperty("requests", requests);
        o.addProperty("warmup", WARMUP);
        o.addProperty("errors", errors);
        o.addProperty("row", body);
        JsonObject lat = new JsonObject();
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        lat.addProperty("p50", percentile(sorted, 0.50));
        lat.addProperty("p90", percentile(sorted, 0.90));
        lat.addProperty("p95", percentile(sorted, 0.95));
        lat.addProperty("p99", percentile(sorted, 0.99));
        lat.addProperty("mean", mean);
        o.add("latency_ms", lat);
        JsonArray gates = new JsonArray();
        boolean passed = errors == 0;
        for (Scope.Gate gate : e.scope().gates()) {
            if (!(gate instanceof Scope.LatencyGate g)) {
                continue;
            }
            double observed = lat.get(g.percentile().word()).getAsDouble();
            boolean ok = g.op().holds(observed, g.thresholdMs());
            passed &= ok;
            JsonObject x = new JsonObject();
            x.addProperty("text", g.text());
            x.addProperty("observed", observed);
            x.addProperty("passed", ok);
            gates.add(x);
        }
        o.add("gates", gates);
        o.addProperty("passed", passed);
        return o;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    public static String text(JsonObject b) {
        JsonObject l = b.getAsJsonObject("latency_ms");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "bench: %d single-row /predict requests over HTTP (after %d warm-up), %d errors%n"
                        + "  latency ms: p50 %.3f, p90 %.3f, p95 %.3f, p99 %.3f, mean %.3f%n",
                b.get("requests").getAsInt(), b.get("warmup").getAsInt(), b.get("errors").getAsInt(), l.get("p50").getAsDouble(),
                l.get("p90").getAsDouble(), l.get("p95").getAsDouble(), l.get("p99").getAsDouble(), l.get("mean").getAsDouble()));
        for (var g : b.getAsJsonArray("gates")) {
            JsonObject x = g.getAsJsonObject();
            sb.append(String.format(Locale.ROOT, "  gate %-4s %s (observed %.4f over HTTP)%n", x.get("passed").getAsBoolean() ? "ok" : "FAIL",
                    x.get("text").getAsString(), x.get("observed").getAsDouble()));
        }
        return sb.toString();
    }
}
