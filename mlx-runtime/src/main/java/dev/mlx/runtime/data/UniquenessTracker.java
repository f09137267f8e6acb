package dev.mlx.runtime.data;

/**
 * Whether every value of a column is different, however many values there are: the test for an id
 * column and for a {@code unique} check. Keeps a 64-bit fingerprint per value in an open-addressing
 * table only while no value has repeated, and drops it at the first repeat, so a column with repeats
 * (almost every column) costs little. Two different values with the same fingerprint read as a repeat:
 * the rare error only ever says "not unique", never the reverse.
 */
public final class UniquenessTracker {
    private long[] slots = new long[64];
    private boolean zeroSeen;
    private int size;
    private boolean unique = true;

    /** Adds one value; returns whether the values are still all different. */
    public boolean add(String v) {
        if (!unique) {
            return false;
        }
        long h = fingerprint(v);
        if (h == 0) {
            if (zeroSeen) {
                repeated();
                return false;
            }
            zeroSeen = true;
            return true;
        }
        int mask = slots.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == h) {
                repeated();
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = h;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    /** True while no value has been added twice. */
    public boolean unique() {
        return unique;
    }

    private void repeated() {
        unique = false;
        slots = null;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = h;
            }
        }
    }

    /** FNV-1a over the UTF-16 units, then a final mix so that nearby strings spread over the table. */
    static long fingerprint(String v) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < v.length(); i++) {
            h ^= v.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= v.length();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
