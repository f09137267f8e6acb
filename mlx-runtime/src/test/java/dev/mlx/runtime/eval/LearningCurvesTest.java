package dev.mlx.runtime.eval;

import static dev.mlx.runtime.eval.EvaluatorTest.m;
import static dev.mlx.runtime.eval.EvaluatorTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.TestData;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.spec.Evaluate;
import dev.mlx.runtime.spec.Experiment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class LearningCurvesTest {
    private static final List<String> X = List.of("x1", "x2", "x3");

    private static Evaluation.CurvePoint point(double size, int rows, double... folds) {
        List<Double> values = new ArrayList<>();
        for (double v : folds) {
            values.add(v);
        }
        EvaluationResult.Summary s = Evaluator.summary(values);
        return new Evaluation.CurvePoint(size, rows, s.mean(), s.sd(), values);
    }

    private static Evaluation.LearningCurve judge(boolean higher, double[]... byFold) {
        List<Evaluation.CurvePoint> points = new ArrayList<>();
        double[] sizes = {0.25, 0.5, 0.75, 1.0};
        for (int s = 0; s < byFold.length; s++) {
            points.add(point(sizes[s], 100 * (s + 1), byFold[s]));
        }
        return LearningCurves.verdict("m", higher ? "accuracy" : "rmse", higher, byFold[0].length, points, byFold);
    }

    @Test
    void aCurveStillRisingClearlyInEveryFoldSaysMoreDataHelps() {
        Evaluation.LearningCurve c = judge(true, new double[] {0.70, 0.72, 0.69}, new double[] {0.78, 0.80, 0.77},
                new double[] {0.84, 0.85, 0.83});
        assertTrue(c.moreDataHelps(), c.verdict());
        assertEquals(0.0567, c.gain(), 1e-3);
        assertTrue(c.verdict().startsWith("more data would likely help: from 50% to 75% of the training rows"), c.verdict());
    }

    @Test
    void aGainWithinTheFoldsSpreadIsAFlatCurve() {
        // the mean rises by 0.005, but one fold falls by more than that: noise, not a trend
        Evaluation.LearningCurve c = judge(true, new double[] {0.80, 0.90, 0.85}, new double[] {0.85, 0.88, 0.87},
                new double[] {0.87, 0.86, 0.885});
        assertFalse(c.moreDataHelps(), c.verdict());
        assertTrue(c.verdict().startsWith("more data would likely not help much"), c.verdict());
        assertTrue(c.gainSe() > c.gain() / 2, "the spread is what decided");
    }

    @Test
    void aTinyButSteadyGainIsStillFlat() {
        Evaluation.LearningCurve c = judge(true, new double[] {0.9000, 0.9001, 0.9002}, new double[] {0.9010, 0.9011, 0.9012});
        assertFalse(c.moreDataHelps(), "a gain of 0.001 on 0.9 is below half a percent: " + c.verdict());
    }

    @Test
    void aFlatCurveSaysTheMetricDidNotChangeRatherThanRoseByZero() {
        Evaluation.LearningCurve c = judge(true, new double[] {0.95, 0.96, 0.97}, new double[] {0.95, 0.96, 0.97});
        assertFalse(c.moreDataHelps(), c.verdict());
        assertTrue(c.verdict().contains("accuracy did not change on average"), c.verdict());
        assertFalse(c.verdict().contains("0.0000 ("), c.verdict());
    }

    @Test
    void forAnErrorMetricFallingIsTheGain() {
        Evaluation.LearningCurve falling = judge(false, new double[] {9.0, 9.5, 8.8}, new double[] {6.0, 6.4, 5.9});
        assertTrue(falling.moreDataHelps(), falling.verdict());
        assertTrue(falling.gain() > 0, "signed so that positive is better");
        assertTrue(falling.verdict().contains("rmse fell by"), falling.verdict());
        Evaluation.LearningCurve rising = judge(false, new double[] {6.0, 6.4, 5.9}, new double[] {9.0, 9.5, 8.8});
        assertFalse(rising.moreDataHelps(), rising.verdict());
    }

    @Test
    void oneSizeOrUnscoredFoldsGiveNoVerdict() {
        Evaluation.LearningCurve one = judge(true, new double[] {0.7, 0.8});
        assertFalse(one.moreDataHelps());
        assertNull(one.gain());
        Evaluation.LearningCurve unscored = judge(true, new double[] {0.7, Double.NaN, Double.NaN},
                new double[] {Double.NaN, 0.8, Double.NaN});
        assertFalse(unscored.moreDataHelps());
        assertTrue(unscored.verdict().startsWith("cannot judge"), unscored.verdict());
    }

    @Test
    void everyPrefixOfTheOrderHoldsEachClassInItsShare() {
        int[] rows = new int[100];
        String[] strata = new String[100];
        for (int i = 0; i < 100; i++) {
            rows[i] = i;
            strata[i] = i % 5 == 0 ? "rare" : "common"; // 20% rare
        }
        int[] order = LearningCurves.order(rows, strata, 7);
        for (int prefix : new int[] {10, 25, 50}) {
            long rare = 0;
            for (int i = 0; i < prefix; i++) {
                rare += strata[order[i]].equals("rare") ? 1 : 0;
            }
            assertEquals(prefix * 0.2, rare, 1.0, "rare rows among the first " + prefix);
        }
        Set<Integer> all = new HashSet<>();
        for (int r : order) {
            all.add(r);
        }
        assertEquals(100, all.size(), "a permutation of the rows");
        int[] again = LearningCurves.order(rows, strata, 7);
        assertEquals(java.util.Arrays.toString(order), java.util.Arrays.toString(again), "seeded");
    }

    @Test
    void theEvaluatorDrawsTheSelectedModelsCurveOnSharesOfTheTrainingRowsOnly() {
        Table all = TestData.classification(160, 2, 5);
        Table train = all.inRange(0, 120);
        Table test = all.inRange(120, 160);
        Set<Integer> trainIds = new HashSet<>();
        for (int i = 0; i < train.rowCount(); i++) {
            trainIds.add(train.intColumn("id").get(i));
        }
        List<Integer> fittedSizes = Collections.synchronizedList(new ArrayList<>());
        Function<Table, FittedPipeline> base = TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION);
        Function<Table, FittedPipeline> recording = t -> {
            for (int i = 0; i < t.rowCount(); i++) {
                assertTrue(trainIds.contains(t.intColumn("id").get(i)), "a holdout row reached the curve");
            }
            fittedSizes.add(t.rowCount());
            return base.apply(t);
        };
        Evaluate evaluate = new Evaluate(4, true, List.of("accuracy"), Evaluate.Rule.BEST, 0.01, "accuracy", List.of(),
                new Evaluate.LearningCurve(List.of(0.25, 0.5, 1.0), "accuracy", 3));
        Experiment e = spec(Task.CLASSIFICATION, "label", null, "accuracy", List.of(),
                List.of(m("baseline", "baseline", Map.of()), m("logistic", "logistic", Map.of())), evaluate);
        Evaluation result = Evaluator.evaluate(e, train, test, recording).toResult();
        Evaluation.LearningCurve c = result.learningCurve();
        assertNotNull(c);
        assertEquals("logistic", c.model(), "the curve is of the selected model");
        assertEquals(3, c.folds());
        assertEquals(List.of(0.25, 0.5, 1.0), c.points().stream().map(Evaluation.CurvePoint::size).toList());
        assertEquals(List.of(20, 40, 80), c.points().stream().map(Evaluation.CurvePoint::trainRows).toList(),
                "shares of each fold's 80 training rows");
        for (int rows : List.of(20, 40, 80)) {
            assertEquals(3, Collections.frequency(fittedSizes, rows), "one pipeline per fold fitted on " + rows + " rows");
        }
        for (Evaluation.CurvePoint p : c.points()) {
            assertEquals(3, p.folds().size());
            assertNotNull(p.mean());
        }
        assertTrue(c.points().get(2).mean() > 0.9, "two well-separated blobs: " + c.points());
        assertNotNull(c.gain());
        assertTrue(RunJson.text(result).contains("\"learning_curve\""), "written to run.json");
        // the same seed gives the same curve
        Evaluation again = Evaluator.evaluate(e, train, test, base).toResult();
        assertEquals(c, again.learningCurve());
    }

    @Test
    void noCurveUnlessAskedFor() {
        Table all = TestData.classification(90, 2, 5);
        Experiment e = spec(Task.CLASSIFICATION, "label", null, "accuracy", List.of(), List.of(m("logistic", "logistic", Map.of())),
                new Evaluate(3, true, List.of("accuracy"), Evaluate.Rule.BEST, 0.01, "accuracy", List.of()));
        Evaluation result = Evaluator.evaluate(e, all.inRange(0, 60), all.inRange(60, 90),
                TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION)).toResult();
        assertNull(result.learningCurve());
        assertFalse(RunJson.text(result).contains("learning_curve"));
    }
}
