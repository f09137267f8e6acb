package dev.mlx.runtime.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldsTest {
    private static List<List<Integer>> asLists(List<int[]> folds) {
        List<List<Integer>> out = new ArrayList<>();
        for (int[] f : folds) {
            out.add(Arrays.stream(f).boxed().toList());
        }
        return out;
    }

    /** Folds of {@code rows} rows keyed "0", "1", ... (as rows with those ids). */
    private static List<int[]> split(int rows, int k, long seed, String[] strata) {
        long[] key = new long[rows];
        for (int r = 0; r < rows; r++) {
            key[r] = RowHash.of(Integer.toString(r), seed ^ RowHash.FOLD_SALT);
        }
        return Folds.split(key, key, k, strata);
    }

    @Test
    void foldsAreDisjointAndCoverEveryRowOnce() {
        List<int[]> folds = split(103, 5, 42, null);
        assertEquals(5, folds.size());
        Set<Integer> seen = new HashSet<>();
        for (int[] f : folds) {
            assertTrue(f.length == 20 || f.length == 21, "balanced sizes: " + f.length);
            for (int r : f) {
                assertTrue(seen.add(r), "row " + r + " in two folds");
            }
            int[] train = Folds.complement(103, f);
            assertEquals(103, train.length + f.length);
            for (int r : train) {
                assertTrue(Arrays.binarySearch(f, r) < 0);
            }
        }
        assertEquals(103, seen.size());
    }

    @Test
    void stratifiedFoldsKeepClassShares() {
        String[] strata = new String[100];
        for (int i = 0; i < 100; i++) {
            strata[i] = i < 70 ? "a" : "b"; // 70/30, sorted: plain folds would not keep the share
        }
        for (int[] f : split(100, 5, 7, strata)) {
            long b = Arrays.stream(f).filter(r -> strata[r].equals("b")).count();
            assertEquals(20, f.length);
            assertEquals(6, b, "each fold holds 30% of b");
        }
        // a rare class still lands in separate folds
        String[] rare = new String[50];
        Arrays.fill(rare, "x");
        rare[3] = "y";
        rare[40] = "y";
        int foldsWithY = 0;
        for (int[] f : split(50, 5, 7, rare)) {
            foldsWithY += Arrays.stream(f).filter(r -> rare[r].equals("y")).count() > 0 ? 1 : 0;
        }
        assertEquals(2, foldsWithY);
    }

    @Test
    void seededAndShuffled() {
        assertEquals(asLists(split(60, 3, 1, null)), asLists(split(60, 3, 1, null)));
        assertNotEquals(asLists(split(60, 3, 1, null)), asLists(split(60, 3, 2, null)));
        int[] first = split(60, 3, 1, null).get(0);
        boolean contiguous = first[first.length - 1] - first[0] == first.length - 1;
        assertFalse(contiguous, "rows are shuffled before dealing");
    }

    @Test
    void tooFewRowsIsAUserError() {
        assertThrows(RunException.class, () -> split(3, 5, 1, null));
    }
}
