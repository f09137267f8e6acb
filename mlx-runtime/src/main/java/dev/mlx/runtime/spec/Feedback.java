package dev.mlx.runtime.spec;

import dev.mlx.catalog.StoreKind;

/**
 * The online plan: where predictions and feedback are stored, an optional A/B test, the online
 * metric and its window, the retrain margin: how much worse than the serving model, in the
 * scope's metric, a retrained model may be and still be promoted (0: it must be significantly
 * better), and the business KPI the feedback carries per prediction (null: none declared).
 * {@code location} is the {@code store}'s path or URL as written, or null when the file names no store:
 * then the store is {@code feedback.db} in the output folder.
 */
public record Feedback(StoreKind store, String location, AbTest abtest, String onlineMetric, double windowDays,
                       double retrainMargin, Kpi kpi) {
    /** A plan without a business KPI. */
    public Feedback(StoreKind store, String location, AbTest abtest, String onlineMetric, double windowDays,
                    double retrainMargin) {
        this(store, location, abtest, onlineMetric, windowDays, retrainMargin, null);
    }

    /**
     * {@code online METRIC, kpi NAME [max|min]}: a business value per prediction (revenue, cost,
     * conversion) that feedback may carry as {@code "kpi"}; variants are judged on its mean, higher
     * better unless {@code min}.
     */
    public record Kpi(String name, boolean higherIsBetter) {
    }

    /** Champion and challenger model names, the challenger's traffic share (0..1), sticky key, shadow mode. */
    public record AbTest(String champion, String challenger, double challengerShare, String stickyBy, boolean shadow) {
    }
}
