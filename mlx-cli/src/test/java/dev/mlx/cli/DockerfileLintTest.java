package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code mlx compile --docker} on a real example, and the Dockerfile it writes held to the rules a
 * linter such as hadolint would apply (no Docker daemon runs where the tests run, so the image is not
 * built here): a pinned base image, a non-root user in force when the server starts, a health check
 * that asks {@code /health} on the exposed port, no {@code ADD} (of URLs or anything else), exec-form
 * commands, and every {@code COPY} source present in the build context and let through by the
 * .dockerignore.
 */
class DockerfileLintTest {
    /** One instruction: its keyword and its arguments, continuation lines joined. */
    record Instruction(String keyword, String args, int line) {
    }

    @Test
    void compileWritesADockerfileThatPassesTheRules() throws IOException {
        Path dir = Repo.module("target/docker-lint");
        deleteTree(dir);
        Files.createDirectories(dir);
        Path jar = dir.resolve("iris.jar");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"compile", "examples/iris/iris.mlx", "-o", jar.toString(), "--docker"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(Main.OK, code, err.toString());
        assertTrue(out.toString().contains("wrote " + dir.resolve("Dockerfile")), out.toString());
        assertTrue(out.toString().contains("which is not there yet"), "tells how to make the run it serves: " + out);

        List<Instruction> ins = parse(Files.readString(dir.resolve("Dockerfile")));
        assertEquals("FROM", ins.get(0).keyword(), "the first instruction is FROM");
        String image = ins.get(0).args();
        Matcher pinned = Pattern.compile("([^:@\\s]+):(\\d+[^\\s]*)").matcher(image);
        assertTrue(pinned.matches(), "the base image has a version tag: " + image);
        assertTrue(pinned.group(2).startsWith("17"), "a Java 17 runtime: " + image);
        assertTrue(image.contains("jre"), "a JRE, not a JDK: " + image);

        Instruction user = last(ins, "USER");
        assertNotNull(user, "a USER instruction");
        assertFalse(List.of("root", "0", "root:root", "0:0").contains(user.args()), "not root: " + user.args());
        Instruction entry = last(ins, "ENTRYPOINT");
        assertNotNull(entry);
        assertTrue(user.line() < entry.line(), "the user is set before the server starts");
        for (Instruction i : ins) {
            assertFalse(i.keyword().equals("ADD"), "COPY, never ADD (which fetches URLs and unpacks archives): line " + i.line());
            if (i.keyword().equals("FROM")) {
                assertFalse(i.args().endsWith(":latest"), "no floating tag");
            }
        }

        List<String> command = execForm(entry);
        int port = Integer.parseInt(command.get(command.indexOf("--port") + 1));
        assertEquals("0.0.0.0", command.get(command.indexOf("--host") + 1), "listens on the container's interfaces");
        assertTrue(command.contains("--production"), "production error rules: " + command);
        Instruction expose = last(ins, "EXPOSE");
        assertNotNull(expose);
        assertEquals(String.valueOf(port), expose.args(), "EXPOSE names the port the server listens on");
        Instruction health = last(ins, "HEALTHCHECK");
        assertNotNull(health, "a HEALTHCHECK");
        assertTrue(health.args().matches("(--\\S+ )*CMD \\[.*"), "options, then an exec-form CMD: " + health.args());
        String probe = String.join(" ", execForm(new Instruction("CMD", health.args().substring(health.args().indexOf("CMD ") + 4), 0)));
        assertTrue(probe.contains("/dev/tcp/127.0.0.1/" + port) && probe.contains("GET /health"), probe);
        for (String k : List.of("ENTRYPOINT", "CMD")) {
            Instruction i = last(ins, k);
            if (i != null) {
                execForm(i); // JSON arrays: signals reach the JVM, no shell in between
            }
        }

        // Every COPY source must exist once a run has written the output folder beside the jar.
        Path run = dir.resolve("iris");
        Files.createDirectories(run.resolve("variants"));
        for (String f : List.of("run.json", "model.tribuo", "predictions.csv", "variants/a.db")) {
            Files.writeString(run.resolve(f), "{}");
        }
        List<IgnoreRule> ignore = dockerignore(Files.readAllLines(dir.resolve(".dockerignore")));
        for (Instruction i : ins) {
            if (!i.keyword().equals("COPY")) {
                continue;
            }
            String[] words = i.args().replaceAll("--\\S+ ", "").split(" ");
            String source = words[0].replaceAll("/$", "");
            assertTrue(Files.exists(dir.resolve(source)), "COPY " + source + " is in the build context");
            assertTrue(sent(ignore, source), ".dockerignore lets " + source + " through");
        }
        assertTrue(sent(ignore, "iris/model.tribuo"), "the model goes into the image");
        assertFalse(sent(ignore, "iris/predictions.csv"), "the holdout's predictions stay out");
        assertFalse(sent(ignore, "iris/variants/a.db"), "local feedback stores stay out");
        assertFalse(sent(ignore, "Dockerfile.bak"), "anything else stays out");
    }

    /** Instructions, with comments dropped and {@code \} continuations joined. */
    static List<Instruction> parse(String dockerfile) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 0;
        String[] lines = dockerfile.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (current.length() == 0 && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            if (current.length() == 0) {
                start = n + 1;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip().replaceAll("\\s+", " ");
            current.setLength(0);
            int space = text.indexOf(' ');
            assertTrue(space > 0, "line " + start + " has an instruction and its arguments: " + text);
            String keyword = text.substring(0, space);
            assertEquals(keyword.toUpperCase(java.util.Locale.ROOT), keyword, "instructions in capitals: line " + start);
            out.add(new Instruction(keyword, text.substring(space + 1), start));
        }
        assertEquals(0, current.length(), "the file does not end inside a continuation");
        return out;
    }

    private static List<String> execForm(Instruction i) {
        JsonElement json = JsonParser.parseString(i.args());
        assertTrue(json.isJsonArray(), i.keyword() + " in exec form (a JSON array): " + i.args());
        List<String> words = new ArrayList<>();
        for (JsonElement e : (JsonArray) json) {
            words.add(e.getAsString());
        }
        return words;
    }

    private static Instruction last(List<Instruction> ins, String keyword) {
        Instruction found = null;
        for (Instruction i : ins) {
            if (i.keyword().equals(keyword)) {
                found = i;
            }
        }
        return found;
    }

    /** A line of .dockerignore: a glob, and whether it lets matching paths back in ({@code !}). */
    record IgnoreRule(PathMatcher glob, PathMatcher under, boolean keep) {
    }

    private static List<IgnoreRule> dockerignore(List<String> lines) {
        List<IgnoreRule> out = new ArrayList<>();
        for (String l : lines) {
            String p = l.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            boolean keep = p.startsWith("!");
            // Docker's `**/` matches no folder too
            String glob = (keep ? p.substring(1) : p).replace("**/", "{**/,}");
            out.add(new IgnoreRule(FileSystems.getDefault().getPathMatcher("glob:" + glob),
                    FileSystems.getDefault().getPathMatcher("glob:" + glob + "/**"), keep));
        }
        return out;
    }

    /** Whether the build context sends a path: the last rule that matches it (or a folder above it) decides. */
    private static boolean sent(List<IgnoreRule> rules, String relative) {
        Path p = Path.of(relative);
        boolean sent = true;
        for (IgnoreRule r : rules) {
            if (r.glob().matches(p) || r.under().matches(p)) {
                sent = r.keep();
            }
        }
        return sent;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
