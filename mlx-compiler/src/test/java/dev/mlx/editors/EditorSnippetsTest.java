package dev.mlx.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.catalog.Catalog;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The VS Code snippets, expanded with their default text, are valid mlx; every block has one. */
class EditorSnippetsTest {
    private static final Path SNIPPETS = Path.of("editors/vscode/snippets/mlx.code-snippets");

    @Test
    void everyBlockHasASnippet() throws IOException {
        Set<String> missing = new TreeSet<>(Catalog.get().blocks().keySet());
        missing.add("experiment");
        missing.removeAll(snippets().keySet());
        assertTrue(missing.isEmpty(), "blocks without a snippet in " + SNIPPETS + ": " + missing);
    }

    @Test
    void expandedSnippetsParse() throws IOException {
        Map<String, String> snippets = snippets();
        List<String> failures = new ArrayList<>();
        snippets.forEach((name, body) -> {
            String text;
            if (name.equals("experiment")) {
                text = body;
            } else if (name.equals("tune")) {
                text = "experiment x {\n  models {\n    xgboost\n    " + body.replace("\n", "\n    ") + "\n  }\n}\n";
            } else {
                text = "experiment x {\n  " + body.replace("\n", "\n  ") + "\n}\n";
            }
            SourceFile file = SourceFile.of("snippet " + name, text);
            Diagnostics d = new Diagnostics(file);
            Parsing.parse(file, d);
            d.sorted().forEach(x -> failures.add(new HumanRenderer(false).render(x)));
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(Catalog.get().blocks().size() + 2, snippets.size(), "one snippet per block, experiment and tune");
    }

    /** Snippet name to its body with every placeholder replaced by its default (first choice). */
    private static Map<String, String> snippets() throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(SNIPPETS)).getAsJsonObject();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : json.keySet()) {
            JsonElement body = json.getAsJsonObject(name).get("body");
            List<String> lines = new ArrayList<>();
            if (body.isJsonArray()) {
                body.getAsJsonArray().forEach(l -> lines.add(l.getAsString()));
            } else {
                lines.add(body.getAsString());
            }
            String prefix = json.getAsJsonObject(name).get("prefix").getAsString();
            out.put(prefix, expand(String.join("\n", lines)));
        }
        return out;
    }

    static String expand(String body) {
        return body.replaceAll("\\$\\{\\d+\\|([^,|]*)[^}]*\\|}", "$1")
                .replaceAll("\\$\\{\\d+:([^}]*)}", "$1")
                .replaceAll("\\$\\d+", "");
    }
}
