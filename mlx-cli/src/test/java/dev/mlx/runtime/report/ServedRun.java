package dev.mlx.runtime.report;

import dev.mlx.runtime.result.DriftResults;
import dev.mlx.runtime.result.OnlineResults;
import dev.mlx.runtime.result.Retraining;
import dev.mlx.runtime.result.RunResult;
import java.util.List;

/**
 * A run as it looks once served and retrained: the penguins run with online results, drift and a
 * retrain decision of the shapes {@code report} and {@code retrain} add (ServedLoopTest checks the
 * real numbers end to end; here the page is what is under test).
 */
final class ServedRun {
    private ServedRun() {
    }

    static RunResult of(RunResult run) {
        OnlineResults online = new OnlineResults("2026-12-01T07:00:00Z", 7, "jdbc:sqlite:fb.db", "macro_f1", "accuracy", null,
                List.of(new OnlineResults.Variant("logistic", "champion", 480, 310, 0.9806, 0.9583, 0.9911, 0.9790),
                        new OnlineResults.Variant("xgb", "challenger", 52, 33, 1.0, 0.8957, 1.0, 1.0)),
                new OnlineResults.Test("two-proportion z-test", 0.0194, -0.0, 0.0347, 0.79, null, 0.43, 0.05), 1512L, 1479L, null,
                "wait", "on the metric, no significant difference yet; about 1479 more labelled predictions per variant needed; "
                        + "on check_minutes, no significant difference yet; about 212 more predictions with a check_minutes per "
                        + "variant needed",
                new OnlineResults.Kpi("check_minutes", false, List.of(
                        new OnlineResults.KpiVariant("logistic", "champion", 301, 4.21, 1267.2, 3.98, 4.44),
                        new OnlineResults.KpiVariant("xgb", "challenger", 31, 3.87, 120.0, 3.31, 4.43)),
                        new OnlineResults.Test("Welch's t-test", -0.34, -0.95, 0.27, -1.12, 36.4, 0.27, 0.05), 243L, 212L, null,
                        "wait", "no significant difference yet; about 212 more predictions with a check_minutes per variant needed"));
        DriftResults drift = new DriftResults("2026-12-01T07:00:00Z", 532, 0.738, null, List.of(
                new DriftResults.Column("island", "category", 532, 0.012, "stable", null, null),
                new DriftResults.Column("beak_length_mm", "number", 530, 0.041, "stable", 0.06, 0.21),
                new DriftResults.Column("flipper_length_mm", "number", 531, 0.13, "moderate", 0.11, 0.003),
                new DriftResults.Column("body_mass_g", "number", 529, 0.738, "major", 0.41, 1e-23),
                new DriftResults.Column("sex", "category", 520, 0.004, "stable", null, null)),
                new DriftResults.Trigger(0.25, true, List.of("body_mass_g")));
        Retraining retrain = new Retraining("2026-12-07T07:00:00Z", "kept", "the new model is not significantly better on macro_f1 "
                + "(no `retrain within` margin is set)", 310, 344, "passed", "xgb", new Retraining.Comparison("logistic", "logistic",
                "champion", "macro_f1", true, 121, 64, 0.9812, 0.9797, -0.0015, -0.0201, 0.0168, 1000, 0, -0.0015, false, false));
        return run.withFeedback(online, drift).withRetrain(retrain);
    }
}
