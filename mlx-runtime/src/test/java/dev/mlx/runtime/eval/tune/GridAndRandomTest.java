package dev.mlx.runtime.eval.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.SearchMethod;
import dev.mlx.runtime.spec.Tune;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class GridAndRandomTest {
    private static final Space.Dimension DEPTH = Space.Dimension.range("max_depth", 1, 8, false, true);
    private static final Space.Dimension RATE = Space.Dimension.range("eta", 0.001, 1, true, false);
    private static final Space.Dimension KERNEL = Space.Dimension.choices("kernel", List.of("rbf", "linear"));

    @Test
    void aGridLargeEnoughHoldsEveryCornerOnceWithWholeDepthsAndGeometricRates() {
        Space space = new Space(List.of(DEPTH, RATE, KERNEL));
        List<Map<String, Object>> grid = Grid.configurations(space, 1000, 7);
        assertEquals(grid.size(), new HashSet<>(grid).size(), "no configuration twice");
        for (long depth : new long[] {1, 8}) {
            for (double rate : new double[] {0.001, 1}) {
                for (String kernel : List.of("rbf", "linear")) {
                    assertTrue(grid.contains(Map.of("max_depth", depth, "eta", rate, "kernel", kernel)),
                            "corner " + depth + ", " + rate + ", " + kernel);
                }
            }
        }
        Set<Long> depths = new TreeSet<>();
        TreeSet<Double> rates = new TreeSet<>();
        for (Map<String, Object> c : grid) {
            depths.add((Long) assertInstanceOf(Long.class, c.get("max_depth")));
            rates.add((Double) assertInstanceOf(Double.class, c.get("eta")));
        }
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), depths, "a whole-number range stops at its whole numbers");
        assertTrue(rates.size() > 8, "the real range keeps growing to fill the budget: " + rates.size());
        List<Double> r = new ArrayList<>(rates);
        double ratio = r.get(1) / r.get(0);
        for (int i = 1; i < r.size(); i++) {
            assertEquals(ratio, r.get(i) / r.get(i - 1), 1e-9, "log ranges are spaced geometrically");
        }
    }

    @Test
    void aLogIntegerRangeIsRoundedAndDeduplicated() {
        Space space = new Space(List.of(Space.Dimension.range("trees", 10, 1000, true, true)));
        List<Map<String, Object>> grid = Grid.configurations(space, 5, 1);
        List<Long> trees = grid.stream().map(c -> (Long) c.get("trees")).sorted().toList();
        assertEquals(List.of(10L, 32L, 100L, 316L, 1000L), trees);
    }

    @Test
    void aGridLargerThanTheBudgetIsCutInASeededOrder() {
        Space space = new Space(List.of(RATE, KERNEL));
        List<Map<String, Object>> a = Grid.configurations(space, 10, 3);
        assertEquals(10, a.size());
        assertEquals(10, new HashSet<>(a).size());
        assertEquals(a, Grid.configurations(space, 10, 3), "same seed, same order");
        assertNotEquals(a, Grid.configurations(space, 10, 4), "another seed, another order");
    }

    @Test
    void aSmallGridIsTriedOnceEach() {
        Space space = Space.of(List.of(new Tune.Choices("trees", List.of(100.0, 300.0, 500.0)),
                new Tune.Choices("max_depth", List.of(8.0, 16.0, 32.0))), Catalog.get().model("forest"));
        List<Trial> trials = Search.run(space, SearchMethod.GRID, 20, 5, true, 1, (p, s) -> List.of(0.0), t -> { });
        assertEquals(9, trials.size());
        assertEquals(9, trials.stream().map(Trial::params).distinct().count());
        assertInstanceOf(Long.class, trials.get(0).params().get("trees"), "the plan's Double choices become integers");
    }

    @Test
    void randomSearchStaysInsideTheRangesAndSamplesThemEvenly() {
        Space space = new Space(List.of(DEPTH, Space.Dimension.range("alpha", 0.5, 2, true, false), KERNEL));
        ConcurrentLinkedQueue<Map<String, Object>> seen = new ConcurrentLinkedQueue<>();
        List<Trial> trials = Search.run(space, SearchMethod.RANDOM, 400, 9, true, 2, (p, s) -> {
            seen.add(p);
            return List.of(0.0);
        }, t -> { });
        assertEquals(400, trials.size());
        assertEquals(400, seen.size());
        int[] depthCounts = new int[9];
        int belowGeometricMean = 0;
        int rbf = 0;
        for (Trial t : trials) {
            long depth = (Long) t.params().get("max_depth");
            double alpha = (Double) t.params().get("alpha");
            assertTrue(depth >= 1 && depth <= 8, "depth " + depth);
            assertTrue(alpha >= 0.5 && alpha <= 2, "alpha " + alpha);
            depthCounts[(int) depth]++;
            belowGeometricMean += alpha < 1 ? 1 : 0;
            rbf += t.params().get("kernel").equals("rbf") ? 1 : 0;
        }
        for (int d = 1; d <= 8; d++) {
            assertTrue(depthCounts[d] > 25 && depthCounts[d] < 75, "each whole number about 50 times: " + d + " " + depthCounts[d]);
        }
        assertTrue(belowGeometricMean > 160 && belowGeometricMean < 240, "log-uniform: half below 1, got " + belowGeometricMean);
        assertTrue(rbf > 160 && rbf < 240, "choices uniform: " + rbf);
    }

    @Test
    void aFiniteSpaceIsNeverSearchedTwiceAndStopsWhenExhausted() {
        Space space = new Space(List.of(Space.Dimension.range("k", 1, 5, false, true), KERNEL));
        for (SearchMethod search : List.of(SearchMethod.RANDOM, SearchMethod.TPE)) {
            List<Trial> trials = Search.run(space, search, 30, 2, true, 2,
                    (p, s) -> List.of(((Long) p.get("k")).doubleValue()), t -> { });
            assertEquals(10, trials.size(), search.word());
            assertEquals(10, trials.stream().map(Trial::params).distinct().count(), search.word());
        }
    }
}
