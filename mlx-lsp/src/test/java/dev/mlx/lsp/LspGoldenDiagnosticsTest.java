package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import dev.mlx.testing.Golden;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.diag.Diagnostic;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files of what the language server publishes for broken inputs: each {@code X.mlx} under
 * src/test/resources/lsp beside {@code X.lsp}, the source with every diagnostic drawn under its
 * line (range, severity, code, message, related information, link, quick fixes). The published
 * list must also match {@code mlx check}'s diagnostics one for one (code, place, headline).
 * {@code -Dmlx.update=true} rewrites the .lsp files after an intended change.
 */
class LspGoldenDiagnosticsTest {
    static final Path DIR = Repo.module("src/test/resources/lsp");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".mlx")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "golden files missing");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        SourceFile file = new SourceFile(path.toString(), path.toAbsolutePath().normalize(), text);
        String uri = path.toAbsolutePath().toUri().toString();
        Analysis a = new Analyzer(new ProfileStore(4, 60_000)).analyze(new Snapshot(1, file), null);
        List<org.eclipse.lsp4j.Diagnostic> published = a.diagnostics().stream()
                .map(d -> Protocol.diagnostic(d, uri, c -> "explain/" + c.name() + ".md")).toList();

        List<Diagnostic> checked = Checker.diagnostics(file, CheckOptions.defaults());
        assertEquals(checked.size(), published.size(), "as many as mlx check");
        for (int i = 0; i < checked.size(); i++) {
            Diagnostic c = checked.get(i);
            org.eclipse.lsp4j.Diagnostic p = published.get(i);
            assertEquals(c.code().name(), p.getCode().getLeft());
            assertEquals(c.message(), p.getMessage().getLeft().split("\n")[0]);
            assertEquals(file.line(c.span().start()), p.getRange().getStart().getLine());
            assertEquals(file.column(c.span().start()), p.getRange().getStart().getCharacter());
        }

        String rendered = render(text, published, a.diagnostics());
        Path golden = Path.of(path.toString().replaceAll("\\.mlx$", ".lsp"));
        Golden.assertMatches(golden, rendered, "published diagnostics of " + path);
    }

    /** The source, each line followed by the diagnostics that start on it. */
    static String render(String text, List<org.eclipse.lsp4j.Diagnostic> published, List<Diagnostic> source) {
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            sb.append(String.format("%3d | %s%n", i + 1, lines[i]));
            for (int k = 0; k < published.size(); k++) {
                org.eclipse.lsp4j.Diagnostic d = published.get(k);
                Range r = d.getRange();
                if (r.getStart().getLine() != i) {
                    continue;
                }
                int from = r.getStart().getCharacter();
                int to = r.getEnd().getLine() == i ? r.getEnd().getCharacter() : lines[i].length();
                String pad = "    | " + " ".repeat(from);
                String under = "^".repeat(Math.max(1, to - from));
                String[] message = d.getMessage().getLeft().split("\n");
                sb.append(pad).append(under).append(' ').append(d.getSeverity().name().toLowerCase(java.util.Locale.ROOT))
                        .append('[').append(d.getCode().getLeft()).append("] ").append(message[0]);
                if (r.getEnd().getLine() != i) {
                    sb.append(" (to ").append(r.getEnd().getLine() + 1).append(':').append(r.getEnd().getCharacter() + 1).append(')');
                }
                sb.append('\n');
                String indent = pad + " ".repeat(under.length() + 1);
                for (int m = 1; m < message.length; m++) {
                    sb.append(indent).append(message[m]).append('\n');
                }
                if (d.getRelatedInformation() != null) {
                    for (DiagnosticRelatedInformation ri : d.getRelatedInformation()) {
                        Range rr = ri.getLocation().getRange();
                        sb.append(indent).append("related ").append(rr.getStart().getLine() + 1).append(':')
                                .append(rr.getStart().getCharacter() + 1).append('-').append(rr.getEnd().getLine() + 1)
                                .append(':').append(rr.getEnd().getCharacter() + 1).append(": ").append(ri.getMessage()).append('\n');
                    }
                }
                for (dev.mlx.diag.Fix fix : source.get(k).fixes()) {
                    sb.append(indent).append("quick fix: ").append(fix.title()).append('\n');
                }
                sb.append(indent).append("link: ").append(d.getCodeDescription().getHref()).append('\n');
            }
        }
        return sb.toString();
    }
}
