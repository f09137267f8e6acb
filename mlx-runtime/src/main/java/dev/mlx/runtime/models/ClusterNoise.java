package dev.mlx.runtime.models;

import org.tribuo.Model;
import org.tribuo.clustering.hdbscan.HdbscanModel;

/**
 * HDBSCAN's outliers: Tribuo puts them in cluster 0 (its OUTLIER_NOISE_CLUSTER_LABEL). They are
 * not a cluster: silhouette and WCSS leave them out, the report names them "noise" and gives their
 * share, and selection by silhouette weighs a model by the share of rows it clustered.
 */
public final class ClusterNoise {
    /** HDBSCAN's cluster id for noise. */
    public static final int HDBSCAN = 0;
    /** The id of models that mark no noise: no cluster has it. */
    public static final int NONE = Integer.MIN_VALUE;
    /** How the report and run.json name the noise group. */
    public static final String LABEL = "noise";

    private ClusterNoise() {
    }

    /** The noise id of a catalog model kind. */
    public static int of(String kind) {
        return kind.equals("hdbscan") ? HDBSCAN : NONE;
    }

    /** The noise id of a trained model. */
    public static int of(Model<?> model) {
        return model instanceof HdbscanModel ? HDBSCAN : NONE;
    }

    /** A cluster id as the report names it: its number, or {@link #LABEL} for noise. */
    public static String label(int cluster, int noise) {
        return cluster == noise ? LABEL : String.valueOf(cluster);
    }
}
