package dev.mlx.runtime.base;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * k-fold cross-validation splits of the training rows: seeded, disjoint, covering every row once.
 * Stratified folds deal each class's shuffled rows round the folds in turn, so every fold holds
 * its share of every class (within one row).
 */
public final class Folds {
    private Folds() {
    }

    /**
     * The validation rows of each fold, each array sorted. {@code strata} (one key per row, null
     * for plain folds) groups the rows to stratify by.
     */
    public static List<int[]> split(int rows, int k, long seed, String[] strata) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        if (rows < k) {
            throw new RunException("cv " + k + " folds needs at least " + k + " training rows, found " + rows);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (int[] group : groups(rows, strata)) {
            shuffle(group, rng);
            for (int r : group) {
                folds.get(next).add(r);
                next = (next + 1) % k;
            }
        }
        List<int[]> out = new ArrayList<>(k);
        for (List<Integer> f : folds) {
            int[] a = f.stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(a);
            out.add(a);
        }
        return out;
    }

    /** The rows not in {@code validation}, sorted. */
    public static int[] complement(int rows, int[] validation) {
        boolean[] held = new boolean[rows];
        for (int r : validation) {
            held[r] = true;
        }
        int[] out = new int[rows - validation.length];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (!held[r]) {
                out[n++] = r;
            }
        }
        return out;
    }

    /** Row groups in a fixed order: one group without strata, else one per key in key order. */
    private static List<int[]> groups(int rows, String[] strata) {
        if (strata == null) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            return List.of(all);
        }
        Map<String, List<Integer>> byKey = new TreeMap<>();
        for (int i = 0; i < rows; i++) {
            byKey.computeIfAbsent(strata[i] == null ? "" : strata[i], s -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : byKey.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
