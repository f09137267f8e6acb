package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JSON-RPC session over stdio against the built {@code target/mlx.jar lsp} in a child
 * process, the way an editor talks to it: initialize, open a broken file, compare its diagnostics
 * with {@code mlx check --format json}, apply the quick fix, edit incrementally, complete and hover
 * on a half-written file (columns with their statistics from the CSV), go to a model's definition
 * and references, outline, format, notice a CSV changed on disk, shut down and exit. The reader
 * fails on any byte of stdout that is not a framed message.
 */
class LspSessionIT {
    static final String EXPERIMENT = """
            experiment shop "Will the customer churn?" {
              scope {
                task classification
                target churned
                metric f1
              }
              data {
                source csv "customers.csv"
                id customer_id
                split holdout 20% stratified seed 7
              }
              features {
                impute tenure with median
                onehot plan
                standardize tenure, monthly_fee
              }
              models {
                baseline
                cart tree { max_dept 6 }
                cart tree { max_depth 3 }
                forest rf { trees 50 }
                tune rf { max_depth in 2..8 } trials 5
              }
              evaluate { cv 3 folds; metrics accuracy, f1; select best by f1 }
              feedback { abtest tree vs rf split 50/50 }
            }
            """;

    @TempDir
    Path dir;

    static Path jar() {
        String built = System.getProperty("mlx.jar");
        Path jar = built != null ? Path.of(built) : Repo.module("target/mlx.jar");
        assertTrue(Files.exists(jar), "mlx-cli/target/mlx.jar is missing: run `mvn -B verify` (this test runs after package)");
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void writeCsv(Path csv, boolean withRegion) throws IOException {
        StringBuilder sb = new StringBuilder("customer_id,tenure,monthly_fee,plan,churned" + (withRegion ? ",region" : "") + "\n");
        String[] plans = {"basic", "pro", "family"};
        for (int i = 1; i <= 60; i++) {
            String tenure = i % 12 == 0 ? "" : String.valueOf((i * 7) % 72 + 1);
            String fee = String.format(Locale.ROOT, "%.2f", 10 + (i * 13) % 50 + 0.5);
            sb.append(i).append(',').append(tenure).append(',').append(fee).append(',').append(plans[i % 3]).append(',')
                    .append(i % 3 == 0 || i % 7 == 0 ? "yes" : "no");
            if (withRegion) {
                sb.append(',').append(i % 2 == 0 ? "north" : "south");
            }
            sb.append('\n');
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }

    private static JsonObject obj(Object... kv) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof JsonElement e) {
                o.add((String) kv[i], e);
            } else if (v instanceof Number n) {
                o.addProperty((String) kv[i], n);
            } else if (v instanceof Boolean b) {
                o.addProperty((String) kv[i], b);
            } else if (v != null) {
                o.addProperty((String) kv[i], v.toString());
            }
        }
        return o;
    }

    private static JsonObject pos(int line, int character) {
        return obj("line", line, "character", character);
    }

    private static JsonObject at(String uri, int line, int character) {
        return obj("textDocument", obj("uri", uri), "position", pos(line, character));
    }

    /** Line and UTF-16 column of the first occurrence of {@code needle} (plus {@code shift}) in text. */
    static int[] find(String text, String needle, int shift) {
        int offset = text.indexOf(needle);
        assertTrue(offset >= 0, "`" + needle + "` not in the text");
        offset += shift;
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart};
    }

    static int offset(String text, JsonObject position) {
        int line = position.get("line").getAsInt();
        int i = 0;
        for (int l = 0; l < line; l++) {
            i = text.indexOf('\n', i) + 1;
        }
        return i + position.get("character").getAsInt();
    }

    static String apply(String text, JsonObject edit) {
        JsonObject range = edit.getAsJsonObject("range");
        int start = offset(text, range.getAsJsonObject("start"));
        int end = offset(text, range.getAsJsonObject("end"));
        return text.substring(0, start) + edit.get("newText").getAsString() + text.substring(end);
    }

    private static JsonObject change(String uri, int version, JsonObject start, JsonObject end, String newText) {
        JsonArray changes = new JsonArray();
        changes.add(obj("range", obj("start", start, "end", end), "text", newText));
        return obj("textDocument", obj("uri", uri, "version", version), "contentChanges", changes);
    }

    private static List<String> labels(JsonElement completion) {
        JsonArray items = completion.isJsonArray() ? completion.getAsJsonArray()
                : completion.getAsJsonObject().getAsJsonArray("items");
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.getAsJsonObject().get("label").getAsString()));
        return out;
    }

    private static JsonObject item(JsonElement completion, String label) {
        for (JsonElement i : completion.getAsJsonObject().getAsJsonArray("items")) {
            if (i.getAsJsonObject().get("label").getAsString().equals(label)) {
                return i.getAsJsonObject();
            }
        }
        throw new AssertionError("no completion `" + label + "` in " + labels(completion));
    }

    private static String hoverText(JsonElement hover) {
        assertNotNull(hover, "no hover");
        assertFalse(hover.isJsonNull(), "no hover");
        return hover.getAsJsonObject().getAsJsonObject("contents").get("value").getAsString();
    }

    /** {@code mlx check --format json FILE}, run from the same folder as the server. */
    private static JsonArray check(Path file) throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "check", "--format", "json", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return JsonParser.parseString(out).getAsJsonArray();
    }

    @Test
    void sessionOverStdio() throws Exception {
        Path csv = dir.resolve("customers.csv");
        writeCsv(csv, false);
        Path mlx = dir.resolve("shop.mlx");
        Files.writeString(mlx, EXPERIMENT, StandardCharsets.UTF_8);
        String uri = mlx.toUri().toString();
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar().toString(), "lsp")
                .redirectError(stderr.toFile());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Process process = pb.start();
        try (JsonRpcClient client = new JsonRpcClient(process)) {
            // ---- initialize
            JsonObject caps = client.request("initialize", obj("processId", ProcessHandle.current().pid(),
                    "rootUri", dir.toUri().toString(), "capabilities", new JsonObject())).getAsJsonObject();
            JsonObject c = caps.getAsJsonObject("capabilities");
            for (String cap : List.of("completionProvider", "hoverProvider", "definitionProvider", "referencesProvider",
                    "documentSymbolProvider", "documentFormattingProvider", "codeActionProvider")) {
                assertTrue(c.has(cap), "capability " + cap + " in " + c);
            }
            assertEquals(2, c.getAsJsonObject("textDocumentSync").get("change").getAsInt(), "incremental sync");
            assertEquals("mlx", caps.getAsJsonObject("serverInfo").get("name").getAsString());
            client.notify("initialized", new JsonObject());

            // ---- didOpen: the same diagnostics as `mlx check`
            String text = EXPERIMENT;
            client.notify("textDocument/didOpen", obj("textDocument",
                    obj("uri", uri, "languageId", "mlx", "version", 1, "text", text)));
            JsonArray diags = client.diagnostics(uri, 1).getAsJsonArray("diagnostics");
            JsonArray expected = check(mlx);
            assertEquals(expected.size(), diags.size(), "as many diagnostics as mlx check: " + diags + " vs " + expected);
            assertTrue(expected.size() >= 2, "the file is broken twice: " + expected);
            for (int i = 0; i < expected.size(); i++) {
                JsonObject e = expected.get(i).getAsJsonObject();
                JsonObject d = diags.get(i).getAsJsonObject();
                assertEquals(e.get("code").getAsString(), d.get("code").getAsString());
                assertEquals(e.get("message").getAsString(), d.get("message").getAsString().split("\n")[0]);
                assertEquals(e.get("line").getAsInt() - 1, d.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
                assertEquals(e.get("column").getAsInt() - 1,
                        d.getAsJsonObject("range").getAsJsonObject("start").get("character").getAsInt());
                assertEquals(e.get("severity").getAsString().equals("error") ? 1 : 2, d.get("severity").getAsInt());
                assertEquals("mlx", d.get("source").getAsString());
                // the explain page behind the code's link is the one `mlx explain` prints
                String href = d.getAsJsonObject("codeDescription").get("href").getAsString();
                Path page = Path.of(java.net.URI.create(href));
                assertTrue(Files.readString(page).contains(e.get("code").getAsString()), href);
                assertTrue(page.startsWith(dir.resolve("cache")), "pages are written under XDG_CACHE_HOME: " + page);
            }
            JsonObject typo = find(diags, "MLX0311");
            assertTrue(typo.get("message").getAsString().contains("help: did you mean `max_depth`?"), typo.toString());
            JsonObject duplicate = find(diags, "MLX0207");
            JsonObject related = duplicate.getAsJsonArray("relatedInformation").get(0).getAsJsonObject();
            assertEquals("first named here", related.get("message").getAsString());
            assertEquals(uri, related.getAsJsonObject("location").get("uri").getAsString());
            int[] firstTree = find(text, "cart tree", 5);
            assertEquals(pos(firstTree[0], firstTree[1]), related.getAsJsonObject("location").getAsJsonObject("range")
                    .getAsJsonObject("start"));

            // ---- codeAction: the checker's did-you-mean fix, applied as the editor would
            int[] dept = find(text, "max_dept", 0);
            JsonArray actions = client.request("textDocument/codeAction", obj("textDocument", obj("uri", uri),
                    "range", obj("start", pos(dept[0], dept[1]), "end", pos(dept[0], dept[1] + 3)),
                    "context", obj("diagnostics", new JsonArray()))).getAsJsonArray();
            assertEquals(1, actions.size(), actions.toString());
            JsonObject action = actions.get(0).getAsJsonObject();
            assertEquals("replace with `max_depth`", action.get("title").getAsString());
            assertEquals("quickfix", action.get("kind").getAsString());
            JsonObject edit = action.getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri).get(0).getAsJsonObject();
            text = apply(text, edit);
            assertTrue(text.contains("cart tree { max_depth 6 }"));
            client.notify("textDocument/didChange", change(uri, 2, edit.getAsJsonObject("range").getAsJsonObject("start"),
                    edit.getAsJsonObject("range").getAsJsonObject("end"), edit.get("newText").getAsString()));
            diags = client.diagnostics(uri, 2).getAsJsonArray("diagnostics");
            assertEquals(List.of("MLX0207"), codes(diags));

            // ---- didChange (incremental): rename the duplicate
            int[] second = find(text, "cart tree { max_depth 3", 5);
            text = text.replace("cart tree { max_depth 3", "cart small { max_depth 3");
            client.notify("textDocument/didChange", change(uri, 3, pos(second[0], second[1]), pos(second[0], second[1] + 4), "small"));
            assertEquals(List.of(), codes(client.diagnostics(uri, 3).getAsJsonArray("diagnostics")));

            // ---- a half-written file: a syntax error in scope, a line being typed in features
            int[] metric = find(text, "metric f1", 0);
            text = text.replace("metric f1", "metric >=");
            client.notify("textDocument/didChange", change(uri, 4, pos(metric[0], metric[1] + 7), pos(metric[0], metric[1] + 9), ">="));
            int[] onehot = find(text, "    onehot plan", 0);
            text = text.replace("    onehot plan\n", "    onehot plan\n    log \n");
            client.notify("textDocument/didChange", change(uri, 5, pos(onehot[0] + 1, 0), pos(onehot[0] + 1, 0), "    log \n"));
            assertTrue(codes(client.diagnostics(uri, 5).getAsJsonArray("diagnostics")).contains("MLX0101"),
                    "the file has a syntax error now");
            JsonElement completion = client.request("textDocument/completion", at(uri, onehot[0] + 1, 8));
            assertEquals(List.of("tenure", "monthly_fee", "all"), labels(completion),
                    "the CSV's columns that `log` accepts (numbers; not the id or the target), in order, then the selector `all`");
            JsonObject tenure = item(completion, "tenure");
            assertEquals("integer · 8.3% missing", tenure.get("detail").getAsString());
            assertEquals(5, tenure.get("kind").getAsInt(), "a field");

            // hyperparameters with type, range and default, in a block that is still open at the end of the file
            String cut = text.substring(0, text.indexOf("    forest rf")) + "    forest rf { trees 50, ";
            client.notify("textDocument/didChange", obj("textDocument", obj("uri", uri, "version", 6),
                    "contentChanges", array(obj("text", cut))));
            assertTrue(codes(client.diagnostics(uri, 6).getAsJsonArray("diagnostics")).contains("MLX0102"));
            int[] end = find(cut, "trees 50, ", 10);
            completion = client.request("textDocument/completion", at(uri, end[0], end[1]));
            assertFalse(labels(completion).contains("trees"), "already set: " + labels(completion));
            assertEquals("an integer in 1..64, default 64", item(completion, "max_depth").get("detail").getAsString());
            int[] target = find(cut, "target churned", 7);
            completion = client.request("textDocument/completion", at(uri, target[0], target[1]));
            assertTrue(labels(completion).contains("churned"), labels(completion).toString());
            int[] metricAt = find(cut, "metric >=", 7);
            completion = client.request("textDocument/completion", at(uri, metricAt[0], metricAt[1]));
            assertTrue(labels(completion).containsAll(List.of("accuracy", "f1", "auc")), labels(completion).toString());
            assertFalse(labels(completion).contains("rmse"), "only classification metrics: " + labels(completion));

            // back to the whole file
            client.notify("textDocument/didChange", obj("textDocument", obj("uri", uri, "version", 7),
                    "contentChanges", array(obj("text", text))));
            List<String> codes7 = codes(client.diagnostics(uri, 7).getAsJsonArray("diagnostics"));

            // ---- hover: column statistics from the data, and catalog docs
            int[] tenureAt = find(text, "impute tenure", 8);
            String hover = hoverText(client.request("textDocument/hover", at(uri, tenureAt[0], tenureAt[1])));
            assertTrue(hover.contains("**tenure** — integer column"), hover);
            assertTrue(hover.contains("missing: 5 of 60 (8.3%)"), hover);
            assertTrue(hover.matches("(?s).*min \\d+ · max \\d+ · mean [\\d.]+.*"), hover);
            int[] planAt = find(text, "onehot plan", 8);
            hover = hoverText(client.request("textDocument/hover", at(uri, planAt[0], planAt[1])));
            assertTrue(hover.contains("top values: `basic` (20), `family` (20), `pro` (20)")
                    || hover.contains("top values:"), hover);
            int[] forest = find(text, "forest rf", 2);
            hover = hoverText(client.request("textDocument/hover", at(uri, forest[0], forest[1])));
            assertTrue(hover.contains("Random forest") && hover.contains("| `trees` |"), hover);

            // ---- definition and references of a model name
            int[] use = find(text, "tree vs rf", 9);
            JsonArray def = client.request("textDocument/definition", at(uri, use[0], use[1])).getAsJsonArray();
            int[] decl = find(text, "forest rf", 7);
            assertEquals(pos(decl[0], decl[1]), def.get(0).getAsJsonObject().getAsJsonObject("range").getAsJsonObject("start"));
            JsonArray refs = client.request("textDocument/references", obj("textDocument", obj("uri", uri),
                    "position", pos(use[0], use[1]), "context", obj("includeDeclaration", true))).getAsJsonArray();
            assertEquals(3, refs.size(), "declaration, tune and abtest: " + refs);

            // ---- outline
            JsonArray symbols = client.request("textDocument/documentSymbol", obj("textDocument", obj("uri", uri)))
                    .getAsJsonArray();
            JsonObject root = symbols.get(0).getAsJsonObject();
            assertEquals("shop", root.get("name").getAsString());
            List<String> blocks = new ArrayList<>();
            JsonObject models = null;
            for (JsonElement b : root.getAsJsonArray("children")) {
                blocks.add(b.getAsJsonObject().get("name").getAsString());
                if (b.getAsJsonObject().get("name").getAsString().equals("models")) {
                    models = b.getAsJsonObject();
                }
            }
            assertEquals(List.of("scope", "data", "features", "models", "evaluate", "feedback"), blocks);
            List<String> modelNames = new ArrayList<>();
            models.getAsJsonArray("children").forEach(m -> modelNames.add(m.getAsJsonObject().get("name").getAsString()));
            assertEquals(List.of("baseline", "tree", "small", "rf", "tune rf"), modelNames);

            // ---- formatting: what `mlx fmt` prints
            Path messy = dir.resolve("messy.mlx");
            String messyText = "experiment   messy {\n  scope { task classification\n target churned }\n"
                    + "data{source csv \"customers.csv\"}\n}\n";
            Files.writeString(messy, messyText);
            String messyUri = messy.toUri().toString();
            client.notify("textDocument/didOpen", obj("textDocument",
                    obj("uri", messyUri, "languageId", "mlx", "version", 1, "text", messyText)));
            client.diagnostics(messyUri, 1);
            JsonArray edits = client.request("textDocument/formatting", obj("textDocument", obj("uri", messyUri),
                    "options", obj("tabSize", 2, "insertSpaces", true))).getAsJsonArray();
            assertEquals(1, edits.size());
            String formatted = apply(messyText, edits.get(0).getAsJsonObject());
            assertEquals(fmt(messy), formatted);
            client.notify("textDocument/didClose", obj("textDocument", obj("uri", messyUri)));

            // ---- a burst of keystrokes: checks coalesce, versions only go forward, the last one is published
            int[] fee = find(text, "monthly_fee\n", 0);
            for (int v = 8; v <= 27; v++) {
                client.notify("textDocument/didChange", change(uri, v, pos(fee[0], fee[1]), pos(fee[0], fee[1] + 11),
                        v % 2 == 0 ? "monthly_fez" : "monthly_fee"));
            }
            assertEquals(codes7, codes(client.diagnostics(uri, 27).getAsJsonArray("diagnostics")));
            List<Integer> versions = new ArrayList<>();
            client.drain(m -> m.has("method") && m.get("method").getAsString().equals("textDocument/publishDiagnostics")
                    && m.getAsJsonObject("params").get("uri").getAsString().equals(uri))
                    .forEach(m -> versions.add(m.getAsJsonObject("params").get("version").getAsInt()));
            assertTrue(versions.size() < 19, "20 quick edits were checked " + (versions.size() + 1) + " times: " + versions);
            for (int i = 0; i < versions.size(); i++) {
                assertTrue(versions.get(i) < 27 && (i == 0 || versions.get(i) > versions.get(i - 1)), versions.toString());
            }

            // ---- the CSV changes on disk: the schema is read again without an edit
            Thread.sleep(1100); // a new modification time even on coarse file systems
            writeCsv(csv, true);
            client.diagnostics(uri, 27); // re-published by the data watch
            // That publish may be a late one of the burst above (a loaded machine checks slowly), so
            // ask until the new column shows up; the data watch must bring it without an edit.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            do {
                completion = client.request("textDocument/completion", at(uri, tenureAt[0], tenureAt[1])); // impute takes any column
            } while (!labels(completion).contains("region") && System.nanoTime() < deadline && sleep(200));
            assertTrue(labels(completion).contains("region"), labels(completion).toString());

            // ---- shutdown and exit
            assertTrue(client.request("shutdown", null).isJsonNull());
            client.notify("exit", null);
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server exits");
            assertEquals(0, process.exitValue());
            client.joinReader(5000);
            assertNull(client.protocolError(), client.protocolError());
        } finally {
            process.destroyForcibly();
        }
        String err = Files.readString(stderr);
        assertFalse(err.contains("Exception"), "stderr: " + err);
    }

    @Test
    void exitWithoutShutdownIsAnError() throws Exception {
        Process process = new ProcessBuilder(java(), "-jar", jar().toString(), "lsp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (JsonRpcClient client = new JsonRpcClient(process)) {
            client.request("initialize", obj("processId", null, "capabilities", new JsonObject()));
            client.notify("exit", null);
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String fmt(Path file) throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", jar().toString(), "fmt", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return out;
    }

    private static JsonArray array(JsonElement... items) {
        JsonArray a = new JsonArray();
        for (JsonElement e : items) {
            a.add(e);
        }
        return a;
    }

    private static List<String> codes(JsonArray diags) {
        List<String> out = new ArrayList<>();
        diags.forEach(d -> out.add(d.getAsJsonObject().get("code").getAsString()));
        return out;
    }

    private static JsonObject find(JsonArray diags, String code) {
        for (JsonElement d : diags) {
            if (d.getAsJsonObject().get("code").getAsString().equals(code)) {
                return d.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + code + " in " + diags);
    }


    /** Sleeps, then true: for loops that ask again. */
    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }
}
