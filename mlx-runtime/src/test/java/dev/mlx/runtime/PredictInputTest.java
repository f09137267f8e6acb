package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on a CSV that is not UTF-8 (issue 15: "Input length = 1") says which line and
 * which byte, before anything else is read.
 */
class PredictInputTest {
    @TempDir
    Path dir;

    @Test
    void aLatin1FileIsNamedByLineAndByte() throws IOException {
        Path csv = dir.resolve("in.csv");
        Files.write(csv, "a,b\n1,caf\u00e9\n2,x\n".getBytes(StandardCharsets.ISO_8859_1));
        RunException e = assertThrows(RunException.class, () -> Predict.run(null, dir, csv, dir.resolve("out.csv"), System.out));
        assertEquals(csv + " is not UTF-8 text: line 2 has the byte 0xE9 (byte 10 of the file) where UTF-8 allows none; "
                + "save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")", e.getMessage());
    }

    @Test
    void utf8TextPassesAndACutCharacterIsNamed() throws IOException {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "a,b\n1,caf\u00e9 \u2603 \uD83D\uDE00\n", StandardCharsets.UTF_8);
        assertNull(Predict.notUtf8(good));
        Path cut = dir.resolve("cut.csv");
        byte[] b = Files.readAllBytes(good);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 2));
        assertEquals(cut + " is not UTF-8 text: it ends in the middle of a character (line 2)", Predict.notUtf8(cut));
    }
}
