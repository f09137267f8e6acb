package dev.mlx.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import dev.mlx.testing.Golden;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden diagnostics: each {@code X.mlx} under src/test/resources/diagnostics marks the lines that
 * must get a diagnostic with {@code //~ CODE [CODE...]}; the test checks the (line, code) pairs
 * exactly, then compares the rendered output with {@code X.err}. A file with a line
 * {@code // checked with --engine NAME} is checked for that engine ({@code mlx check --engine NAME}). Run with
 * {@code -Dmlx.update=true} to rewrite the .err files after an intended change.
 */
class GoldenDiagnosticsTest {
    static final Path DIR = Repo.module("src/test/resources/diagnostics");
    private static final Pattern MARK = Pattern.compile("//~((?:\\s+MLX\\d{4})+)\\s*$");
    private static final Pattern ENGINE = Pattern.compile("(?m)^// checked with --engine (\\w+)\\s*$");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".mlx")).sorted().toList();
        }
        assertTrue(files.size() >= 30, "golden files missing");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        SourceFile file = new SourceFile(path.getFileName().toString(), path.toAbsolutePath().normalize(), text);
        Diagnostics diags = new Diagnostics(file);
        CheckOptions options = CheckOptions.defaults();
        Matcher engine = ENGINE.matcher(text);
        if (engine.find()) {
            dev.mlx.catalog.Engine chosen = dev.mlx.catalog.Engine.parse(engine.group(1));
            assertTrue(chosen != null, "unknown engine in " + path.getFileName());
            options = new CheckOptions(options.strict(), options.overrides(), options.readData(), options.cache(),
                    options.allowOutside(), options.trust(), chosen);
        }
        Checker.check(file, options, diags);

        List<String> expected = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARK.matcher(lines[i]);
            if (m.find()) {
                for (String code : m.group(1).trim().split("\\s+")) {
                    expected.add((i + 1) + ":" + code);
                }
            }
        }
        List<String> actual = new ArrayList<>();
        StringBuilder rendered = new StringBuilder();
        HumanRenderer human = new HumanRenderer(false);
        for (Diagnostic d : diags.sorted()) {
            actual.add((file.line(d.span().start()) + 1) + ":" + d.code().name());
            rendered.append(human.render(d)).append('\n');
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual, "(line:code) pairs of " + path.getFileName() + "\n" + rendered);

        String normalised = normalise(rendered.toString());
        Path golden = Path.of(path.toString().replaceAll("\\.mlx$", ".err"));
        Golden.assertMatches(golden, normalised, "rendered diagnostics of " + path.getFileName());
    }

    /** Machine-specific parts (absolute paths) become stable placeholders. */
    static String normalise(String s) {
        // Paths are shown relative to the working folder (the repository's top); the goldens keep them
        // relative to this module, as a user inside it would see them.
        Path rootPath = Path.of("").toAbsolutePath();
        Path modulePath = Repo.module("").toAbsolutePath();
        String module = modulePath.toString();
        String root = rootPath.toString();
        String moduleFromRoot = rootPath.relativize(modulePath).toString();
        s = s.replace(module + "/", "").replace(root + "/", "").replace(root, ".");
        return moduleFromRoot.isEmpty() ? s : s.replace(moduleFromRoot + "/", "");
    }
}
