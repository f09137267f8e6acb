package dev.mlx.runtime.eval.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.SearchMethod;
import dev.mlx.runtime.base.RunException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samplers on a function, not on models: fast, and the optimum is known. */
class SearchTest {
    /** x in 0..1 and rate in 1e-4..1 (log); the optimum is x = 0.7, rate = 0.01. */
    private static final Space SPACE = new Space(List.of(Space.Dimension.range("x", 0, 1, false, false),
            Space.Dimension.range("rate", 1e-4, 1, true, false), Space.Dimension.choices("mode", List.of("a", "b", "c"))));

    /** Distance from the optimum in unit coordinates (log scale for rate), plus 0.5 off the right mode. */
    private static double distance(Map<String, Object> p) {
        double dx = (Double) p.get("x") - 0.7;
        double dr = (Math.log10((Double) p.get("rate")) + 2) / 4;
        return Math.sqrt(dx * dx + dr * dr) + (p.get("mode").equals("b") ? 0 : 0.5);
    }

    /** Higher is better, with a noise-free score per "fold". */
    private static final Search.Objective OBJECTIVE = (p, seed) -> List.of(-distance(p), -distance(p));

    @Test
    void theSameSeedGivesTheSameTrialsAndBest() {
        for (SearchMethod search : SearchMethod.values()) {
            List<Trial> a = Search.run(SPACE, search, 24, 42, true, 2, OBJECTIVE, t -> { });
            List<Trial> b = Search.run(SPACE, search, 24, 42, true, 2, OBJECTIVE, t -> { });
            assertSame(a, b, search.word());
            assertEquals(Search.best(a, true).number(), Search.best(b, true).number(), search.word());
            List<Trial> c = Search.run(SPACE, search, 24, 43, true, 2, OBJECTIVE, t -> { });
            assertNotEquals(a.stream().map(Trial::params).toList(), c.stream().map(Trial::params).toList(),
                    search + ": another seed, other trials");
        }
    }

    @Test
    void parallelTrialsEqualSequentialOnes() {
        for (SearchMethod search : SearchMethod.values()) {
            List<Trial> one = Search.run(SPACE, search, 30, 5, true, 1, OBJECTIVE, t -> { });
            List<Trial> four = Search.run(SPACE, search, 30, 5, true, 4, OBJECTIVE, t -> { });
            assertSame(one, four, search.word());
        }
    }

    @Test
    void progressHearsOfEveryTrialInOrder() {
        List<Integer> heard = new java.util.ArrayList<>();
        Search.run(SPACE, SearchMethod.TPE, 13, 5, true, 3, OBJECTIVE, t -> heard.add(t.number()));
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 13).boxed().toList(), heard);
    }

    @Test
    void tpeConcentratesNearTheOptimum() {
        double tpeLate = 0;
        double randomLate = 0;
        double tpeBest = 0;
        double randomBest = 0;
        int seeds = 4;
        for (long seed = 1; seed <= seeds; seed++) {
            List<Trial> tpe = Search.run(SPACE, SearchMethod.TPE, 60, seed, true, 2, OBJECTIVE, t -> { });
            List<Trial> random = Search.run(SPACE, SearchMethod.RANDOM, 60, seed, true, 2, OBJECTIVE, t -> { });
            tpeLate += lateDistance(tpe) / seeds;
            randomLate += lateDistance(random) / seeds;
            tpeBest += -Search.best(tpe, true).mean() / seeds;
            randomBest += -Search.best(random, true).mean() / seeds;
        }
        assertTrue(tpeLate < 0.5 * randomLate, "tpe's last 20 trials are near the optimum: " + tpeLate + " vs random " + randomLate);
        assertTrue(tpeBest < 0.6 * randomBest, "tpe's best is closer than random's: " + tpeBest + " vs " + randomBest);
    }

    /** Mean distance from the optimum of the last 20 trials. */
    private static double lateDistance(List<Trial> trials) {
        return trials.subList(trials.size() - 20, trials.size()).stream().mapToDouble(t -> distance(t.params())).average().orElseThrow();
    }

    @Test
    void lowerIsBetterWhenTheMetricSaysSo() {
        Search.Objective loss = (p, seed) -> List.of(distance(p));
        List<Trial> trials = Search.run(SPACE, SearchMethod.RANDOM, 30, 8, false, 2, loss, t -> { });
        Trial best = Search.best(trials, false);
        assertEquals(trials.stream().mapToDouble(Trial::mean).min().orElseThrow(), best.mean());
    }

    @Test
    void aFailingTrialIsRecordedAndNeverBest() {
        Search.Objective flaky = (p, seed) -> {
            if ((Double) p.get("x") > 0.5) {
                throw new RunException("x too large");
            }
            return List.of(1.0 + (Double) p.get("x"), Double.NaN);
        };
        List<Trial> trials = Search.run(SPACE, SearchMethod.TPE, 20, 3, true, 2, flaky, t -> { });
        assertEquals(20, trials.size());
        assertTrue(trials.stream().anyMatch(t -> "x too large".equals(t.error())));
        Trial best = Search.best(trials, true);
        assertNotNull(best);
        assertNull(best.error());
        assertTrue((Double) best.params().get("x") <= 0.5);
        assertEquals(0, best.sd(), "one fold could be scored: its mean and sd 0");
        assertNull(Search.best(Search.run(SPACE, SearchMethod.RANDOM, 3, 3, true, 1, (p, s) -> List.of(Double.NaN), t -> { }), true),
                "nothing scored, no best");
    }

    private static void assertSame(List<Trial> a, List<Trial> b, String what) {
        assertEquals(a.size(), b.size(), what);
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).sameOutcome(b.get(i)), what + ": trial " + (i + 1) + "\n" + a.get(i) + "\n" + b.get(i));
        }
    }
}
