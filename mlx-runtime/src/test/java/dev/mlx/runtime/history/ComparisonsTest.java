package dev.mlx.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.RunComparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a change of a metric between two runs is better, worse or within noise. */
class ComparisonsTest {
    static Evaluation.ModelScores model(String name, double mean, double sd, double holdout) {
        return new Evaluation.ModelScores(name, "logistic", 1, true, null,
                Map.of("accuracy", new Evaluation.CvSummary(mean, sd, List.of()), "mae", new Evaluation.CvSummary(mean, sd, List.of())),
                Map.of("accuracy", holdout), null, null, null, null, null, null, null, null, null, List.of(), null, null, null, null,
                null);
    }

    static Evaluation evaluation(List<Evaluation.ModelScores> models) {
        return new Evaluation("classification", "accuracy", true, List.of("accuracy", "mae"), 1,
                new Evaluation.CrossValidation(5, true, List.of()), null, null, 100, 20, models,
                new Evaluation.Selection("best", "accuracy", "cv", true, null, "a", "a", null), List.of(), true, List.of(), null);
    }

    static RunComparison.MetricChange find(List<RunComparison.MetricChange> changes, String model, String metric, String on) {
        return changes.stream().filter(c -> c.model().equals(model) && c.metric().equals(metric) && c.on().equals(on)).findFirst()
                .orElseThrow();
    }

    @Test
    void aChangeBeyondTwoStandardErrorsIsBetterOrWorseByTheMetricsDirection() {
        // sd 0.02 in both runs over 5 folds: noise = 2 * sqrt(0.0008 / 5) = 0.0253
        List<RunComparison.MetricChange> c = Comparisons.metrics(evaluation(List.of(model("a", 0.80, 0.02, 0.80))),
                evaluation(List.of(model("a", 0.85, 0.02, 0.81))));
        RunComparison.MetricChange acc = find(c, "a", "accuracy", "cv");
        assertEquals(0.0253, acc.noise(), 1e-4);
        assertEquals("better", acc.verdict());
        assertEquals("worse", find(c, "a", "mae", "cv").verdict(), "a larger error is worse");
        // the holdout moved 0.01 against a noise of 2 * 0.02
        RunComparison.MetricChange holdout = find(c, "a", "accuracy", "holdout");
        assertEquals(0.04, holdout.noise(), 1e-9);
        assertEquals("within noise", holdout.verdict());
    }

    @Test
    void smallChangesAreNoiseAndModelsOnOneSideAreNewOrGone() {
        List<RunComparison.MetricChange> c = Comparisons.metrics(
                evaluation(List.of(model("a", 0.80, 0.05, 0.8), model("old", 0.7, 0.01, 0.7))),
                evaluation(List.of(model("a", 0.82, 0.05, 0.8), model("fresh", 0.9, 0.01, 0.9))));
        assertEquals("within noise", find(c, "a", "accuracy", "cv").verdict());
        assertEquals("same", find(c, "a", "accuracy", "holdout").verdict());
        assertEquals("new", find(c, "fresh", "accuracy", "cv").verdict());
        assertEquals("gone", find(c, "old", "accuracy", "holdout").verdict());
        assertEquals(List.of("a", "fresh", "old"), c.stream().map(RunComparison.MetricChange::model).distinct().toList(),
                "the later run's models first");
    }

    @Test
    void onlyParametersThatDifferAreListed() {
        Map<String, Double> before = new java.util.LinkedHashMap<>();
        before.put("seed", 42.0);
        before.put("folds", 5.0);
        Map<String, Double> after = new java.util.LinkedHashMap<>();
        after.put("folds", 5.0);
        after.put("seed", 7.0);
        after.put("extra", 1.0);
        assertEquals(List.of(new RunComparison.ParameterChange("seed", 42.0, 7.0), new RunComparison.ParameterChange("extra", null,
                1.0)), Comparisons.parameters(before, after));
    }
}
