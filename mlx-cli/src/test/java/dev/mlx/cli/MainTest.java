package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The `mlx` command as a reader of its help and its error output finds it. */
class MainTest {
    /** Exit code, stdout, stderr. */
    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void bareMlxIsAUsageErrorWithTheCommandsOnStderr() {
        String[] r = run();
        assertEquals("2", r[0], "no command given");
        assertEquals("", r[1], "nothing on stdout");
        assertTrue(r[2].startsWith("Usage: mlx"), r[2]);
        assertTrue(r[2].contains("check") && r[2].contains("report"), r[2]);
        String[] help = run("--help");
        assertEquals("0", help[0]);
        assertEquals(r[2], help[1], "the same text as --help, which goes to stdout and exits 0");
    }

    @Test
    void everyHelpTextWrapsBetweenWordsWithinEightyColumns() {
        List<String> commands = new ArrayList<>(List.of(""));
        new CommandLine(new Main()).getSubcommands().keySet().forEach(commands::add);
        for (String c : commands) {
            String[] r = c.isEmpty() ? run("--help") : run(c, "--help");
            assertEquals("0", r[0], c + " --help");
            String text = r[1];
            assertFalse(text.contains("\u001b["), "help is plain text: " + c);
            for (String line : text.split("\n")) {
                assertTrue(line.length() <= HelpLayout.WIDTH, "`mlx " + c + " --help` line over 80 columns: " + line);
            }
        }
        String report = run("report", "--help")[1];
        assertTrue(report.replaceAll("\n +", " ").contains("run.json"), "run.json is one word: " + report);
        assertFalse(report.contains("run.\n"), report);
        assertFalse(run("--help")[1].contains("LanguageServerLauncher"), "the LSP is named as a reader knows it");
    }

    @Test
    void wrappingKeepsWordsWholeAndIndentsUnderTheDescription() {
        String line = "  report      Render the HTML accountability report of a past run from its run.json file, "
                + "again and again and again.";
        String wrapped = HelpLayout.wrap(line);
        for (String l : wrapped.split("\n")) {
            assertTrue(l.length() <= 80, l);
        }
        String[] lines = wrapped.split("\n");
        assertEquals(2, lines.length, wrapped);
        assertTrue(lines[1].matches(" {14}\\S.*"), "continued under the description: " + wrapped);
        assertEquals(line, wrapped.replaceAll("\n +", " "), "only spaces were turned into line breaks");
    }

    @Test
    void colourOnlyWhenTheStreamIsATerminal() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("mlx-cli/target"), "tty-");
        Path file = Files.writeString(dir.resolve("err.txt"), "");
        Path toFile = Files.createSymbolicLink(dir.resolve("fd-file"), file.toAbsolutePath());
        Path toTerminal = Files.createSymbolicLink(dir.resolve("fd-tty"), Path.of("/dev/pts/0"));
        if (Files.exists(Path.of("/proc/self/fd"))) {
            assertFalse(Terminal.isTerminal(toFile), "stderr redirected to a file: no colour");
            assertTrue(Terminal.isTerminal(toTerminal), "stderr on a terminal");
            assertFalse(Terminal.colourOnStderr() && !Terminal.isTerminal(Path.of("/proc/self/fd/2")));
        }
    }

    @Test
    void shortFormatIsOneLinePerDiagnosticEachEndingInANewline() {
        String[] r = run("check", "--format", "short", "--no-data", "mlx-compiler/src/test/resources/diagnostics/18-other-tools-words.mlx");
        assertEquals("1", r[0]);
        assertTrue(r[1].endsWith("\n"), "the last line ends too: " + r[1]);
        String[] lines = r[1].split("\n");
        assertTrue(lines.length >= 5, r[1]);
        for (String l : lines) {
            assertTrue(l.matches(".*18-other-tools-words\\.mlx:\\d+:\\d+: (error|warning)\\[MLX\\d{4}\\]: .*"), l);
        }
        assertTrue(r[1].contains("unknown metric `f1score`"), r[1]);
    }

    @Test
    void otherToolsWordsGetTheMlxWord() {
        String[] r = run("check", "--no-data", "mlx-compiler/src/test/resources/diagnostics/18-other-tools-words.mlx");
        assertEquals("1", r[0]);
        for (String help : List.of("did you mean `f1`?", "did you mean `mode`?", "did you mean `trees`?", "did you mean `forest`?",
                "did you mean `fraction_features`?", "did you mean `k`?", "did you mean `auc`?")) {
            assertTrue(r[2].contains(help), help + " in\n" + r[2]);
        }
    }
}
