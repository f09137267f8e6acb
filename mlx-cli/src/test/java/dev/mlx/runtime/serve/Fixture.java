package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.mlx.testing.Repo;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test plumbing: a folder with the penguins data and an experiment, compiled to a jar, and servers
 * started as real child processes ({@code java -jar X.jar serve --port 0}) on a free port.
 */
final class Fixture {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern SERVING = Pattern.compile("^serving `.*` \\(.*\\) on http://127\\.0\\.0\\.1:(\\d+)");

    private Fixture() {
    }

    /** A fresh folder under target/ with penguins.csv and {@code name}.mlx holding {@code mlx}. */
    static Path folder(String name, String mlx) throws IOException {
        Path dir = Repo.module("target").resolve("serve-tests").resolve(name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Files.copy(Path.of("examples", "penguins", "data", "penguins.csv"), dir.resolve("penguins.csv"));
        Files.writeString(dir.resolve(name + ".mlx"), mlx, StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * A fresh folder under target/ holding the flagship as it is in examples/: penguins.mlx and
     * data/penguins.csv (its outputs and feedback store land in this folder, never in examples/).
     */
    static Path flagship(String name) throws IOException {
        Path dir = folder(name, "");
        Files.delete(dir.resolve(name + ".mlx"));
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("examples", "penguins", "penguins.mlx"), dir.resolve("penguins.mlx"));
        Files.copy(Path.of("examples", "penguins", "data", "penguins.csv"), dir.resolve("data/penguins.csv"));
        return dir;
    }

    static Path compile(Path dir, String name) throws IOException {
        Path mlx = dir.resolve(name + ".mlx");
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        CheckResult r = Checker.check(file, CheckOptions.defaults(), d);
        assertTrue(!d.hasErrors(), "the test experiment checks clean: " + mlx);
        Plan plan = Planner.plan(file, r, "test");
        Path jar = dir.resolve(name + ".jar");
        ExperimentCompiler.writeJar(ExperimentCompiler.compile(plan), jar, file.directory(), "test");
        return jar;
    }

    /** A running server: its process, port and the file its console goes to. */
    record Running(Process process, int port, Path log) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: the graceful path
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        String console() throws IOException {
            return Files.readString(log);
        }
    }

    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx1g");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code java -jar jar args...} to completion; returns exit code and console. */
    static String[] run(Path dir, Path jar, String... args) throws IOException, InterruptedException {
        List<String> cmd = java("-jar", jar.toString());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(log)};
    }

    /** Starts {@code java -jar jar serve --port 0 args...} and waits until it listens. */
    static Running serve(Path dir, Path jar, String... args) throws IOException, InterruptedException {
        List<String> cmd = java("-jar", jar.toString(), "serve", "--port", "0");
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "serve", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        return new Running(p, Integer.parseInt(m.group(1)), log);
                    }
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("the server exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new AssertionError("the server did not start:\n" + Files.readString(log));
    }

    /**
     * The online section's variants account for every answered prediction ({@code answered}: by
     * variant) and every labelled one, and each variant's score (above 0.85) lies inside its interval.
     */
    static void assertVariantsAccountFor(JsonObject online, Map<String, Integer> answered, int labelled) {
        long predictions = 0;
        long withFeedback = 0;
        for (JsonElement v : online.getAsJsonArray("variants")) {
            JsonObject x = v.getAsJsonObject();
            predictions += x.get("predictions").getAsLong();
            withFeedback += x.get("labelled").getAsLong();
            assertEquals(answered.get(x.get("name").getAsString()).longValue(),
                    x.get("predictions").getAsLong(), x.toString());
            double value = x.get("value").getAsDouble();
            assertTrue(value > 0.85 && x.get("ci_low").getAsDouble() <= value && value <= x.get("ci_high").getAsDouble(), x.toString());
        }
        assertEquals(answered.values().stream().mapToInt(Integer::intValue).sum(), predictions);
        assertEquals(labelled, withFeedback);
    }

    static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return post(port, path, body, "application/json");
    }

    static HttpResponse<String> post(int port, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The rows of penguins.csv as JSON objects with typed values (missing markers as null), target included. */
    static List<JsonObject> penguins(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("penguins.csv"));
        String[] head = lines.get(0).split(",", -1);
        List<com.google.gson.JsonObject> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            for (int i = 0; i < head.length; i++) {
                String h = head[i].strip();
                String v = cells[i].strip();
                if (v.isEmpty() || v.equals("NA") || v.equals(".")) {
                    o.add(h, com.google.gson.JsonNull.INSTANCE);
                } else if (h.equals("island") || h.equals("sex") || h.equals("species")) {
                    o.addProperty(h, v);
                } else if (v.matches("-?\\d+")) {
                    o.addProperty(h, Long.parseLong(v));
                } else {
                    o.addProperty(h, Double.parseDouble(v));
                }
            }
            out.add(o);
        }
        return out;
    }
}
