package dev.mlx.runtime.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, failure 7: a `.mlx` file's outputs stay inside the run's output folder. */
class OutputPathsTest {
    @TempDir
    Path dir;

    @Test
    void relativePathsThatStayInsideAreAccepted() {
        for (String ok : List.of("report.html", "out/penguins.html", "a/../b.html", "./x/y.onnx")) {
            assertNull(OutputPaths.outside(ok), ok);
        }
        assertEquals("an absolute path", OutputPaths.outside("/etc/passwd"));
        assertEquals("an absolute path", OutputPaths.outside("~/.bashrc"));
        assertEquals("a path that climbs out with `..`", OutputPaths.outside("../x.html"));
        assertEquals("a path that climbs out with `..`", OutputPaths.outside("a/../../x.html"));
    }

    @Test
    void outputsResolveInsideTheOutputFolder() {
        Path out = dir.resolve("out");
        assertEquals(out.resolve("out/penguins.html").toAbsolutePath(),
                OutputPaths.resolve(out, "out/penguins.html", List.of(), "the report"));
    }

    @Test
    void absoluteAndEscapingPathsAreRefusedWithoutTheFlag() {
        Path out = dir.resolve("out");
        Path victim = dir.resolve("victim.txt");
        for (String bad : List.of(victim.toString(), "../victim.txt")) {
            RunException e = assertThrows(RunException.class, () -> OutputPaths.resolve(out, bad, List.of(), "the report"));
            assertTrue(e.getMessage().startsWith("the report `" + bad + "` is "), e.getMessage());
            assertTrue(e.getMessage().contains("--allow-outside DIR"), e.getMessage());
        }
        assertFalse(Files.exists(victim));
    }

    @Test
    void theFlagAllowsAbsolutePathsInsideItsFolderOnly() {
        Path out = dir.resolve("out");
        Path shared = dir.resolve("shared");
        Path inside = shared.resolve("reports/x.html");
        assertEquals(inside, OutputPaths.resolve(out, inside.toString(), List.of(shared), "the report"));
        assertThrows(RunException.class, () -> OutputPaths.resolve(out, dir.resolve("other/x.html").toString(),
                List.of(shared), "the report"));
        assertThrows(RunException.class, () -> OutputPaths.resolve(out, "../shared/x.html", List.of(shared), "the report"),
                "a relative path never leaves the output folder");
    }

    @Test
    void aSymbolicLinkInsideTheFolderCannotLeadOut() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("link"), elsewhere);
        RunException e = assertThrows(RunException.class,
                () -> OutputPaths.resolve(out, "link/report.html", List.of(), "the report"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        Files.createSymbolicLink(out.resolve("file.html"), elsewhere.resolve("target.html"));
        assertThrows(RunException.class, () -> OutputPaths.resolve(out, "file.html", List.of(), "the report"));
        Path inner = Files.createDirectories(out.resolve("real"));
        Files.createSymbolicLink(out.resolve("inner"), inner);
        assertEquals(out.resolve("inner/r.html").toAbsolutePath(),
                OutputPaths.resolve(out, "inner/r.html", List.of(), "the report"));
    }
}
