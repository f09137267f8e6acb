package dev.mlx.editors;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an editor's own tool (node, npm, vim, emacs) and fails with what to install when it is missing. */
final class ExternalTool {
    /** What a finished command printed, and its exit code. */
    record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    /** Fails the test, naming the package to install, when `command` is not on the PATH. */
    static void require(String command, String install) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        fail("`" + command + "` is not installed: install " + install + " (.ci/run installs it on CI)");
    }

    /** Runs `command` in `dir` with stdin closed; stdout and stderr together. */
    static Result run(Path dir, long timeoutSeconds, List<String> command) {
        Path log = null;
        try {
            log = Files.createTempFile("mlx-editor-tool", ".log");
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("could not run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running " + command.get(0));
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
