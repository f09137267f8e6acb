package dev.mlx.runtime.features;

/**
 * A column of the working {@link Frame} while the steps run. Arrays belong to the frame that holds
 * them (steps may overwrite them in place), except the per-document vectors of {@link Sparse},
 * which rows share.
 */
sealed interface Col permits Col.Num, Col.Cat, Col.Time, Col.OneHot, Col.Sparse {

    /** Numbers; NaN is missing. */
    record Num(double[] v) implements Col {
    }

    /**
     * Categories or free text: per row an index into {@code levels} (-1 missing). Levels are local
     * to the table being transformed — whatever is learned is learned as text, never as a code.
     * {@code ordered} levels (bins, false/true) keep their order when encoded.
     */
    record Cat(int[] codes, String[] levels, boolean ordered, boolean bool) implements Col {
        int[] counts() {
            int[] counts = new int[levels.length];
            for (int c : codes) {
                if (c >= 0) {
                    counts[c]++;
                }
            }
            return counts;
        }
    }

    /** Dates: epoch day per row ({@link #MISSING} when missing), second of the day (null: dates only). */
    record Time(int[] day, int[] second) implements Col {
        static final int MISSING = Integer.MIN_VALUE;
    }

    /** One-hot encoded: per row the slot of its category among {@code names} (-1: none). */
    record OneHot(String[] names, int[] slot) implements Col {
    }

    /**
     * Encoded text: per row a document number (-1: missing), per document its sparse vector over
     * {@code names} (indices increasing). {@code source} re-encodes a constant for impute.
     */
    record Sparse(String[] names, int[] doc, int[][] docIdx, double[][] docVal, TextVectorizer source)
            implements Col {
    }
}
