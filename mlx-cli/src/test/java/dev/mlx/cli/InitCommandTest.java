package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlx init` as a command: where it writes, what it refuses, and its messages (the starter itself: InitTest). */
class InitCommandTest {
    @TempDir
    Path dir;

    private static final String MIXED = """
            id,plan,churned,stars,spend,tenure,joined,flag
            1,basic,no,1,10.5,3,2024-01-01,true
            2,pro,yes,2,20.25,40,2024-01-02,false
            3,basic,no,3,30,77,2024-01-03,true
            4,plus,no,4,15.5,12,2024-01-04,false
            5,basic,yes,5,12,90,2024-01-05,false
            6,pro,no,1,80,23,2024-01-06,true
            7,basic,no,2,44.5,61,2024-01-07,false
            8,plus,no,3,9.75,15,2024-01-08,false
            9,pro,yes,4,60,8,2024-01-09,false
            10,basic,no,5,21,31,2024-01-10,false
            11,plus,no,1,33,45,2024-01-11,false
            12,basic,no,2,17,52,2024-01-12,true
            """;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }


    private record Run(int code, String out, String err) {
    }

    private static Run mlx(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesToStandardOutputOrAFileAndRefusesToOverwrite() throws Exception {
        Path csv = csv("mixed.csv", MIXED);
        Run toStdout = mlx("init", csv.toString(), "--target", "churned");
        assertEquals(Main.OK, toStdout.code(), toStdout.err());
        assertTrue(toStdout.out().startsWith("// A starter experiment"), toStdout.out());

        Path file = dir.resolve("sub/churn.mlx");
        Run first = mlx("init", csv.toString(), "--target", "churned", "-o", file.toString());
        assertEquals(Main.OK, first.code(), first.err());
        assertTrue(first.out().contains("binary classification of `churned`"), first.out());
        String written = Files.readString(file);
        assertTrue(written.contains("source csv \"../mixed.csv\""), written);

        Files.writeString(file, "mine");
        Run again = mlx("init", csv.toString(), "--target", "churned", "-o", file.toString());
        assertEquals(Main.USAGE, again.code());
        assertTrue(again.err().contains("already exists; use --force"), again.err());
        assertEquals("mine", Files.readString(file), "the existing file is untouched");

        Run forced = mlx("init", csv.toString(), "--target", "churned", "-o", file.toString(), "--force");
        assertEquals(Main.OK, forced.code(), forced.err());
        assertEquals(written, Files.readString(file));
    }

    @Test
    void commandErrorsAreMessagesNotTraces() throws Exception {
        Path csv = csv("mixed.csv", MIXED);
        Run missing = mlx("init", dir.resolve("nope.csv").toString(), "--target", "x");
        assertEquals(Main.USAGE, missing.code());
        assertTrue(missing.err().startsWith("error: no such file `"), missing.err());
        Run badTask = mlx("init", csv.toString(), "--target", "plan", "--task", "ranking");
        assertEquals(Main.USAGE, badTask.code());
        assertTrue(badTask.err().contains("unknown task `ranking`"), badTask.err());
        Run noTarget = mlx("init", csv.toString());
        assertEquals(Main.USAGE, noTarget.code());
        assertTrue(noTarget.err().startsWith("error: --target is required"), noTarget.err());
        assertEquals(Main.OK, mlx("init", csv.toString(), "--task", "clustering").code());
        Run badTarget = mlx("init", csv.toString(), "--target", "nope");
        assertEquals(Main.ERRORS, badTarget.code());
        assertTrue(badTarget.err().startsWith("error: no column `nope`"), badTarget.err());
        Run ragged = mlx("init", csv("r.csv", "a,b\n1,2\n3\n").toString(), "--target", "a");
        assertEquals(Main.ERRORS, ragged.code());
        assertEquals("error: row 3 has 1 field, the header has 2", ragged.err().strip());
    }
}
