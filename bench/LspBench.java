import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Time from didChange to publishDiagnostics, measured the way an editor sees it: the server runs
 * as `java -jar mlx-cli/target/mlx.jar lsp` in a child process and this program talks JSON-RPC to it over
 * stdio. Each edit toggles one hyperparameter between `trees` and `treez` (so every other check
 * finds an error, with its did-you-mean) and waits for the diagnostics of that version.
 *
 * usage: java -cp mlx-cli/target/mlx.jar bench/LspBench.java FILE.mlx [WARMUP] [RUNS]
 */
public class LspBench {
    static OutputStream in;
    static InputStream out;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", "mlx-cli/target/mlx.jar", "lsp");
        pb.environment().put("MLX_LSP_TIMING", "1");
        Process p = pb.start();
        List<Double> serverWall = Collections.synchronizedList(new ArrayList<>());
        List<Double> serverCpu = Collections.synchronizedList(new ArrayList<>());
        Thread err = new Thread(() -> readTimings(p.getErrorStream(), serverWall, serverCpu));
        err.start();
        in = p.getOutputStream();
        out = p.getInputStream();
        String uri = file.toUri().toString();

        send(msg("initialize", 1, obj("capabilities", new JsonObject())));
        until(m -> m.has("id") && m.get("id").getAsInt() == 1);
        send(msg("initialized", null, new JsonObject()));
        JsonObject doc = obj("uri", uri);
        doc.addProperty("languageId", "mlx");
        doc.addProperty("version", 1);
        doc.addProperty("text", text);
        send(msg("textDocument/didOpen", null, obj("textDocument", doc)));
        JsonObject first = diagnostics(1);
        System.out.printf(Locale.ROOT, "%s: %d lines, %d diagnostics on open%n", file.getFileName(),
                text.split("\n", -1).length - 1, first.getAsJsonArray("diagnostics").size());

        int offset = text.indexOf("{ trees ") + 2;
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int col = offset - lineStart;
        List<Double> times = new ArrayList<>();
        int errors = 0;
        for (int v = 2; v < 2 + warmup + runs; v++) {
            String word = v % 2 == 0 ? "treez" : "trees";
            JsonObject range = obj("start", pos(line, col));
            range.add("end", pos(line, col + 5));
            JsonObject change = obj("range", range);
            change.addProperty("text", word);
            JsonArray changes = new JsonArray();
            changes.add(change);
            JsonObject id = obj("uri", uri);
            id.addProperty("version", v);
            JsonObject params = obj("textDocument", id);
            params.add("contentChanges", changes);
            long t0 = System.nanoTime();
            send(msg("textDocument/didChange", null, params));
            JsonObject d = diagnostics(v);
            long t1 = System.nanoTime();
            if (v >= 2 + warmup) {
                times.add((t1 - t0) / 1e6);
                errors += d.getAsJsonArray("diagnostics").size() > 0 ? 1 : 0;
            }
        }
        send(msg("shutdown", 99999, null));
        until(m -> m.has("id") && m.get("id").getAsInt() == 99999);
        send(msg("exit", null, null));
        p.waitFor();
        err.join();
        Collections.sort(times);
        System.out.printf(Locale.ROOT, "didChange -> publishDiagnostics, %d runs after %d warm-up (%d with an error): "
                        + "median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n", runs, warmup, errors,
                times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.9) - 1), times.get(0),
                times.get(times.size() - 1));
        // The server's own account of the same checks: wall time on its check thread, and the CPU
        // time it used (the difference is time spent waiting for a core on a loaded machine).
        List<Double> wall = new ArrayList<>(serverWall.subList(serverWall.size() - runs, serverWall.size()));
        List<Double> cpu = new ArrayList<>(serverCpu.subList(serverCpu.size() - runs, serverCpu.size()));
        Collections.sort(wall);
        Collections.sort(cpu);
        System.out.printf(Locale.ROOT, "  of which the check in the server: median %.1f ms (cpu %.1f ms), p90 %.1f ms (cpu %.1f ms)%n",
                wall.get(wall.size() / 2), cpu.get(cpu.size() / 2), wall.get((int) Math.ceil(wall.size() * 0.9) - 1),
                cpu.get((int) Math.ceil(cpu.size() * 0.9) - 1));
    }

    static void readTimings(InputStream err, List<Double> wall, List<Double> cpu) {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("in ([0-9.]+) ms \\(cpu ([0-9.]+) ms\\)");
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(err, StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                java.util.regex.Matcher m = line.matcher(s);
                if (s.startsWith("mlx lsp: checked") && m.find()) {
                    wall.add(Double.parseDouble(m.group(1)));
                    cpu.add(Double.parseDouble(m.group(2)));
                } else {
                    System.err.println(s);
                }
            }
        } catch (IOException e) {
            System.err.println("reading the server's stderr: " + e);
        }
    }

    static JsonObject diagnostics(int version) throws IOException {
        return until(m -> m.has("method") && m.get("method").getAsString().equals("textDocument/publishDiagnostics")
                && m.getAsJsonObject("params").has("version")
                && m.getAsJsonObject("params").get("version").getAsInt() == version).getAsJsonObject("params");
    }

    interface Match {
        boolean test(JsonObject m);
    }

    static JsonObject until(Match match) throws IOException {
        while (true) {
            JsonObject m = read();
            if (m == null) {
                throw new IOException("the server closed its output");
            }
            if (match.test(m)) {
                return m;
            }
        }
    }

    static JsonObject read() throws IOException {
        String header = line();
        if (header == null) {
            return null;
        }
        int length = Integer.parseInt(header.substring("Content-Length: ".length()).trim());
        line();
        byte[] body = out.readNBytes(length);
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = out.read()) != -1 && c != '\n') {
            buf.write(c);
        }
        if (c == -1 && buf.size() == 0) {
            return null;
        }
        return buf.toString(StandardCharsets.US_ASCII).replace("\r", "");
    }

    static void send(JsonObject m) throws IOException {
        byte[] body = new Gson().toJson(m).getBytes(StandardCharsets.UTF_8);
        in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        in.write(body);
        in.flush();
    }

    static JsonObject msg(String method, Integer id, JsonObject params) {
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        if (id != null) {
            m.addProperty("id", id);
        }
        m.addProperty("method", method);
        if (params != null) {
            m.add("params", params);
        }
        return m;
    }

    static JsonObject obj(String key, Object value) {
        JsonObject o = new JsonObject();
        if (value instanceof JsonObject j) {
            o.add(key, j);
        } else {
            o.addProperty(key, value.toString());
        }
        return o;
    }

    static JsonObject pos(int line, int character) {
        JsonObject o = new JsonObject();
        o.addProperty("line", line);
        o.addProperty("character", character);
        return o;
    }
}
