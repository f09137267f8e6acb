package dev.mlx.runtime.spec;

import java.util.List;

/**
 * One experiment, fully resolved: what the generated program hands to {@link dev.mlx.runtime.Runner}.
 * Paths are as written in the .mlx file, relative to {@code baseDir} of the run.
 */
public record Experiment(String name, String question, Source source, Scope scope, Data data, Review review,
                         List<Check> checks, List<Step> features, Inspect inspect, List<Model> models,
                         List<Tune> tunes, Evaluate evaluate, Explain explain, Deploy deploy, Feedback feedback,
                         String report, long seed) {
    public Experiment {
        checks = List.copyOf(checks);
        features = List.copyOf(features);
        models = List.copyOf(models);
        tunes = List.copyOf(tunes);
    }

    /** The .mlx file the experiment was compiled from. */
    public record Source(String fileName, String text, String sha256, String mlxVersion) {
    }
}
