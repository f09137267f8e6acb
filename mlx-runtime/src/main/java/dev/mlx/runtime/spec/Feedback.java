package dev.mlx.runtime.spec;

import dev.mlx.catalog.StoreKind;

/**
 * The online plan: where predictions and feedback are stored, an optional A/B test, the online metric.
 */
public record Feedback(StoreKind store, String location, AbTest abtest, String onlineMetric, double windowDays) {
    /** Champion and challenger model names, the challenger's traffic share (0..1), sticky key, shadow mode. */
    public record AbTest(String champion, String challenger, double challengerShare, String stickyBy, boolean shadow) {
    }
}
