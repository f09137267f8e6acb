package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mlx.cli.Main;
import dev.mlx.runtime.result.RunJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/run-json.schema.json proven on real runs by an independent validator (networknt, JSON
 * Schema 2020-12): every example's run.json conforms. Then a few hundred seeded mutations of those
 * files — keys deleted, values of the wrong type, the text cut short, values nested wrongly — go
 * through {@code mlx report}: each either renders (exit 0: a harmless change) or is refused with
 * exit 1 and the JSON path of the problem, never an internal error; and the independent validator
 * agrees with mlx's reader on every mutation that is still JSON.
 */
class RunJsonSchemaTest {
    private static final Path SCHEMA = Path.of("docs", "run-json.schema.json");
    private static final Pattern PATH_MESSAGE = Pattern.compile("^error: .*run\\.json: \\$\\S*: .+", Pattern.DOTALL);
    private static final int PER_EXAMPLE = 40;

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(SCHEMA),
                InputFormat.JSON);
    }

    @TestFactory
    List<DynamicTest> everyExamplesRunJsonConformsToTheSchema() throws Exception {
        Schema schema = schema();
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : ExampleRuns.names()) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String text = Files.readString(ExampleRuns.out(name).resolve("run.json"));
                List<Error> errors = schema.validate(text, InputFormat.JSON);
                assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList());
            }));
        }
        return tests;
    }

    @Test
    void brokenRunJsonIsRefusedWithAPathNeverAnInternalError(@TempDir Path dir) throws Exception {
        Schema schema = schema();
        Random random = new Random(20_261_207);
        int tried = 0;
        int refused = 0;
        int rendered = 0;
        List<String> problems = new ArrayList<>();
        for (String name : ExampleRuns.names()) {
            String original = Files.readString(ExampleRuns.out(name).resolve("run.json"));
            List<String> shapeKeys = new ArrayList<>(shapes(JsonParser.parseString(original).getAsJsonObject()).keySet());
            for (int k = 0; k < PER_EXAMPLE; k++) {
                int kind = k % 4;
                String mutated;
                String what;
                if (kind == 2) {
                    int cut = 1 + random.nextInt(original.length() - 2);
                    mutated = original.substring(0, cut);
                    what = "cut at " + cut;
                } else {
                    JsonObject copy = JsonParser.parseString(original).getAsJsonObject();
                    List<Node> nodes = shapes(copy).get(shapeKeys.get(random.nextInt(shapeKeys.size())));
                    Node node = nodes.get(random.nextInt(nodes.size()));
                    what = mutate(node, kind, random);
                    mutated = RunJson.print(copy);
                }
                Path file = Files.createDirectories(dir.resolve(name + "-" + k)).resolve("run.json");
                Files.writeString(file, mutated);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.run(new String[] {"report", file.toString(), "-o", dir.resolve(name + "-" + k + ".html").toString()},
                        new PrintWriter(out), new PrintWriter(err));
                tried++;
                String message = err.toString().strip();
                if (code == 0) {
                    rendered++;
                } else if (code == 1 && PATH_MESSAGE.matcher(message).matches() && !message.contains("internal error")) {
                    refused++;
                } else {
                    problems.add(name + " (" + what + "): exit " + code + ": " + message);
                    continue;
                }
                if (kind != 2) {
                    boolean valid = schema.validate(mutated, InputFormat.JSON).isEmpty();
                    if (valid != (code == 0)) {
                        problems.add(name + " (" + what + "): mlx " + (code == 0 ? "read it" : "refused it: " + message)
                                + ", the schema " + (valid ? "accepts it" : "does not"));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(tried >= 200, "mutations tried: " + tried);
        assertTrue(refused > tried / 2 && rendered > 0, refused + " refused, " + rendered + " rendered of " + tried);
    }

    /** A value in the tree: its parent and where in it. */
    private record Node(JsonElement parent, String key, int index) {
        JsonElement get() {
            return key != null ? parent.getAsJsonObject().get(key) : parent.getAsJsonArray().get(index);
        }

        void set(JsonElement v) {
            if (key != null) {
                parent.getAsJsonObject().add(key, v);
            } else {
                parent.getAsJsonArray().set(index, v);
            }
        }
    }

    /** Every value below the root, grouped by its path with array positions left out, so each shape is as likely. */
    private static Map<String, List<Node>> shapes(JsonObject root) {
        Map<String, List<Node>> out = new LinkedHashMap<>();
        collect(root, "$", out);
        return out;
    }

    private static void collect(JsonElement e, String shape, Map<String, List<Node>> out) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
                String s = shape + "." + en.getKey();
                out.computeIfAbsent(s, x -> new ArrayList<>()).add(new Node(e, en.getKey(), -1));
                collect(en.getValue(), s, out);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                out.computeIfAbsent(shape + "[]", x -> new ArrayList<>()).add(new Node(e, null, i));
                collect(a.get(i), shape + "[]", out);
            }
        }
    }

    /** Deletes a key (or an array element), gives a value another type, or nests it wrongly; says what it did. */
    private static String mutate(Node node, int kind, Random random) {
        JsonElement old = node.get();
        switch (kind) {
            case 0 -> {
                if (node.key() != null) {
                    node.parent().getAsJsonObject().remove(node.key());
                } else {
                    node.parent().getAsJsonArray().remove(node.index());
                }
                return "deleted " + (node.key() != null ? node.key() : "[" + node.index() + "]");
            }
            case 1 -> {
                JsonElement[] others = {new JsonPrimitive("x"), new JsonPrimitive(1.5), new JsonPrimitive(true), new JsonArray(),
                        new JsonObject(), JsonNull.INSTANCE, new JsonPrimitive(-7)};
                JsonElement v = others[random.nextInt(others.length)];
                node.set(v);
                return "set " + (node.key() != null ? node.key() : "[" + node.index() + "]") + " to " + v;
            }
            default -> {
                JsonElement wrapped;
                if (random.nextBoolean()) {
                    JsonArray a = new JsonArray();
                    a.add(old);
                    wrapped = a;
                } else {
                    JsonObject o = new JsonObject();
                    o.add("value", old);
                    wrapped = o;
                }
                node.set(wrapped);
                return "nested " + (node.key() != null ? node.key() : "[" + node.index() + "]") + " one level deeper";
            }
        }
    }
}
