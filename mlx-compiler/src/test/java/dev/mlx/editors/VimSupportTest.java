package dev.mlx.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * editors/vim in a real, headless Vim: syntax groups at chosen places of the examples, the
 * filetype settings, and indentation that reproduces every example (editors/vim/test/run.vim).
 */
class VimSupportTest {
    @Test
    void syntaxGroupsAndIndentation(@TempDir Path tmp) throws IOException {
        ExternalTool.require("vim", "vim (Debian: apt-get install vim-nox or vim)");
        Path root = Path.of("").toAbsolutePath();
        Path out = tmp.resolve("vim-test.out");
        ExternalTool.Result r = ExternalTool.run(root, 300, List.of("vim", "-N", "-n", "-u", "NONE", "-i", "NONE", "-es",
                "--cmd", "let g:mlx_root = '" + root.toString().replace("'", "''") + "'",
                "--cmd", "let g:mlx_out = '" + out.toString().replace("'", "''") + "'",
                "-S", "editors/vim/test/run.vim"));
        String report = Files.exists(out) ? Files.readString(out) : "(no report)\n" + r.output();
        assertEquals(0, r.exitCode(), "editors/vim/test/run.vim failed:\n" + report);
        assertTrue(report.matches("ok \\d+ checks\\s*"), report);
        int checks = Integer.parseInt(report.replaceAll("\\D", ""));
        assertTrue(checks >= 60, "the Vim script checked only " + checks + " things");
    }
}
