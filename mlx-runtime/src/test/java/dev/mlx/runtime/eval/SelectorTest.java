package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.MeasuredOn;
import dev.mlx.catalog.Percentile;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.eval.EvaluationResult.Comparison;
import dev.mlx.runtime.eval.EvaluationResult.Gate;
import dev.mlx.runtime.eval.EvaluationResult.Latency;
import dev.mlx.runtime.eval.EvaluationResult.Selection;
import dev.mlx.runtime.spec.CompareOp;
import dev.mlx.runtime.spec.Evaluate;
import dev.mlx.runtime.spec.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
    /** A model with CV folds and a holdout value of one metric. */
    static ModelResult model(String name, int complexity, String metric, double holdout, double... folds) {
        ModelResult r = new ModelResult(name, name, complexity);
        java.util.List<Double> values = java.util.Arrays.stream(folds).boxed().toList();
        if (folds.length > 0) {
            r.cv.put(metric, Evaluator.summary(values));
        }
        r.holdout = new java.util.LinkedHashMap<>(Map.of(metric, holdout));
        return r;
    }

    private static List<ModelResult> ladder() {
        return List.of(model("baseline", 0, "f1", 0.4, 0.5, 0.5, 0.5),
                model("logistic", 10, "f1", 0.88, 0.89, 0.89, 0.896),   // mean 0.892
                model("forest", 40, "f1", 0.89, 0.893, 0.893, 0.893),
                model("xgb", 50, "f1", 0.91, 0.90, 0.90, 0.90));
    }

    @Test
    void bestTakesTheBestMean() {
        Selection s = Selector.select(ladder(), "f1", Evaluate.Rule.BEST, 0.01, "cv", true);
        assertEquals("xgb", s.best());
        assertEquals("xgb", s.selected());
        assertEquals("xgb", Selector.select(ladder(), "f1", Evaluate.Rule.BEST, 0, "holdout", true).selected());
    }

    @Test
    void simplestWithinTolerance() {
        // 1% of 0.90 leaves 0.891: logistic (0.892) is in, and simpler than forest
        Selection s = Selector.select(ladder(), "f1", Evaluate.Rule.SIMPLEST, 0.01, "cv", true);
        assertEquals("xgb", s.best());
        assertEquals("logistic", s.selected());
        assertTrue(s.reason().contains("xgb"), s.reason());
        // 0.5% leaves 0.8955: neither forest (0.893) nor logistic is in, xgb stays
        assertEquals("xgb", Selector.select(ladder(), "f1", Evaluate.Rule.SIMPLEST, 0.005, "cv", true).selected());
        // 0.8% leaves 0.8928: forest (0.893) is in, logistic (0.892) is out
        assertEquals("forest", Selector.select(ladder(), "f1", Evaluate.Rule.SIMPLEST, 0.008, "cv", true).selected());
    }

    @Test
    void lowerIsBetterMetrics() {
        List<ModelResult> models = List.of(model("linear", 10, "rmse", 10.05, 10.05, 10.05),
                model("xgb", 50, "rmse", 10.0, 10.0, 10.0));
        assertEquals("xgb", Selector.select(models, "rmse", Evaluate.Rule.BEST, 0.01, "cv", false).selected());
        assertEquals("linear", Selector.select(models, "rmse", Evaluate.Rule.SIMPLEST, 0.01, "cv", false).selected());
        assertEquals("xgb", Selector.select(models, "rmse", Evaluate.Rule.SIMPLEST, 0.001, "cv", false).selected());
    }

    @Test
    void failedAndUnscoredModelsCannotWin() {
        ModelResult failed = model("svm", 55, "f1", 0.99, 0.99, 0.99);
        failed.error = "boom";
        ModelResult noProbs = model("cart", 30, "auc", Double.NaN, Double.NaN, Double.NaN);
        List<ModelResult> models = List.of(model("logistic", 10, "f1", 0.8, 0.8, 0.8), failed);
        assertEquals("logistic", Selector.select(models, "f1", Evaluate.Rule.BEST, 0, "cv", true).selected());
        assertThrows(RunException.class, () -> Selector.select(List.of(noProbs), "auc", Evaluate.Rule.BEST, 0, "cv", true));
    }

    @Test
    void pairedComparisonOverFolds() {
        ModelResult a = model("a", 10, "f1", 0.9, 0.7, 0.8, 0.9);
        ModelResult b = model("b", 10, "f1", 0.8, 0.6, 0.6, 0.6);
        Comparison c = Selector.compare(a, b, "f1", "cv");
        assertEquals("b", c.against());
        assertEquals(0.2, c.difference(), 1e-12);
        assertEquals(0.1, c.sd(), 1e-12);
        assertEquals(0.2 / (0.1 / Math.sqrt(3)), c.t(), 1e-9);
        assertEquals(3, c.folds());
        Comparison h = Selector.compare(a, b, "f1", "holdout");
        assertEquals(0.1, h.difference(), 1e-12);
        assertNull(h.t());
        assertNull(Selector.compare(a, a, "f1", "cv"));
    }

    @Test
    void gatesOnCvHoldoutAndLatency() {
        ModelResult m = model("logistic", 10, "f1", 0.85, 0.9, 0.92, 0.94);
        m.latency = new Latency(0.5, 0.8, 0.9, 2.5, 0.6, 200);
        List<Gate> gates = Gates.check(List.of(
                new Scope.MetricGate("f1 >= 0.9 on cv", "f1", CompareOp.GE, 0.9, MeasuredOn.CV),
                new Scope.MetricGate("f1 >= 0.9 on holdout", "f1", CompareOp.GE, 0.9, MeasuredOn.HOLDOUT),
                new Scope.LatencyGate("latency p99 < 2 ms", Percentile.P99, CompareOp.LT, 2),
                new Scope.LatencyGate("latency p50 < 2 ms", Percentile.P50, CompareOp.LT, 2),
                new Scope.MetricGate("auc >= 0.8 on cv", "auc", CompareOp.GE, 0.8, MeasuredOn.CV)), m);
        assertTrue(gates.get(0).passed());
        assertEquals(0.92, gates.get(0).observed(), 1e-12);
        assertFalse(gates.get(1).passed());
        assertEquals(0.85, gates.get(1).observed(), 1e-12);
        assertFalse(gates.get(2).passed());
        assertEquals(2.5, gates.get(2).observed(), 1e-12);
        assertTrue(gates.get(3).passed());
        assertFalse(gates.get(4).passed());
        assertNull(gates.get(4).observed());
        assertTrue(gates.get(4).note().contains("not computed"), gates.get(4).note());
        ModelResult holdoutOnly = model("logistic", 10, "f1", 0.95);
        Gate g = Gates.check(List.of(new Scope.MetricGate("f1 >= 0.9 on cv", "f1", CompareOp.GE, 0.9, MeasuredOn.CV)),
                holdoutOnly).get(0);
        assertFalse(g.passed());
        assertTrue(g.note().contains("no cross-validation ran"), g.note());
    }
}
