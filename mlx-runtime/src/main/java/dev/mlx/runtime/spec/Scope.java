package dev.mlx.runtime.spec;

import dev.mlx.catalog.MeasuredOn;
import dev.mlx.catalog.Percentile;
import dev.mlx.catalog.Task;
import java.util.List;

/**
 * The question: task, target (null for clustering without labels), positive class (binary only),
 * the deciding metric, release gates, the retraining plan (null when none), and what the model card
 * says of the model: its intended use (null when not stated) and its known limitations, in the
 * file's order.
 */
public record Scope(Task task, String target, String positive, String metric, List<Gate> gates, Retrain retrain,
                    String intendedUse, List<String> limitations) {
    public Scope {
        gates = List.copyOf(gates);
        limitations = List.copyOf(limitations);
    }

    /** A scope that states no intended use and no limitations. */
    public Scope(Task task, String target, String positive, String metric, List<Gate> gates, Retrain retrain) {
        this(task, target, positive, metric, gates, retrain, null, List.of());
    }

    /** A release gate; {@code text} is the gate as written. */
    public sealed interface Gate {
        String text();

        CompareOp op();
    }

    /** {@code require METRIC op THRESHOLD on cv|holdout}, checked on the selected model. */
    public record MetricGate(String text, String metric, CompareOp op, double threshold, MeasuredOn on) implements Gate {
    }

    /**
     * {@code require latency PERCENTILE op N ms}: checked on the latency measured for the selected
     * model, and over HTTP by {@code serve --bench}.
     */
    public record LatencyGate(String text, Percentile percentile, CompareOp op, double thresholdMs) implements Gate {
    }

    /** Retrain every {@code everyDays} (null: no schedule) or when drift passes {@code drift} (null: never). */
    public record Retrain(Double everyDays, Double drift) {
    }
}
