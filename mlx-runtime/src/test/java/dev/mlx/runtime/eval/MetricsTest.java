package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.models.Silhouette;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double EPS = 1e-12;
    private static final List<String> YES_NO = List.of("no", "yes");
    // TP 3, FN 1, FP 1, TN 5
    private static final String[] ACTUAL = {"yes", "yes", "yes", "yes", "no", "no", "no", "no", "no", "no"};
    private static final String[] PREDICTED = {"yes", "yes", "yes", "no", "yes", "no", "no", "no", "no", "no"};
    private static final double[] P_YES = {0.9, 0.8, 0.7, 0.3, 0.6, 0.2, 0.1, 0.4, 0.35, 0.05};

    private static double[][] probs() {
        double[][] p = new double[P_YES.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[] {1 - P_YES[i], P_YES[i]};
        }
        return p;
    }

    private static Map<String, Double> binary(List<String> names, double[][] probs) {
        Scored s = ScoredFixtures.classification(ACTUAL, PREDICTED, probs, YES_NO);
        return Metrics.compute(s, names, new Metrics.Context("yes", Integer.MIN_VALUE, 1, Silhouette.Metric.L2));
    }

    @Test
    void binaryMetricsFromATwoByTwoTable() {
        Map<String, Double> m = binary(List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1", "macro_f1",
                "weighted_f1", "macro_precision", "macro_recall"), null);
        assertEquals(0.8, m.get("accuracy"), EPS);
        assertEquals((0.75 + 5.0 / 6) / 2, m.get("balanced_accuracy"), EPS);
        assertEquals(0.75, m.get("precision"), EPS);
        assertEquals(0.75, m.get("recall"), EPS);
        assertEquals(0.75, m.get("f1"), EPS);
        assertEquals((0.75 + 5.0 / 6) / 2, m.get("macro_f1"), EPS);
        assertEquals((4 * 0.75 + 6 * (5.0 / 6)) / 10, m.get("weighted_f1"), EPS);
        assertEquals((0.75 + 5.0 / 6) / 2, m.get("macro_precision"), EPS);
        assertEquals((0.75 + 5.0 / 6) / 2, m.get("macro_recall"), EPS);
        int[][] cm = ClassificationMetrics.confusion(ACTUAL, PREDICTED, YES_NO);
        assertArrayEquals(new int[] {5, 1}, cm[0]); // actual no: 5 right, 1 called yes
        assertArrayEquals(new int[] {1, 3}, cm[1]);
    }

    @Test
    void thePositiveClassDecidesBinaryPrecision() {
        Scored s = ScoredFixtures.classification(ACTUAL, PREDICTED, null, YES_NO);
        Map<String, Double> m = Metrics.compute(s, List.of("precision", "recall"),
                new Metrics.Context("no", Integer.MIN_VALUE, 1, Silhouette.Metric.L2));
        assertEquals(5.0 / 6, m.get("precision"), EPS);
        assertEquals(5.0 / 6, m.get("recall"), EPS);
    }

    @Test
    void rankingMetricsFromProbabilities() {
        Map<String, Double> m = binary(List.of("auc", "pr_auc", "log_loss"), probs());
        // 24 (positive, negative) pairs, 21 ordered correctly
        assertEquals(21.0 / 24, m.get("auc"), EPS);
        // precision 1 at recall .25, .5, .75; then 4/7 at recall 1
        assertEquals(0.75 + 0.25 * 4 / 7, m.get("pr_auc"), EPS);
        double[] pTrue = {0.9, 0.8, 0.7, 0.3, 0.4, 0.8, 0.9, 0.6, 0.65, 0.95};
        double ll = 0;
        for (double p : pTrue) {
            ll -= Math.log(p);
        }
        assertEquals(ll / 10, m.get("log_loss"), 1e-12);
        assertTrue(binary(List.of("auc"), null).get("auc").isNaN(), "no probabilities, no AUC");
    }

    @Test
    void tiedScoresCountHalf() {
        assertEquals(0.5, Ranking.auc(new double[] {0.3, 0.3, 0.3, 0.3}, new boolean[] {true, false, true, false}), EPS);
        assertTrue(Double.isNaN(Ranking.auc(new double[] {0.1, 0.2}, new boolean[] {true, true})));
    }

    @Test
    void multiclassIsMacroAveraged() {
        List<String> abc = List.of("a", "b", "c");
        String[] actual = {"a", "a", "b", "b", "c", "c"};
        String[] predicted = {"a", "b", "b", "b", "c", "a"};
        Scored s = ScoredFixtures.classification(actual, predicted, null, abc);
        Map<String, Double> m = Metrics.compute(s, List.of("precision", "recall", "f1", "accuracy"),
                new Metrics.Context(null, Integer.MIN_VALUE, 1, Silhouette.Metric.L2));
        // precision a 1/2, b 2/3, c 1; recall a 1/2, b 1, c 1/2
        assertEquals((0.5 + 2.0 / 3 + 1) / 3, m.get("precision"), EPS);
        assertEquals((0.5 + 1 + 0.5) / 3, m.get("recall"), EPS);
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, m.get("f1"), EPS);
        assertEquals(4.0 / 6, m.get("accuracy"), EPS);
    }

    @Test
    void curvesAreThinnedKeepingTheEnds() {
        int n = 1000;
        double[] score = new double[n];
        boolean[] pos = new boolean[n];
        for (int i = 0; i < n; i++) {
            score[i] = i / (double) n;
            pos[i] = i % 3 == 0;
        }
        List<double[]> roc = Ranking.roc(score, pos);
        List<double[]> thin = Ranking.thin(roc, Ranking.MAX_POINTS);
        assertEquals(Ranking.MAX_POINTS, thin.size());
        assertArrayEquals(roc.get(0), thin.get(0));
        assertArrayEquals(roc.get(roc.size() - 1), thin.get(thin.size() - 1));
        assertEquals(1.0, thin.get(thin.size() - 1)[0], EPS);
        assertEquals(1.0, thin.get(thin.size() - 1)[1], EPS);
    }

    @Test
    void regressionByHand() {
        double[] y = {1, 2, 3, 4};
        double[] yhat = {1, 2, 3, 5};
        assertEquals(0.25, RegressionMetrics.value("mse", y, yhat), EPS);
        assertEquals(0.5, RegressionMetrics.value("rmse", y, yhat), EPS);
        assertEquals(0.25, RegressionMetrics.value("mae", y, yhat), EPS);
        assertEquals(1 - 1.0 / 5, RegressionMetrics.value("r2", y, yhat), EPS);
        assertEquals(0.25 / 4, RegressionMetrics.value("mape", y, yhat), EPS);
        assertTrue(Double.isNaN(RegressionMetrics.value("r2", new double[] {2, 2}, new double[] {1, 3})));
        Map<String, Double> r = RegressionMetrics.residuals(y, yhat);
        assertEquals(-0.25, r.get("mean"), EPS);
        assertEquals(-1.0, r.get("min"), EPS);
        assertEquals(0.0, r.get("max"), EPS);
        double[] big = new double[2000];
        assertEquals(RegressionMetrics.MAX_PAIRS, RegressionMetrics.pairs(big, big).size());
    }

    @Test
    void clusteringAgreementAsScikitLearnDefinesIt() {
        String[] truth = {"0", "0", "1", "1"};
        assertEquals(4.0 / 7, ClusteringMetrics.ari(truth, new int[] {0, 0, 1, 2}), EPS);
        assertEquals(1.0, ClusteringMetrics.ari(truth, new int[] {5, 5, 3, 3}), EPS);
        assertEquals(1.0, ClusteringMetrics.ami(truth, new int[] {1, 1, 0, 0}), 1e-9);
        assertEquals(0.0, ClusteringMetrics.ami(new String[] {"0", "0", "0", "0"}, new int[] {0, 1, 2, 3}), 1e-9);
        // values from an independent implementation (hypergeometric expectation by binomial coefficients)
        assertEquals(0.5714285714285715, ClusteringMetrics.ami(truth, new int[] {0, 0, 1, 2}), 1e-9);
        assertEquals(0.31967265056964683, ClusteringMetrics.ami(new String[] {"0", "0", "0", "1", "1", "1", "2", "2"},
                new int[] {0, 0, 1, 1, 1, 2, 2, 2}), 1e-9);
    }

    @Test
    void withinClusterSumOfSquaresAndSilhouette() {
        int[][] idx = {{}, {0}, {0, 1}};
        double[][] val = {{}, {2}, {5, 5}};
        assertEquals(2.0, ClusteringMetrics.wcss(idx, val, new int[] {0, 0, 1}, Integer.MIN_VALUE), EPS);
        // the two noise rows count in the one cluster there is: all three rows around (7/3, 5/3)
        assertEquals(264.0 / 9, ClusteringMetrics.wcss(idx, val, new int[] {0, 0, 1}, 0), EPS);
        int[][] one = {{}, {0}, {0}, {0}};
        double[][] xs = {{}, {1}, {10}, {11}};
        double expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5 + (9.5 - 1) / 9.5 + (10.5 - 1) / 10.5) / 4;
        assertEquals(expected, Silhouette.mean(one, xs, new int[] {7, 7, 3, 3}, Integer.MIN_VALUE, Silhouette.Metric.L2,
                100, 1), EPS);
        assertTrue(Double.isNaN(Silhouette.mean(one, xs, new int[] {1, 1, 1, 1}, Integer.MIN_VALUE, Silhouette.Metric.L2, 100, 1)));
    }

    /**
     * Issue 18: planted noise cannot win the selection by WCSS or by agreement with the labels. Two
     * tight groups and three rows between them, labelled as a third kind: a model that calls those
     * three noise scored better than one that puts them in their nearest groups when noise was left
     * out of WCSS (or counted as a group of its own in AMI/ARI); now it scores exactly the same.
     */
    @Test
    void plantedNoiseCannotWinBySumOfSquaresOrAgreement() {
        double[] x = {0, 0.1, 0.2, 0.3, 4, 5, 6, 10, 10.1, 10.2, 10.3};
        int[][] idx = new int[x.length][];
        double[][] val = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            idx[i] = new int[] {0};
            val[i] = new double[] {x[i]};
        }
        String[] truth = {"a", "a", "a", "a", "c", "c", "c", "b", "b", "b", "b"};
        int[] assigned = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2}; // k-means: the middle rows join the nearest group
        int[] noisy = {1, 1, 1, 1, 0, 0, 0, 2, 2, 2, 2};    // hdbscan: the middle rows are noise (0)
        int none = Integer.MIN_VALUE;

        double clusteredOnly = ClusteringMetrics.wcss(new int[][] {{0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}},
                new double[][] {{0}, {0.1}, {0.2}, {0.3}, {10}, {10.1}, {10.2}, {10.3}}, new int[] {1, 1, 1, 1, 2, 2, 2, 2}, none);
        double kmeans = ClusteringMetrics.wcss(idx, val, assigned, none);
        assertTrue(clusteredOnly < kmeans, "leaving the noise out would have won: " + clusteredOnly + " < " + kmeans);
        assertEquals(kmeans, ClusteringMetrics.wcss(idx, val, noisy, 0), EPS);
        assertArrayEquals(assigned, ClusteringMetrics.noiseToNearest(idx, val, noisy, 0));

        int[] noiseAsAGroup = noisy.clone();
        double asAGroup = ClusteringMetrics.ami(truth, noiseAsAGroup);
        double kmeansAmi = ClusteringMetrics.ami(truth, assigned);
        assertTrue(asAGroup > kmeansAmi, "noise as its own group would have won: " + asAGroup + " > " + kmeansAmi);
        assertEquals(kmeansAmi, ClusteringMetrics.ami(truth, ClusteringMetrics.noiseToNearest(idx, val, noisy, 0)), EPS);
        assertEquals(ClusteringMetrics.ari(truth, assigned),
                ClusteringMetrics.ari(truth, ClusteringMetrics.noiseToNearest(idx, val, noisy, 0)), EPS);

        int[] allNoise = new int[x.length];
        assertArrayEquals(allNoise, ClusteringMetrics.noiseToNearest(idx, val, allNoise, 0), "all noise stays one group");
    }
}
