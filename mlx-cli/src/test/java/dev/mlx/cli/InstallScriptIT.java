package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh puts a working {@code mlx} under a prefix (with the built mlx.jar: --no-build), with
 * the licence files and completions beside it, and --uninstall takes it all away again.
 */
class InstallScriptIT {
    @Test
    void installsARunnableCommandWithCompletionsAndUninstalls(@TempDir Path prefix) throws Exception {
        String installed = sh(List.of("bash", "install.sh", "--no-build", "--prefix", prefix.toString()));
        Path mlx = prefix.resolve("bin/mlx");
        assertTrue(Files.isExecutable(mlx), installed);
        assertTrue(Files.getPosixFilePermissions(prefix.resolve("lib/mlx/mlx.jar")).contains(PosixFilePermission.OTHERS_READ),
                "the jar is readable by every user");
        for (String f : List.of("lib/mlx/LICENSE", "lib/mlx/NOTICE", "lib/mlx/THIRD-PARTY.md",
                "share/bash-completion/completions/mlx", "share/mlx/completion.zsh")) {
            assertTrue(Files.size(prefix.resolve(f)) > 0, f + " is installed");
        }
        assertTrue(sh(List.of(mlx.toString(), "--version")).startsWith("mlx "), "the installed mlx runs");
        // The installed launcher works from anywhere, without this checkout's files: check an example copied away.
        Path elsewhere = Files.createDirectories(prefix.resolve("work"));
        Path file = elsewhere.resolve("broken.mlx");
        Files.writeString(file, "experiment e {\n  scope { task classification target y }\n");
        Process p = new ProcessBuilder(mlx.toString(), "check", "--no-data", file.toString()).directory(elsewhere.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("error["), out);
        // The language server starts from the class archive written at install, and answers an editor.
        assertTrue(Files.size(prefix.resolve("lib/mlx/mlx-lsp.jsa")) > 0, "the server's class archive is installed");
        Process lsp = new ProcessBuilder(mlx.toString(), "lsp").directory(elsewhere.toFile()).start();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";
        lsp.getOutputStream().write(("Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        lsp.getOutputStream().flush();
        byte[] head = lsp.getInputStream().readNBytes(16);
        lsp.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertEquals("Content-Length: ", new String(head, StandardCharsets.UTF_8),
                "the installed server's first output is a JSON-RPC answer, nothing from the JVM before it");

        sh(List.of("bash", "install.sh", "--uninstall", "--prefix", prefix.toString()));
        assertFalse(Files.exists(mlx) || Files.exists(prefix.resolve("lib/mlx")), "uninstalled");
    }

    private static String sh(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " finished");
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out.strip();
    }
}
