package dev.mlx.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlx.catalog.Engine;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every code has an {@code mlx explain} page, and every page's example is true: checked next to the
 * shared test data, the Example produces the page's code and the Fix checks with no errors and
 * without that code. An Example or Fix may carry a {@code sh} block with {@code --set name=value}
 * options, which become the check's overrides, and {@code --engine NAME}, the engine it is checked for.
 */
class ExplainPagesTest {
    private static final Pattern MLX_BLOCK = Pattern.compile("```mlx\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SET_OPTION = Pattern.compile("--set\\s+([^=\\s]+)=(\\S*)");
    private static final Pattern ENGINE_OPTION = Pattern.compile("--engine\\s+(\\w+)");
    private static final String NO_EXAMPLE = "This code has no example: it is never the input's fault.";

    /** One mlx file to check, the {@code --set} options and the engine to check it with. */
    record Case(String source, Map<String, String> overrides, Engine engine) {
    }

    /** A page split into its parts; {@code example} and {@code fix} are null when it has none. */
    record Page(String headline, String example, String fix) {
        static Page parse(String text) {
            String headline = text.lines().findFirst().orElse("");
            int ex = text.indexOf("\n## Example\n");
            int fx = text.indexOf("\n## Fix\n");
            if (ex < 0 && fx < 0) {
                return new Page(headline, null, null);
            }
            assertTrue(ex >= 0 && fx > ex, "a page has `## Example` followed by `## Fix`, or neither");
            return new Page(headline, text.substring(ex, fx), text.substring(fx));
        }
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void everyCodeHasAPageHeadedByItsTitle(Code code) {
        String text = Explanations.raw(code);
        assertNotNull(text, "no page /dev/mlx/diag/explain/" + code.name() + ".md");
        assertEquals("# " + code.name() + ": " + code.title(), Page.parse(text).headline());
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void onlyTheInternalErrorHasNoExample(Code code) {
        String text = Explanations.raw(code);
        assertNotNull(text);
        Page page = Page.parse(text);
        if (code == Code.MLX0999) {
            assertTrue(page.example() == null && text.contains(NO_EXAMPLE),
                    "the internal-error page says it has no example, and has none");
        } else {
            assertNotNull(page.example(), code + " needs an Example and a Fix: every other code is the input's fault");
            Case example = caseOf(page.example());
            Case fix = caseOf(page.fix());
            assertFalse(example.equals(fix), code + ": the Fix must differ from the Example");
        }
    }

    static Stream<Code> codesWithExamples() {
        return Arrays.stream(Code.values()).filter(c -> {
            String text = Explanations.raw(c);
            return text != null && Page.parse(text).example() != null;
        });
    }

    @ParameterizedTest
    @MethodSource("codesWithExamples")
    void exampleProducesTheCode(Code code, @TempDir Path dir) throws IOException {
        Case example = caseOf(Page.parse(Explanations.raw(code)).example());
        List<Diagnostic> found = check(dir, example);
        assertTrue(found.stream().anyMatch(d -> d.code() == code),
                code + ": the Example should produce " + code + " but gave:\n" + render(found));
    }

    @ParameterizedTest
    @MethodSource("codesWithExamples")
    void fixChecksCleanOfTheCode(Code code, @TempDir Path dir) throws IOException {
        Case fix = caseOf(Page.parse(Explanations.raw(code)).fix());
        List<Diagnostic> found = check(dir, fix);
        assertTrue(found.stream().noneMatch(d -> d.code() == code || d.isError()),
                code + ": the Fix should check without errors and without " + code + " but gave:\n" + render(found));
    }

    private static Case caseOf(String section) {
        List<String> sources = blocks(MLX_BLOCK, section);
        if (sources.size() != 1) {
            fail("a section holds exactly one ```mlx block, found " + sources.size() + ":\n" + section);
        }
        Map<String, String> overrides = new TreeMap<>();
        Engine engine = Engine.LOCAL;
        for (String command : blocks(SH_BLOCK, section)) {
            Matcher m = SET_OPTION.matcher(command);
            while (m.find()) {
                overrides.put(m.group(1), m.group(2));
            }
            Matcher e = ENGINE_OPTION.matcher(command);
            if (e.find()) {
                engine = Engine.parse(e.group(1));
                assertNotNull(engine, "unknown engine in " + command);
            }
        }
        return new Case(sources.get(0), overrides, engine);
    }

    private static List<String> blocks(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Checks the case as a file beside a copy of the test data, the way a user would run it. */
    private static List<Diagnostic> check(Path dir, Case c) throws IOException {
        try (InputStream data = ExplainPagesTest.class.getResourceAsStream("/explain/data.csv")) {
            assertNotNull(data, "test resource /explain/data.csv is missing");
            Files.copy(data, dir.resolve("data.csv"));
        }
        Path file = dir.resolve("churn.mlx");
        Files.writeString(file, c.source(), StandardCharsets.UTF_8);
        SourceFile source = SourceFile.read(file);
        Diagnostics diagnostics = new Diagnostics(source);
        CheckOptions defaults = CheckOptions.defaults();
        CheckOptions options = new CheckOptions(defaults.strict(), c.overrides(), defaults.readData(), defaults.cache(),
                defaults.allowOutside(), defaults.trust(), c.engine());
        Checker.check(source, options, diagnostics);
        return diagnostics.sorted();
    }

    private static String render(List<Diagnostic> found) {
        if (found.isEmpty()) {
            return "  (no diagnostics)";
        }
        ShortRenderer shortRenderer = new ShortRenderer();
        return found.stream().map(d -> "  " + shortRenderer.render(d)).collect(Collectors.joining("\n"));
    }
}
