package dev.mlx.runtime.base;

import java.util.ArrayList;
import java.util.List;

/**
 * k-fold cross-validation splits of the training rows: disjoint, covering every row once, each row's
 * fold fixed by {@link RowHash} (its key's hash under the seed), so every engine folds the same rows.
 * Stratified folds deal each class's rows round the folds in turn, so every fold holds its share of
 * every class (within one row).
 */
public final class Folds {
    private Folds() {
    }

    /**
     * The validation rows of each fold, each array sorted. {@code key} and {@code tie} are the rows' fold
     * hashes ({@link RowHash#of} under the seed mixed with {@link RowHash#FOLD_SALT}); {@code strata} (one
     * class per row, null for plain folds) groups the rows to stratify by.
     */
    public static List<int[]> split(long[] key, long[] tie, int k, String[] strata) {
        int rows = key.length;
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        if (rows < k) {
            throw new RunException("cv " + k + " folds needs at least " + k + " training rows, found " + rows);
        }
        int[] fold = RowHash.folds(key, tie, strata, k);
        int[] sizes = new int[k];
        for (int f : fold) {
            sizes[f]++;
        }
        List<int[]> out = new ArrayList<>(k);
        int[] filled = new int[k];
        for (int f = 0; f < k; f++) {
            out.add(new int[sizes[f]]);
        }
        for (int r = 0; r < rows; r++) {
            out.get(fold[r])[filled[fold[r]]++] = r;
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
}
