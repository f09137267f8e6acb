package dev.mlx.runtime.models.mlp;

import java.util.Arrays;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;

/**
 * Feature rows as sparse (id, value) arrays in the feature map's ids, built once per training run
 * (an example's features are looked up by name once, not once per epoch), with the example weights.
 * Features the map does not know and explicit zeros are dropped.
 */
final class Rows {
    final int[][] idx;
    final double[][] val;
    final float[] weight;

    private Rows(int n) {
        idx = new int[n][];
        val = new double[n][];
        weight = new float[n];
    }

    int size() {
        return weight.length;
    }

    static Rows of(Dataset<?> data, ImmutableFeatureMap features) {
        Rows rows = new Rows(data.size());
        int r = 0;
        for (Example<?> e : data) {
            Sparse s = Sparse.of(e, features);
            rows.idx[r] = Arrays.copyOf(s.idx, s.nnz);
            rows.val[r] = Arrays.copyOf(s.val, s.nnz);
            rows.weight[r] = e.getWeight();
            r++;
        }
        return rows;
    }

    /** One example's known features: ids, values, how many are non-zero, how many the map knows. */
    record Sparse(int[] idx, double[] val, int nnz, int known) {
        static Sparse of(Example<?> e, ImmutableFeatureMap features) {
            int[] idx = new int[e.size()];
            double[] val = new double[e.size()];
            int nnz = 0;
            int known = 0;
            for (Feature f : e) {
                int id = features.getID(f.getName());
                if (id < 0) {
                    continue;
                }
                known++;
                double v = f.getValue();
                if (v != 0) {
                    idx[nnz] = id;
                    val[nnz] = v;
                    nnz++;
                }
            }
            return new Sparse(idx, val, nnz, known);
        }
    }
}
