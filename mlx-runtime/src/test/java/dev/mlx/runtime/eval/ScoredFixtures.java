package dev.mlx.runtime.eval;

import java.util.List;

/** Predictions built by hand, for metric tests. */
final class ScoredFixtures {
    private ScoredFixtures() {
    }

    static Scored classification(String[] actual, String[] predicted, double[][] probs, List<String> classes) {
        return Scored.ofArrays(actual, predicted, probs, classes);
    }
}
