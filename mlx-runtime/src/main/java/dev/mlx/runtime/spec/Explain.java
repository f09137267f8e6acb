package dev.mlx.runtime.spec;

import java.util.List;

/**
 * Accountability requests. {@code importance} is permutation or model (null: none); {@code lime}
 * is first, rows or uncertain (null: none).
 */
public record Explain(String importance, int top, String lime, int limeCount, List<Integer> limeRows,
                      List<String> dependence) {
    public Explain {
        limeRows = List.copyOf(limeRows);
        dependence = List.copyOf(dependence);
    }
}
