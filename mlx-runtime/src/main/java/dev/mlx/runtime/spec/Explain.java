package dev.mlx.runtime.spec;

import dev.mlx.catalog.ImportanceMethod;
import java.util.List;

/**
 * Accountability requests. {@code importance} null: none; {@code lime} null: no LIME, else which
 * holdout rows it explains ({@code limeCount} of them, or the 1-based {@code limeRows}).
 */
public record Explain(ImportanceMethod importance, int top, Lime lime, int limeCount, List<Integer> limeRows,
                      List<String> dependence) {
    public Explain {
        limeRows = List.copyOf(limeRows);
        dependence = List.copyOf(dependence);
    }

    /** Which rows LIME explains. */
    public enum Lime {
        /** {@code lime N examples}: the first N holdout rows. */
        FIRST,
        /** {@code lime rows 1, 7}: the rows listed. */
        ROWS,
        /** {@code lime N uncertain}: the N rows the model is least sure of. */
        UNCERTAIN
    }
}
