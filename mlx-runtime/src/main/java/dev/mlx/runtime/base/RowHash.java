package dev.mlx.runtime.base;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule that puts a row in the holdout or in a cross-validation fold, the same on every engine: a
 * 64-bit hash of the row's key (its id when the data has one, else its whole content) and the seed.
 * Rows are ordered by that hash (ties, which only identical keys make, by a hash of the whole row); the
 * holdout is the first {@code round(share × rows)} of that order (per class when stratified) and folds
 * deal the order round the folds. Nothing depends on where a row sits in the file or on how an engine
 * partitions the table, so the local engine and Spark pick the same rows.
 */
public final class RowHash {
    /** Mixed into the seed for fold hashes, so folds are not the holdout order again. */
    public static final long FOLD_SALT = 0x5DEECE66DL;
    /** A missing cell in a key. */
    public static final String MISSING = "\u0000";
    /** Between the cells of a row's key. */
    public static final String SEPARATOR = "\u001f";

    private RowHash() {
    }

    /** The hash of a key text under {@code seed}: FNV-1a of its UTF-8 bytes, mixed with the seed by SplitMix64. */
    public static long of(String key, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ mix(seed));
    }

    /**
     * The text of one cell in a key, so that engines holding the same value in different Java types agree:
     * whole numbers as integers (a double 3.0 and a long 3 are both "3"), other numbers as Java prints a
     * double, dates in ISO form, missing (null or empty) as {@link #MISSING}.
     */
    public static String cell(Object value) {
        if (value == null) {
            return MISSING;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return MISSING;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        String s = value.toString();
        return s.isEmpty() ? MISSING : s;
    }

    /** The key of several cells: each cell's text, joined by {@link #SEPARATOR}. */
    public static String row(List<?> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(SEPARATOR);
            }
            b.append(cell(cells.get(i)));
        }
        return b.toString();
    }

    /**
     * Which rows are holdout rows. {@code key} and {@code tie} are each row's hashes (of its key and of its whole
     * content), {@code strata} its class (null: not stratified). Each stratum of two rows or more keeps at
     * least one row on each side; without strata the holdout has {@code round(share × rows)} rows, at least 1
     * and at most rows − 1.
     */
    public static boolean[] holdout(long[] key, long[] tie, String[] strata, double share) {
        int n = key.length;
        boolean[] out = new boolean[n];
        for (int[] group : groups(n, strata)) {
            int take = (int) Math.round(group.length * share);
            if (strata == null) {
                take = Math.max(1, Math.min(n - 1, take));
            } else if (group.length >= 2) {
                take = Math.max(1, Math.min(group.length - 1, take));
            }
            int[] ordered = ordered(group, key, tie);
            for (int i = 0; i < take; i++) {
                out[ordered[i]] = true;
            }
        }
        return out;
    }

    /**
     * The fold (0 to k − 1) of each row: the groups (one, or one per class in the classes' text order) in
     * hash order, dealt round the folds in turn, the dealing going on from one group to the next.
     */
    public static int[] folds(long[] key, long[] tie, String[] strata, int k) {
        int[] fold = new int[key.length];
        int next = 0;
        for (int[] group : groups(key.length, strata)) {
            for (int r : ordered(group, key, tie)) {
                fold[r] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /** The rows in the order of their hashes; rows equal in both hashes keep their order. */
    static int[] ordered(int[] rows, long[] key, long[] tie) {
        Integer[] boxed = Arrays.stream(rows).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Comparator.<Integer>comparingLong(r -> key[r]).thenComparingLong(r -> tie[r]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** All rows as one group, or one group per stratum in the strata's text order (null as ""). */
    static List<int[]> groups(int rows, String[] strata) {
        if (strata == null) {
            int[] all = new int[rows];
            Arrays.setAll(all, i -> i);
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

    /** SplitMix64's finaliser: every input bit moves every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
