package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A minimal LSP client for tests: writes framed JSON-RPC to a server process and reads its stdout
 * strictly, so any byte that is not a well-framed message (a stray log line) is a failure.
 */
final class JsonRpcClient implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final List<JsonObject> received = new ArrayList<>();
    private final Thread reader;
    private volatile String protocolError;
    private int nextId = 1;

    JsonRpcClient(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        InputStream out = process.getInputStream();
        this.reader = new Thread(() -> read(out), "lsp-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream out) {
        try {
            while (true) {
                String header = line(out);
                if (header == null) {
                    return;
                }
                if (!header.startsWith("Content-Length: ")) {
                    protocolError = "not a JSON-RPC header on stdout: " + header;
                    return;
                }
                int length = Integer.parseInt(header.substring("Content-Length: ".length()).trim());
                String blank = line(out);
                if (blank == null || !blank.isEmpty()) {
                    protocolError = "expected a blank line after the header, got: " + blank;
                    return;
                }
                byte[] body = out.readNBytes(length);
                JsonObject msg = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                synchronized (received) {
                    received.add(msg);
                    received.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            protocolError = "reading stdout: " + e;
        }
    }

    /** One header line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream out) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = out.read()) != -1) {
            if (c == '\n') {
                String s = buf.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(c);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
    }

    private synchronized void send(JsonObject msg) throws IOException {
        byte[] body = new Gson().toJson(msg).getBytes(StandardCharsets.UTF_8);
        in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        in.write(body);
        in.flush();
    }

    void notify(String method, JsonElement params) throws IOException {
        JsonObject msg = new JsonObject();
        msg.addProperty("jsonrpc", "2.0");
        msg.addProperty("method", method);
        msg.add("params", params == null ? JsonNull.INSTANCE : params);
        send(msg);
    }

    /** Sends a request and waits for its response; fails on an error response. */
    JsonElement request(String method, JsonElement params) throws Exception {
        int id;
        synchronized (this) {
            id = nextId++;
        }
        JsonObject msg = new JsonObject();
        msg.addProperty("jsonrpc", "2.0");
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params == null ? JsonNull.INSTANCE : params);
        send(msg);
        JsonObject response = await(m -> m.has("id") && !m.has("method") && m.get("id").getAsInt() == id, 30_000,
                "the response to " + method);
        if (response.has("error")) {
            fail(method + " failed: " + response.get("error"));
        }
        return response.get("result");
    }

    /** The first message (removed from the queue) that matches, waiting up to {@code millis}. */
    JsonObject await(Predicate<JsonObject> match, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (received) {
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.remove(i);
                    }
                }
                if (protocolError != null) {
                    fail(protocolError);
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    fail("timed out waiting for " + what + "; received: " + received);
                }
                received.wait(left);
            }
        }
    }

    /** The next publishDiagnostics for a URI with exactly this version. */
    JsonObject diagnostics(String uri, int version) throws InterruptedException {
        return await(m -> "textDocument/publishDiagnostics".equals(m.has("method") ? m.get("method").getAsString() : null)
                && m.getAsJsonObject("params").get("uri").getAsString().equals(uri)
                && m.getAsJsonObject("params").has("version")
                && m.getAsJsonObject("params").get("version").getAsInt() == version, 60_000,
                "diagnostics of version " + version + " of " + uri).getAsJsonObject("params");
    }

    /** Removes and returns, in arrival order, every message received so far that matches. */
    List<JsonObject> drain(Predicate<JsonObject> match) {
        synchronized (received) {
            List<JsonObject> out = new ArrayList<>();
            received.removeIf(m -> match.test(m) && out.add(m));
            return out;
        }
    }

    String protocolError() {
        return protocolError;
    }

    void joinReader(long millis) throws InterruptedException {
        reader.join(millis);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
