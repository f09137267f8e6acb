package dev.mlx.runtime.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RowHashTest {
    @Test
    void cellTextIsTheSameWhateverJavaTypeHoldsTheValue() {
        assertEquals("3", RowHash.cell(3L));
        assertEquals("3", RowHash.cell(3));
        assertEquals("3", RowHash.cell(3.0));
        assertEquals("2.5", RowHash.cell(2.5));
        assertEquals("2.5", RowHash.cell(2.5f));
        assertEquals("2024-02-29", RowHash.cell(LocalDate.of(2024, 2, 29)));
        assertEquals("2024-02-29", RowHash.cell(java.sql.Date.valueOf("2024-02-29")));
        assertEquals(RowHash.MISSING, RowHash.cell(null));
        assertEquals(RowHash.MISSING, RowHash.cell(""));
        assertEquals(RowHash.MISSING, RowHash.cell(Double.NaN));
        assertEquals("9007199254740993", RowHash.cell(9007199254740993L), "longs past 2^53 keep every digit");
    }

    @Test
    void hashesAreFixedNumbersSoEveryEngineCanCheckItsOwn() {
        // pinned: an engine that computes the rule must give these exact values
        assertEquals(RowHash.of("17", 42), RowHash.of("17", 42));
        assertNotEquals(RowHash.of("17", 42), RowHash.of("17", 43));
        assertNotEquals(RowHash.of("17", 42), RowHash.of("71", 42));
        assertEquals(8070216634419796520L, RowHash.of("penguin-1", 7));
    }

    @Test
    void theHoldoutDependsOnTheRowsNotOnTheirPositions() {
        int n = 1000;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("row" + i);
        }
        Set<String> first = holdoutKeys(keys, 0.2);
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(3));
        assertEquals(first, holdoutKeys(shuffled, 0.2), "a reordered file gives the same holdout rows");
        assertEquals(200, first.size());
    }

    @Test
    void stratifiedHoldoutTakesEachClassShare() {
        int n = 500;
        long[] key = new long[n];
        String[] strata = new String[n];
        for (int i = 0; i < n; i++) {
            key[i] = RowHash.of(Integer.toString(i), 1);
            strata[i] = i % 10 == 0 ? "rare" : "common";
        }
        boolean[] out = RowHash.holdout(key, key, strata, 0.2);
        int rare = 0;
        int all = 0;
        for (int i = 0; i < n; i++) {
            all += out[i] ? 1 : 0;
            rare += out[i] && strata[i].equals("rare") ? 1 : 0;
        }
        assertEquals(10, rare, "20% of the 50 rare rows");
        assertEquals(100, all);
    }

    @Test
    void foldsDealTheHashOrderRoundTheFolds() {
        long[] key = new long[10];
        for (int i = 0; i < key.length; i++) {
            key[i] = RowHash.of(Integer.toString(i), 5);
        }
        int[] fold = RowHash.folds(key, key, null, 3);
        int[] order = RowHash.ordered(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, key, key);
        for (int rank = 0; rank < order.length; rank++) {
            assertEquals(rank % 3, fold[order[rank]]);
        }
        int[] sizes = new int[3];
        Arrays.stream(fold).forEach(f -> sizes[f]++);
        assertTrue(Arrays.equals(new int[] {4, 3, 3}, sizes));
    }

    private static Set<String> holdoutKeys(List<String> keys, double share) {
        long[] h = keys.stream().mapToLong(k -> RowHash.of(k, 42)).toArray();
        boolean[] out = RowHash.holdout(h, h, null, share);
        Set<String> picked = new TreeSet<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i]) {
                picked.add(keys.get(i));
            }
        }
        return picked;
    }
}
