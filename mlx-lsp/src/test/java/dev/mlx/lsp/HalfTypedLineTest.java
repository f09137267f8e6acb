package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.diag.Diagnostic;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One line being typed, as the editor sends it after every keystroke: every statement line of the
 * flagship cut off halfway (the rest of the file intact). What the server publishes stays about that
 * line: a few diagnostics, not dozens cascading from it.
 */
class HalfTypedLineTest {
    static final int MOST = 3;

    @Test
    void aHalfTypedLineGivesAFewDiagnosticsNotACascade() throws IOException {
        Path p = Path.of("examples/penguins/penguins.mlx");
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        Analyzer analyzer = new Analyzer(new ProfileStore(2, 600_000));
        List<String> cascades = new ArrayList<>();
        int tried = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = line.strip();
            if (!line.startsWith("    ") || code.isEmpty() || code.startsWith("//") || code.equals("}") || code.length() < 6) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String cut = line.substring(0, indent + code.length() / 2);
            lines[i] = cut;
            String edited = String.join("\n", lines);
            lines[i] = line;
            SourceFile file = new SourceFile(p.toString(), p.toAbsolutePath(), edited);
            Analysis a = analyzer.analyze(new Snapshot(1, file), null);
            tried++;
            List<Diagnostic> errors = a.diagnostics().stream().filter(Diagnostic::isError).toList();
            if (errors.size() > MOST) {
                cascades.add("line " + (i + 1) + " `" + cut.strip() + "`: " + errors.size() + " errors: "
                        + errors.stream().map(d -> d.code().name() + " " + d.message()).toList());
            }
        }
        assertTrue(tried > 50, "statement lines tried: " + tried);
        assertTrue(cascades.isEmpty(), cascades.size() + " half-typed lines give more than " + MOST + " errors:\n"
                + String.join("\n", cascades));
    }
}
