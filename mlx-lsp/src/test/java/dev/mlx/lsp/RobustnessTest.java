package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Completion, hover and the outline at every position of every example, and at the end of every
 * prefix of it (the file as it is while being typed): they answer, and never throw.
 */
class RobustnessTest {
    private static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("examples"))) {
            return s.filter(p -> p.toString().endsWith(".mlx")).sorted().toList();
        }
    }

    @Test
    void everyPositionOfEveryExample() throws IOException {
        List<Path> files = examples();
        assertTrue(files.size() >= 5, "examples not found");
        int answered = 0;
        for (Path p : files) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            SourceFile file = new SourceFile(p.toString(), p.toAbsolutePath(), text);
            Snapshot snap = new Snapshot(1, file);
            Analysis a = new Analyzer(new ProfileStore(2, 60_000)).analyze(snap, null);
            assertFalse(a.diagnostics().stream().anyMatch(dev.mlx.diag.Diagnostic::isError), p + " checks clean");
            Facts facts = Facts.of(a.tree(), a.data());
            for (int offset = 0; offset <= text.length(); offset++) {
                if (!Completions.at(file, offset, snap, facts, true).isEmpty()) {
                    answered++;
                }
                Hovers.at(file, offset, snap, facts);
            }
            assertFalse(Outline.of(file, a.tree()).isEmpty());
        }
        assertTrue(answered > 1000, "completion offered something at " + answered + " positions");
    }

    @Test
    void everyPrefixOfTheFlagship() throws IOException {
        Path p = Path.of("examples/penguins/penguins.mlx");
        String text = Files.readString(p, StandardCharsets.UTF_8);
        for (int cut = 0; cut <= text.length(); cut += 7) {
            String prefix = text.substring(0, cut);
            SourceFile file = new SourceFile(p.toString(), p.toAbsolutePath(), prefix);
            Snapshot snap = new Snapshot(1, file);
            Facts facts = Facts.of(snap.tree(), null);
            Completions.at(file, prefix.length(), snap, facts, true);
            Hovers.at(file, Math.max(0, prefix.length() - 1), snap, facts);
            Outline.of(file, snap.tree());
            Analyzer.balanceBraces(snap.tokens(), prefix);
        }
    }
}
