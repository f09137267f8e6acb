package dev.mlx.runtime.features;

import dev.mlx.runtime.result.FeaturesLearned;
import java.util.List;

/** {@code drop}: removes columns (absent ones too: a table to predict need not carry them). */
final class Drop implements FittedStep {
    private static final long serialVersionUID = 1L;
    private final String[] columns;

    Drop(List<String> columns) {
        this.columns = columns.toArray(String[]::new);
    }

    @Override
    public void apply(Frame frame) {
        for (String c : columns) {
            frame.remove(c);
        }
    }

    @Override
    public FeaturesLearned.Step describe() {
        return new FeaturesLearned.Drop("drop", List.of(columns));
    }
}
