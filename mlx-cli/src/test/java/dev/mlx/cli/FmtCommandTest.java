package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `mlx fmt` as a command: printing, --check, -w, and refusing what does not parse (the formatter itself: FormatterTest). */
class FmtCommandTest {
    /** The formatter's golden pairs, in the compiler module. */
    private static final Path GOLDEN = Path.of("mlx-compiler/src/test/resources/fmt");

    @Test
    void cliPrintsChecksAndRefuses() throws IOException {
        Path in = GOLDEN.resolve("churn.in.mlx");
        Path out = GOLDEN.resolve("churn.out.mlx");
        String[] printed = run("fmt", in.toString());
        assertEquals("0", printed[0]);
        assertEquals(read(out), printed[1]);

        String[] check = run("fmt", "--check", in.toString(), out.toString());
        assertEquals("1", check[0]);
        assertEquals(in + "\n", check[1], "only the unformatted file is listed");
        assertEquals("0", run("fmt", "--check", out.toString())[0]);

        String[] broken = run("fmt", "--check", GOLDEN.resolve("refused.mlx").toString());
        assertEquals("1", broken[0]);
        assertTrue(broken[2].contains("error[MLX"), broken[2]);

        String[] missing = run("fmt", GOLDEN.resolve("no-such-file.mlx").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("cannot read"), missing[2]);
    }

    @Test
    void cliWritesInPlaceOnlyWhatParses() throws Exception {
        // Scratch space inside the build directory (beside test-classes), not the system temp folder.
        Path buildDir = Path.of(FmtCommandTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        Path dir = Files.createTempDirectory(buildDir, "fmt-write-");
        try {
            Path messy = dir.resolve("messy.mlx");
            Path broken = dir.resolve("broken.mlx");
            Files.copy(GOLDEN.resolve("spacing.in.mlx"), messy);
            Files.copy(GOLDEN.resolve("refused.mlx"), broken);
            String[] result = run("fmt", "-w", messy.toString(), broken.toString());
            assertEquals("1", result[0], "a file with syntax errors makes the run fail");
            assertEquals(read(GOLDEN.resolve("spacing.out.mlx")), read(messy));
            assertEquals(read(GOLDEN.resolve("refused.mlx")), read(broken), "a broken file is left untouched");
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(2, left.count(), "no temporary files left behind");
            }
            assertEquals("0", run("fmt", "--check", messy.toString())[0]);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
