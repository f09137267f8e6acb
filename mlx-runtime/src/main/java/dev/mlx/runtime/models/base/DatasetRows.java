package dev.mlx.runtime.models.base;

import java.util.Arrays;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Output;

/**
 * A Tribuo dataset's rows as primitive arrays, the form mlx's own solvers and trees train on: row r
 * has the feature ids {@code idx[r]} (by the dataset's own feature map) with the values
 * {@code val[r]}. A feature the map does not know is left out.
 *
 * @param idx the feature ids of each row
 * @param val the values, parallel to {@code idx}
 */
public record DatasetRows(int[][] idx, double[][] val) {
    /**
     * The rows of {@code examples}. A value that is not finite (Tribuo already refuses NaN; infinity
     * gets through) is a {@link IllegalArgumentException} naming the feature and the row, because no
     * solver can fit it.
     */
    public static <T extends Output<T>> DatasetRows of(Dataset<T> examples) {
        ImmutableFeatureMap features = examples.getFeatureIDMap();
        int n = examples.size();
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        int r = 0;
        for (Example<T> e : examples) {
            int[] is = new int[e.size()];
            double[] vs = new double[e.size()];
            int k = 0;
            for (Feature f : e) {
                int id = features.getID(f.getName());
                if (id >= 0) {
                    if (!Double.isFinite(f.getValue())) {
                        throw new IllegalArgumentException("feature `" + f.getName() + "` is " + f.getValue()
                                + " in training row " + (r + 1) + "; impute or clip it in the features block");
                    }
                    is[k] = id;
                    vs[k++] = f.getValue();
                }
            }
            idx[r] = k == is.length ? is : Arrays.copyOf(is, k);
            val[r++] = k == vs.length ? vs : Arrays.copyOf(vs, k);
        }
        return new DatasetRows(idx, val);
    }
}
