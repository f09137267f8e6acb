package dev.mlx.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Catalog;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/language.md stays true: its experiments parse, and it names every code, model and metric. */
class LanguageReferenceTest {
    private static final Path DOC = Path.of("docs/language.md");

    @Test
    void everyCompleteExperimentInTheReferenceParses() throws IOException {
        String text = Files.readString(DOC);
        Matcher m = Pattern.compile("```mlx\\n(.*?)```", Pattern.DOTALL).matcher(text);
        int parsed = 0;
        List<String> failures = new ArrayList<>();
        while (m.find()) {
            String snippet = m.group(1);
            if (!snippet.stripLeading().startsWith("experiment")) {
                continue;
            }
            SourceFile file = SourceFile.of("docs/language.md#" + parsed, snippet);
            Diagnostics d = new Diagnostics(file);
            Parsing.parse(file, d);
            d.sorted().forEach(x -> failures.add(new HumanRenderer(false).render(x)));
            parsed++;
        }
        assertTrue(parsed >= 20, "expected many complete examples, found " + parsed);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everyCodeModelAndMetricIsDocumented() throws IOException {
        String text = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        for (Code c : Code.values()) {
            if (!text.contains("`" + c.name() + "`")) {
                missing.add(c.name());
            }
        }
        for (String model : Catalog.get().models().keySet()) {
            if (!text.contains("`" + model + "`")) {
                missing.add(model);
            }
        }
        for (String metric : Catalog.get().metrics().keySet()) {
            if (!text.contains("`" + metric + "`")) {
                missing.add(metric);
            }
        }
        assertTrue(missing.isEmpty(), "not in docs/language.md: " + missing);
    }
}
