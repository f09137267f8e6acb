package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import java.util.List;

/**
 * What the .mlx file asks, as run.json records it for the report: the question and scope, the
 * release gates as written, the retraining, serving and feedback plans, and the report's path.
 *
 * @param target   null for clustering without a target
 * @param positive the positive class of a binary target
 * @param retrain  null without a retraining plan
 * @param feedback null without a feedback block
 * @param report   the report statement's path
 * @param described what {@code describe} says each column means, in the data's column order (left
 *                  out when no column is described)
 * @param modelCard the intended use and limitations the scope states (left out when it states neither)
 */
public record ExperimentPlan(String name, @Nullable String question, String task, @Nullable String target,
                             @Nullable String positive, String metric, List<Gate> gates, @Nullable Retrain retrain,
                             Deploy deploy, @Nullable Feedback feedback, @Nullable String report,
                             @JsonShape.OmitIfNull List<Described> described,
                             @JsonShape.OmitIfNull ModelCard modelCard) {
    public ExperimentPlan {
        gates = List.copyOf(gates);
        described = described == null ? null : List.copyOf(described);
    }

    /** A plan whose columns nobody described and whose scope states no intended use or limitation. */
    public ExperimentPlan(String name, String question, String task, String target, String positive, String metric,
                          List<Gate> gates, Retrain retrain, Deploy deploy, Feedback feedback, String report) {
        this(name, question, task, target, positive, metric, gates, retrain, deploy, feedback, report, null, null);
    }

    /**
     * What the model card says beyond the numbers, as the scope states it: what the model is for
     * ({@code intended use}, null when not stated) and its known limitations in the file's order.
     */
    public record ModelCard(@Nullable String intendedUse, List<String> limitations) {
        public ModelCard {
            limitations = List.copyOf(limitations);
        }
    }

    /** A described column: what it means and the unit it is measured in (null: none given). */
    public record Described(String column, String description, @Nullable String unit) {
    }

    /**
     * A release gate as written; a latency gate has {@code metric} "latency", {@code on} the
     * percentile and its threshold in milliseconds.
     */
    public record Gate(String text, String metric, String op, double threshold, @Nullable String on) {
    }

    /** Retrain every so many days and/or when drift passes a threshold; either may be null. */
    public record Retrain(@Nullable Double everyDays, @Nullable Double drift) {
    }

    /** Serving: the port, the policy for unseen categories, and the exports as written. */
    public record Deploy(int port, @Nullable String unknown, List<Export> exports) {
        public Deploy {
            exports = List.copyOf(exports);
        }
    }

    /** An export statement: tribuo or onnx, and its path as written. */
    public record Export(String format, String path) {
    }

    /**
     * The online plan; JDBC passwords in {@code location} are redacted. {@code retrainMargin} is the
     * feedback block's {@code retrain within} (0 when not set); {@code kpi} the business KPI of
     * {@code online METRIC, kpi NAME} (left out when none).
     */
    public record Feedback(String store, @Nullable String location, @Nullable AbTest abtest, @Nullable String onlineMetric,
                           double windowDays, double retrainMargin, @JsonShape.OmitIfNull Kpi kpi) {
        /** A plan without a KPI. */
        public Feedback(String store, String location, AbTest abtest, String onlineMetric, double windowDays, double retrainMargin) {
            this(store, location, abtest, onlineMetric, windowDays, retrainMargin, null);
        }
    }

    /** The business KPI feedback carries per prediction, and whether a higher value is better. */
    public record Kpi(String name, boolean higherIsBetter) {
    }

    /** Champion and challenger, the challenger's share of traffic (0..1), the sticky key, shadow mode. */
    public record AbTest(String champion, String challenger, double challengerShare, @Nullable String stickyBy,
                         boolean shadow) {
    }
}
