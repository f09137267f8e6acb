package dev.mlx.runtime.base;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling without replacement, for the places that look at a large table through a sample. */
public final class Sample {
    private Sample() {
    }

    /**
     * {@code k} distinct positions of {@code 0..n-1} (all of them when {@code k >= n}), drawn by a
     * partial Fisher–Yates shuffle seeded with {@code seed}, in increasing order.
     */
    public static int[] indices(int n, int k, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (k >= n) {
            return all;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, k);
        Arrays.sort(out);
        return out;
    }
}
