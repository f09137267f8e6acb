package dev.mlx.runtime.models;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.kmeans.KMeansTrainer;

/**
 * k-means for a range of k: trains each k (k-means++ start, same seed) and keeps the one with the
 * highest silhouette on a seeded sample of the training rows; ties go to the smaller k. The scores
 * of the last training are kept for the report.
 */
public final class KMeansRangeTrainer extends AbstractTrainer<ClusterID> {
    /** Rows of the silhouette sample: the score is quadratic in them. */
    static final int SAMPLE = 2000;

    private final int lo;
    private final int hi;
    private final IntFunction<KMeansTrainer> forK;
    private final Silhouette.Metric metric;
    private final long seed;
    private Map<Integer, Double> lastScores = Map.of();

    /** Described by the k-means trainer for the smallest k. */
    KMeansRangeTrainer(int lo, int hi, IntFunction<KMeansTrainer> forK, Silhouette.Metric metric, long seed) {
        super(() -> forK.apply(lo));
        this.lo = lo;
        this.hi = hi;
        this.forK = forK;
        this.metric = metric;
        this.seed = seed;
    }

    @Override
    public Model<ClusterID> train(Dataset<ClusterID> examples, Map<String, Provenance> runProvenance) {
        int n = examples.size();
        if (n < lo) {
            throw new RunException("k-means with k from " + lo + " needs at least " + lo + " training rows, found " + n);
        }
        List<Example<ClusterID>> rows = new ArrayList<>(n);
        examples.forEach(rows::add);
        int[] picked = Silhouette.sample(new int[n], Integer.MIN_VALUE, SAMPLE, seed);
        ImmutableFeatureMap fmap = examples.getFeatureIDMap();
        int[][] idx = new int[picked.length][];
        double[][] val = new double[picked.length][];
        for (int i = 0; i < picked.length; i++) {
            sparse(rows.get(picked[i]), fmap, i, idx, val);
        }
        Map<Integer, Double> scores = new LinkedHashMap<>();
        Model<ClusterID> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = lo; k <= Math.min(hi, n); k++) {
            Model<ClusterID> model = forK.apply(k).train(examples, runProvenance);
            int[] clusters = new int[picked.length];
            for (int i = 0; i < picked.length; i++) {
                clusters[i] = model.predict(rows.get(picked[i])).getOutput().getID();
            }
            double s = Silhouette.mean(idx, val, clusters, Integer.MIN_VALUE, metric, SAMPLE, seed);
            scores.put(k, s);
            if (best == null || s > bestScore) {
                best = model;
                bestScore = Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
            }
        }
        lastScores = Collections.unmodifiableMap(scores);
        count();
        return best;
    }

    private static void sparse(Example<ClusterID> e, ImmutableFeatureMap fmap, int row, int[][] idx, double[][] val) {
        int[] is = new int[e.size()];
        double[] vs = new double[e.size()];
        int m = 0;
        for (Feature f : e) {
            int id = fmap.getID(f.getName());
            if (id >= 0) {
                is[m] = id;
                vs[m++] = f.getValue();
            }
        }
        // order by feature id, as Silhouette expects
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            keys[i] = ((long) is[i] << 32) | i;
        }
        Arrays.sort(keys);
        idx[row] = new int[m];
        val[row] = new double[m];
        for (int i = 0; i < m; i++) {
            int from = (int) keys[i];
            idx[row][i] = is[from];
            val[row][i] = vs[from];
        }
    }

    /** Silhouette per k of the last training, in k order. */
    public Map<Integer, Double> lastScores() {
        return lastScores;
    }

    @Override
    public String toString() {
        return "KMeansRangeTrainer(k=" + lo + ".." + hi + ", " + forK.apply(lo) + ")";
    }
}
