package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The ranking metrics and curves against their definitions, computed the slow way. */
class RankingTest {
    @Test
    void aucAndCurvesMatchTheirDefinitions() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] score = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                score[i] = trial % 2 == 0 ? rnd.nextInt(5) / 4.0 : rnd.nextDouble(); // ties, or none
                positive[i] = rnd.nextDouble() < score[i] * 0.8 + 0.1;
            }
            long pos = 0;
            for (boolean b : positive) {
                pos += b ? 1 : 0;
            }
            long neg = n - pos;
            // AUC: the share of (positive, negative) pairs ranked right, ties counting half
            double wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (positive[i] && !positive[j]) {
                        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    }
                }
            }
            double auc = Ranking.auc(score, positive);
            if (pos == 0 || neg == 0) {
                assertTrue(Double.isNaN(auc));
                assertNull(Ranking.roc(score, positive));
                continue;
            }
            assertEquals(wins / (pos * neg), auc, 1e-12, "trial " + trial);
            // curves: one point per distinct score, from the highest threshold down
            TreeSet<Double> thresholds = new TreeSet<>();
            for (double s : score) {
                thresholds.add(s);
            }
            List<double[]> roc = Ranking.roc(score, positive);
            List<double[]> pr = Ranking.prPoints(score, positive);
            assertEquals(thresholds.size() + 1, roc.size());
            assertEquals(thresholds.size(), pr.size());
            assertArrayEquals(new double[] {0, 0, Double.POSITIVE_INFINITY}, roc.get(0));
            int k = 0;
            for (double t : thresholds.descendingSet()) {
                long tp = 0;
                long fp = 0;
                for (int i = 0; i < n; i++) {
                    if (score[i] >= t) {
                        tp += positive[i] ? 1 : 0;
                        fp += positive[i] ? 0 : 1;
                    }
                }
                assertArrayEquals(new double[] {(double) fp / neg, (double) tp / pos, t}, roc.get(k + 1), 1e-12);
                assertArrayEquals(new double[] {(double) tp / pos, (double) tp / (tp + fp), t}, pr.get(k), 1e-12);
                k++;
            }
        }
    }

    @Test
    void aNaNScoreIsAGroupOfItsOwn() {
        double[] score = {0.2, Double.NaN, 0.8, Double.NaN};
        boolean[] positive = {false, true, true, false};
        assertEquals(5, Ranking.roc(score, positive).size()); // the start, 0.8, 0.2 and each NaN
        assertEquals(4, Ranking.prPoints(score, positive).size());
    }
}
