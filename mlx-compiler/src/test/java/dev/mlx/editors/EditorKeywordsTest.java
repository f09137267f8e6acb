package dev.mlx.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The word lists of the VS Code, Vim and Emacs grammars are exactly the lexer's keywords and the
 * catalog's models, metrics, transforms, functions and choice words, so a new keyword or model
 * cannot be forgotten in one editor.
 */
class EditorKeywordsTest {
    private static final Map<String, Set<String>> EXPECTED = Vocabulary.expected();

    @Test
    void theLexerSectionsAgreeWithTheCatalog() {
        Map<String, Set<String>> sections = Vocabulary.lexerSections(Path.of("grammar/MlxLexer.g4"));
        Set<String> blocks = new TreeSet<>(Catalog.get().blocks().keySet());
        blocks.add("experiment");
        assertEquals(blocks, sections.get("blocks"), "the lexer's block keywords are the catalog's blocks");
        assertEquals(new TreeSet<>(dev.mlx.syntax.Parsing.unitWords()), sections.get("units"));
        assertTrue(EXPECTED.get(Vocabulary.OPTIONS).containsAll(Set.of("target", "split", "abtest", "window")));
    }

    @Test
    void vscodeGrammar() throws IOException {
        String text = Files.readString(Path.of("editors/vscode/syntaxes/mlx.tmLanguage.json"));
        JsonObject repo = JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("repository");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(Vocabulary.BLOCKS, "block-keyword");
        entries.put(Vocabulary.OPTIONS, "option-keyword");
        entries.put(Vocabulary.BOOLEANS, "boolean");
        entries.put(Vocabulary.UNITS, "unit");
        entries.put(Vocabulary.MODELS, "model-name");
        entries.put(Vocabulary.METRICS, "metric-name");
        entries.put(Vocabulary.TRANSFORMS, "transform-name");
        entries.put(Vocabulary.FUNCTIONS, "function-call");
        entries.put(Vocabulary.CHOICES, "choice");
        Map<String, Set<String>> found = new LinkedHashMap<>();
        entries.forEach((cls, key) -> {
            assertTrue(repo.has(key), "the grammar's repository has no `" + key + "`");
            found.put(cls, firstAlternation(repo.getAsJsonObject(key).get("match").getAsString(), VSCODE_GROUP));
        });
        compare("editors/vscode/syntaxes/mlx.tmLanguage.json", found);
        everyListIsAClass("editors/vscode/syntaxes/mlx.tmLanguage.json",
                allAlternations(JsonParser.parseString(text).toString(), VSCODE_GROUP));
    }

    @Test
    void vimSyntax() throws IOException {
        String text = Files.readString(Path.of("editors/vim/syntax/mlx.vim"));
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(Vocabulary.BLOCKS, "syn match mlxBlock ");
        groups.put(Vocabulary.OPTIONS, "syn match mlxOption ");
        groups.put(Vocabulary.BOOLEANS, "syn match mlxBoolean ");
        groups.put(Vocabulary.UNITS, "syn match mlxUnit ");
        groups.put(Vocabulary.MODELS, "syn match mlxModel ");
        groups.put(Vocabulary.METRICS, "syn match mlxMetric ");
        groups.put(Vocabulary.TRANSFORMS, "syn region mlxTransformStmt ");
        groups.put(Vocabulary.FUNCTIONS, "syn match mlxFunction ");
        groups.put(Vocabulary.CHOICES, "syn match mlxChoice ");
        Map<String, Set<String>> found = new LinkedHashMap<>();
        groups.forEach((cls, prefix) -> {
            String line = text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("editors/vim/syntax/mlx.vim has no `" + prefix.strip() + "`"));
            found.put(cls, firstAlternation(line, VIM_GROUP));
        });
        compare("editors/vim/syntax/mlx.vim", found);
        everyListIsAClass("editors/vim/syntax/mlx.vim", allAlternations(text, VIM_GROUP));
    }

    @Test
    void emacsMode() throws IOException {
        String text = Files.readString(Path.of("editors/emacs/mlx-mode.el"));
        Map<String, String> consts = new LinkedHashMap<>();
        consts.put(Vocabulary.BLOCKS, "mlx-block-keywords");
        consts.put(Vocabulary.OPTIONS, "mlx-option-keywords");
        consts.put(Vocabulary.BOOLEANS, "mlx-boolean-keywords");
        consts.put(Vocabulary.UNITS, "mlx-unit-keywords");
        consts.put(Vocabulary.MODELS, "mlx-model-names");
        consts.put(Vocabulary.METRICS, "mlx-metric-names");
        consts.put(Vocabulary.TRANSFORMS, "mlx-transform-names");
        consts.put(Vocabulary.FUNCTIONS, "mlx-function-names");
        consts.put(Vocabulary.CHOICES, "mlx-choice-words");
        Map<String, Set<String>> found = new LinkedHashMap<>();
        consts.forEach((cls, name) -> {
            Matcher m = Pattern.compile("\\(defconst " + Pattern.quote(name) + "\\s+'\\(([^)]*)\\)").matcher(text);
            assertTrue(m.find(), "editors/emacs/mlx-mode.el has no (defconst " + name + " '(...))");
            Set<String> words = new TreeSet<>();
            Matcher w = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1));
            while (w.find()) {
                words.add(w.group(1));
            }
            found.put(cls, words);
        });
        compare("editors/emacs/mlx-mode.el", found);
    }

    // ---- helpers

    /** `(?:a|b|c)` or `(a|b|c)` in a TextMate regex. */
    private static final Pattern VSCODE_GROUP = Pattern.compile("\\((?:\\?:)?([a-z0-9_]+(?:\\|[a-z0-9_]+)+)\\)");
    /** `\%(a\|b\|c\)` in a Vim regex. */
    private static final Pattern VIM_GROUP = Pattern.compile("\\\\%\\(([a-z0-9_]+(?:\\\\\\|[a-z0-9_]+)+)\\\\\\)");

    private static Set<String> firstAlternation(String regex, Pattern group) {
        Matcher m = group.matcher(regex);
        if (!m.find()) {
            fail("no word list in " + regex);
        }
        return Vocabulary.alternatives(m.group(1));
    }

    private static List<Set<String>> allAlternations(String text, Pattern group) {
        List<Set<String>> out = new ArrayList<>();
        Matcher m = group.matcher(text);
        while (m.find()) {
            out.add(Vocabulary.alternatives(m.group(1)));
        }
        return out;
    }

    private static void compare(String file, Map<String, Set<String>> found) {
        List<String> problems = new ArrayList<>();
        EXPECTED.forEach((cls, want) -> {
            Set<String> got = found.getOrDefault(cls, Set.of());
            Set<String> missing = new TreeSet<>(want);
            missing.removeAll(got);
            Set<String> extra = new TreeSet<>(got);
            extra.removeAll(want);
            if (!missing.isEmpty()) {
                problems.add(cls + " missing " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add(cls + " not in the lexer/catalog " + extra);
            }
        });
        assertTrue(problems.isEmpty(), file + ":\n  " + String.join("\n  ", problems));
    }

    /**
     * A long word list anywhere in the file (a second copy of a list) is one of the classes, whole;
     * only a selection of blocks or option keywords may stand alone.
     */
    private static void everyListIsAClass(String file, List<Set<String>> lists) {
        int checked = 0;
        for (Set<String> list : lists) {
            if (list.size() < 8) {
                continue; // short, local alternations such as `ordered|sticky`
            }
            boolean selection = EXPECTED.get(Vocabulary.OPTIONS).containsAll(list)
                    || EXPECTED.get(Vocabulary.BLOCKS).containsAll(list);
            if (selection && !EXPECTED.containsValue(list)) {
                continue; // some blocks or options picked by place, such as a transform's `with`, `to`, `top`
            }
            checked++;
            assertTrue(EXPECTED.containsValue(list), file + ": a word list matches no class of the lexer/catalog: " + list);
        }
        assertTrue(checked >= 9, file + ": expected the word lists of every class, found " + checked);
    }
}
