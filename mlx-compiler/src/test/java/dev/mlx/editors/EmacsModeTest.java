package dev.mlx.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** editors/emacs/mlx-mode.el in batch Emacs: byte-compiles without a warning, and its ERT tests pass. */
class EmacsModeTest {
    private static final String INSTALL = "Emacs (Debian: apt-get install emacs-nox)";

    @Test
    void byteCompilesWithoutWarnings(@TempDir Path tmp) {
        ExternalTool.require("emacs", INSTALL);
        Path elc = tmp.resolve("mlx-mode.elc");
        String lisp = "(progn (setq byte-compile-error-on-warn t)"
                + " (setq byte-compile-dest-file-function (lambda (_) " + elispString(elc.toString()) + "))"
                + " (unless (byte-compile-file \"editors/emacs/mlx-mode.el\") (kill-emacs 1)))";
        ExternalTool.Result r = ExternalTool.run(Path.of("").toAbsolutePath(), 120,
                List.of("emacs", "--batch", "-Q", "--eval", lisp));
        assertEquals(0, r.exitCode(), "mlx-mode.el does not byte-compile cleanly:\n" + r.output());
        assertTrue(Files.exists(elc), "no .elc written:\n" + r.output());
    }

    @Test
    void ertTests() {
        ExternalTool.require("emacs", INSTALL);
        ExternalTool.Result r = ExternalTool.run(Path.of("").toAbsolutePath(), 120,
                List.of("emacs", "--batch", "-Q", "-L", "editors/emacs", "-l", "editors/emacs/test/mlx-mode-tests.el",
                        "-f", "ert-run-tests-batch-and-exit"));
        assertEquals(0, r.exitCode(), "ERT tests of mlx-mode failed:\n" + r.output());
        Matcher m = Pattern.compile("Ran (\\d+) tests, (\\d+) results as expected").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertEquals(m.group(1), m.group(2), r.output());
        assertTrue(Integer.parseInt(m.group(1)) >= 7, "expected the full ERT suite:\n" + r.output());
    }

    private static String elispString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
