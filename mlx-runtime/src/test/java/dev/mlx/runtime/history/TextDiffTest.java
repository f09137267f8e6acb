package dev.mlx.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The unified diff {@code mlx diff} shows for two .mlx texts: diff -u's hunks and line numbers. */
class TextDiffTest {
    @Test
    void theSameTextHasNoDiff() {
        assertNull(TextDiff.unified("a", "x\ny\n", "b", "x\ny\n"));
    }

    @Test
    void aChangedLineIsOneHunkWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertEquals("""
                --- a.mlx (1)
                +++ a.mlx (2)
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """, TextDiff.unified("a.mlx (1)", before, "a.mlx (2)", after));
    }

    @Test
    void changesFarApartAreSeparateHunksAndInsertionsCountOnlyTheNewSide() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = before.toString().replaceFirst("(?m)^2\n", "2\nnew\n").replace("\n18\n", "\n");
        assertEquals("""
                --- a
                +++ b
                @@ -1,5 +1,6 @@
                 1
                 2
                +new
                 3
                 4
                 5
                @@ -15,6 +16,5 @@
                 15
                 16
                 17
                -18
                 19
                 20
                """, TextDiff.unified("a", before.toString(), "b", after));
    }
}
