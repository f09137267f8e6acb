package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlx completion`: the script loads in a real bash and completes commands and a command's options. */
class CompletionCommandTest {
    @Test
    void bashCompletesCommandsAndOptions(@TempDir Path dir) throws Exception {
        String[] r = run("completion", "bash");
        assertEquals("0", r[0], r[2]);
        Path script = dir.resolve("mlx-completion.bash");
        Files.writeString(script, r[1]);
        assertEquals("check compile completion", bash(script, "mlx c"));
        assertTrue(List.of(bash(script, "mlx check --f").split(" ")).contains("--format"), "a command's options complete");
        assertTrue(bash(script, "mlx check --format ").contains("json"), "an option's values complete");
    }

    @Test
    void zshGetsTheBashScriptThroughBashcompinitAndOtherShellsAreRefused() {
        String[] zsh = run("completion", "zsh");
        assertEquals("0", zsh[0]);
        assertTrue(zsh[1].startsWith("autoload -U +X compinit"), zsh[1].lines().findFirst().orElse(""));
        String[] fish = run("completion", "fish");
        assertEquals("2", fish[0]);
        assertTrue(fish[2].contains("no completion for shell `fish`"), fish[2]);
    }

    /** What bash offers for the words typed (the last one being completed), sorted, space-separated. */
    private static String bash(Path script, String typed) throws IOException, InterruptedException {
        String words = typed.endsWith(" ") ? typed + "''" : typed;
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE='" + typed + "'; "
                + "COMP_POINT=${#COMP_LINE}\n"
                + "$(complete -p mlx | sed -E 's/.*-F ([^ ]+).*/\\1/') mlx \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort -u | tr '\\n' ' '\n";
        // stderr apart: outside a real completion, compopt complains, and that is not what bash offers
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
