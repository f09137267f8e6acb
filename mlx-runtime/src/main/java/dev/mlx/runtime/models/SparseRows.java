package dev.mlx.runtime.models;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.models.base.DatasetRows;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.tribuo.Dataset;
import org.tribuo.Output;

/**
 * Training rows as primitive arrays for the solvers: row r has the features {@code id(idx[r][i])}
 * with values {@code val[r][i]}, where {@code id} maps a stored index to its Tribuo feature id
 * ({@code ids[index]}, or the index itself when {@code ids} is null; -1 for a feature the model does
 * not know). The arrays are the caller's, not copies: the matrix path reads the feature matrix in
 * place.
 * <p>
 * Passes over the rows run in fixed blocks whose partial results are added in block order, so a sum
 * over the rows is the same number whatever the number of threads.
 */
record SparseRows(int[][] idx, double[][] val, int[] ids, int features) {
    /** Rows per block of a parallel pass. */
    static final int BLOCK_ROWS = 4096;

    /** The rows of a feature matrix, mapped through {@code ids} (see {@link MatrixDomains#features}). */
    static SparseRows of(FeatureMatrix m, int[] ids, int features) {
        return new SparseRows(m.indices(), m.values(), ids, features);
    }

    /** The rows of a Tribuo dataset, by its own feature map; a value that is not finite is a {@link RunException}. */
    static <T extends Output<T>> SparseRows of(Dataset<T> examples) {
        try {
            DatasetRows rows = DatasetRows.of(examples);
            return new SparseRows(rows.idx(), rows.val(), null, examples.getFeatureIDMap().size());
        } catch (IllegalArgumentException e) {
            throw new RunException(e.getMessage());
        }
    }

    int rows() {
        return idx.length;
    }

    /** The model's feature id of stored index {@code index}, -1 when the model does not know it. */
    int id(int index) {
        return ids == null ? index : ids[index];
    }

    /** A computation over the rows {@code from} (inclusive) to {@code to} into {@code partial}, returning a scalar part. */
    @FunctionalInterface
    interface BlockPass {
        double run(int from, int to, double[] partial);
    }

    /**
     * Runs {@code pass} over the rows in blocks, in parallel, and adds the blocks' partial arrays (of
     * {@code width} entries) into {@code total} and their scalars into the result, in block order. The
     * number of blocks depends only on the number of rows and the width (at most 32, and at most 16 M
     * doubles of partials), never on the threads.
     */
    double sum(int width, double[] total, BlockPass pass) {
        int n = rows();
        long byMemory = Math.max(1, (16L << 20) / Math.max(1, width));
        int blocks = (int) Math.max(1, Math.min(Math.min(32, byMemory), (n + BLOCK_ROWS - 1) / BLOCK_ROWS));
        double[][] partials = new double[blocks][];
        double[] scalars = new double[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            double[] partial = new double[width];
            int from = (int) ((long) n * b / blocks);
            int to = (int) ((long) n * (b + 1) / blocks);
            scalars[b] = pass.run(from, to, partial);
            partials[b] = partial;
        });
        Arrays.fill(total, 0);
        double scalar = 0;
        for (int b = 0; b < blocks; b++) {
            double[] partial = partials[b];
            for (int i = 0; i < width; i++) {
                total[i] += partial[i];
            }
            scalar += scalars[b];
        }
        return scalar;
    }
}
