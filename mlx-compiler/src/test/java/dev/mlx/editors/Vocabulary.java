package dev.mlx.editors;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words each editor grammar must know, by class, from the lexer (the generated vocabulary
 * and the sections of grammar/MlxLexer.g4) and the catalog.
 */
final class Vocabulary {
    static final String BLOCKS = "block keywords";
    static final String OPTIONS = "option keywords";
    static final String BOOLEANS = "booleans";
    static final String UNITS = "units";
    static final String MODELS = "model names";
    static final String METRICS = "metric names";
    static final String TRANSFORMS = "transforms";
    static final String FUNCTIONS = "functions";
    static final String CHOICES = "choice words";

    private Vocabulary() {
    }

    /** Word class to the exact set of words a grammar must list for it. */
    static Map<String, Set<String>> expected() {
        Map<String, Set<String>> sections = lexerSections(Path.of("grammar/MlxLexer.g4"));
        Catalog catalog = Catalog.get();
        Set<String> blocks = new TreeSet<>(sections.get("blocks"));
        Set<String> keywords = new TreeSet<>(Parsing.keywords());
        Set<String> booleans = new TreeSet<>(Set.of("true", "false"));
        Set<String> options = new TreeSet<>(keywords);
        options.removeAll(blocks);
        options.removeAll(booleans);

        Set<String> transforms = new TreeSet<>();
        for (TransformSpec t : catalog.transforms().values()) {
            transforms.add(t.name());
            transforms.addAll(t.aliases());
        }
        Set<String> choices = new TreeSet<>();
        catalog.allChoices().values().forEach(choices::addAll);
        for (ModelSpec m : catalog.models().values()) {
            for (ParamSpec p : m.params()) {
                choices.addAll(p.choices());
            }
        }
        choices.removeAll(keywords);

        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put(BLOCKS, blocks);
        out.put(OPTIONS, options);
        out.put(BOOLEANS, booleans);
        out.put(UNITS, new TreeSet<>(sections.get("units")));
        out.put(MODELS, new TreeSet<>(catalog.models().keySet()));
        out.put(METRICS, new TreeSet<>(catalog.metrics().keySet()));
        out.put(TRANSFORMS, transforms);
        out.put(FUNCTIONS, new TreeSet<>(catalog.functions().keySet()));
        out.put(CHOICES, choices);
        return out;
    }

    /** Literal words of the lexer's rules, by the `// ---- name` section they stand in. */
    static Map<String, Set<String>> lexerSections(Path g4) {
        List<String> lines;
        try {
            lines = Files.readAllLines(g4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern section = Pattern.compile("^// ---- (\\w+)");
        Pattern rule = Pattern.compile("^[A-Z_]+\\s*:\\s*('[a-z]+'(\\s*\\|\\s*'[a-z]+')*)\\s*;");
        Pattern literal = Pattern.compile("'([a-z]+)'");
        Map<String, Set<String>> out = new LinkedHashMap<>();
        String current = "";
        for (String line : lines) {
            Matcher s = section.matcher(line);
            if (s.find()) {
                current = s.group(1);
                continue;
            }
            Matcher r = rule.matcher(line);
            if (r.find()) {
                Matcher l = literal.matcher(r.group(1));
                while (l.find()) {
                    out.computeIfAbsent(current, k -> new TreeSet<>()).add(l.group(1));
                }
            }
        }
        return out;
    }

    /** The words of a regex alternation such as {@code \b(?:a|b|c)\b} or {@code \<\%(a\|b\)\>}. */
    static Set<String> alternatives(String group) {
        Set<String> out = new TreeSet<>();
        for (String w : group.split("\\\\?\\|")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
