package dev.mlx.runtime.spec;

import dev.mlx.catalog.StoreKind;

/**
 * The online plan: where predictions and feedback are stored, an optional A/B test, the online
 * metric and its window, and the retrain margin: how much worse than the serving model, in the
 * scope's metric, a retrained model may be and still be promoted (0: it must be significantly better).
 */
public record Feedback(StoreKind store, String location, AbTest abtest, String onlineMetric, double windowDays,
                       double retrainMargin) {
    /** Champion and challenger model names, the challenger's traffic share (0..1), sticky key, shadow mode. */
    public record AbTest(String champion, String challenger, double challengerShare, String stickyBy, boolean shadow) {
    }
}
