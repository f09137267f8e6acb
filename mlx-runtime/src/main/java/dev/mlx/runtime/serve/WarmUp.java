package dev.mlx.runtime.serve;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Readies a server before it says it is ready: a typical row (each numeric column at its training
 * mean, each category at its most frequent value, text empty) is scored by every served model,
 * {@value #ROUNDS} times, so that the classes of the scoring path are loaded and its code compiled;
 * then one request of each kind the server answers travels over HTTP (a {@code GET} of the metadata,
 * and a {@code POST /predict} with a body that is refused before anything is scored or logged), so
 * that the first caller's {@code /predict} finds the HTTP path loaded too. Nothing is logged to the
 * prediction store, and failures here are ignored: the first request then pays, as before.
 */
final class WarmUp {
    static final int ROUNDS = 200;

    private WarmUp() {
    }

    /** The typical row of {@code profile} as a request body. */
    static String typicalRow(Profile profile) {
        JsonObject row = new JsonObject();
        for (Profile.Col c : profile.columns) {
            if (c.numeric() != null) {
                row.addProperty(c.name(), c.type() == dev.mlx.catalog.ColumnType.INTEGER ? Math.round(c.numeric().mean())
                        : c.numeric().mean());
            } else if (c.categories() != null && !c.categories().isEmpty()) {
                String top = null;
                long most = -1;
                for (Map.Entry<String, Long> e : c.categories().entrySet()) {
                    if (e.getValue() > most) {
                        most = e.getValue();
                        top = e.getKey();
                    }
                }
                row.addProperty(c.name(), top);
            } else if (c.type() == dev.mlx.catalog.ColumnType.TEXT) {
                row.addProperty(c.name(), "");
            }
        }
        return row.toString();
    }

    /** Scores the typical row with every model, {@link #ROUNDS} times; false when it could not be scored. */
    static boolean score(Served served, int maxBatch) {
        try {
            Requests.Parsed parsed = Requests.parse(typicalRow(served.profile), served.profile, maxBatch);
            for (int i = 0; i < ROUNDS; i++) {
                for (Scorer s : served.variants.values()) {
                    s.score(parsed.table());
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One GET of the metadata and one refused POST /predict on the server at {@code port} of loopback. */
    static void http(String host, int port) {
        String h = host == null || host.isBlank() || host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        request(h, port, "GET", "/metadata", null);
        request(h, port, "POST", "/predict", "[]"); // an empty batch: refused (400) before scoring
    }

    private static void request(String host, int port, String method, String path, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http", host, port, path).openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(2_000);
            c.setReadTimeout(5_000);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            c.disconnect();
        } catch (IOException | RuntimeException e) {
            // a warm-up that cannot connect changes nothing
        }
    }
}
