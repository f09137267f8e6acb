package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An engine's counts give the local engine's numbers: the same formulas, fed by a confusion matrix or sums. */
class CountMetricsTest {
    private static final List<String> NAMES = List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1",
            "macro_f1", "weighted_f1", "macro_precision", "macro_recall");

    @Test
    void aConfusionMatrixGivesTheRowsMetrics() {
        Random random = new Random(5);
        List<String> classes = List.of("a", "b", "c");
        for (String positive : new String[] {null}) {
            String[] actual = new String[500];
            String[] predicted = new String[500];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = classes.get(random.nextInt(3));
                predicted[i] = random.nextDouble() < 0.7 ? actual[i] : classes.get(random.nextInt(3));
            }
            ClassificationMetrics rows = new ClassificationMetrics(actual, predicted, classes);
            Map<String, Double> counted = CountMetrics.classification(rows.confusion, classes, positive, NAMES);
            for (String m : NAMES) {
                assertEquals(Metrics.fromConfusion(rows, m, -1), counted.get(m), 0.0, m);
            }
        }
    }

    @Test
    void binaryMetricsAreThePositiveClasss() {
        List<String> classes = List.of("no", "yes");
        int[][] confusion = {{50, 10}, {5, 35}};
        Map<String, Double> m = CountMetrics.classification(confusion, classes, "yes", List.of("precision", "recall", "f1",
                "macro_f1", "auc"));
        assertEquals(35.0 / 45, m.get("precision"), 1e-15);
        assertEquals(35.0 / 40, m.get("recall"), 1e-15);
        assertEquals(2 * (35.0 / 45) * (35.0 / 40) / (35.0 / 45 + 35.0 / 40), m.get("f1"), 1e-15);
        assertEquals(false, m.containsKey("auc"), "AUC needs scores, not counts");
    }

    @Test
    void sumsGiveTheRegressionMetrics() {
        double[] y = {1, 2, 3, 0, 5.5};
        double[] yhat = {1.5, 1.5, 2, 0.5, 5};
        double se = 0;
        double ae = 0;
        double sy = 0;
        double sy2 = 0;
        double ape = 0;
        long nz = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - yhat[i];
            se += e * e;
            ae += Math.abs(e);
            sy += y[i];
            sy2 += y[i] * y[i];
            if (y[i] != 0) {
                ape += Math.abs(e / y[i]);
                nz++;
            }
        }
        Map<String, Double> m = CountMetrics.regression(new CountMetrics.RegressionSums(y.length, se, ae, sy, sy2, ape, nz),
                List.of("mse", "rmse", "mae", "r2", "mape"));
        for (String name : m.keySet()) {
            assertEquals(RegressionMetrics.value(name, y, yhat), m.get(name), 1e-12, name);
        }
    }
}
