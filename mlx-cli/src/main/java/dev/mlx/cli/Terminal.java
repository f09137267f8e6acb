package dev.mlx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether diagnostics on stderr may be coloured. {@link System#console()} only says that stdin and
 * stdout are a terminal, so {@code mlx check x.mlx 2>err.txt} used to write escape codes into the
 * file; stderr itself is asked where the system can tell ({@code /proc/self/fd/2} on Linux).
 */
final class Terminal {
    private Terminal() {
    }

    /** Colour on stderr: a terminal there and {@code NO_COLOR} unset. */
    static boolean colourOnStderr() {
        return System.getenv("NO_COLOR") == null && System.console() != null && isTerminal(Path.of("/proc/self/fd/2"));
    }

    /** Whether the stream behind a {@code /proc} file descriptor link is a terminal; true where that cannot be read. */
    static boolean isTerminal(Path fd) {
        if (!Files.exists(Path.of("/proc/self/fd"))) {
            return true; // no /proc (macOS): System.console() is the best answer there is
        }
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
