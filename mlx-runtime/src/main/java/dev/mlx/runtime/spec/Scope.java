package dev.mlx.runtime.spec;

import dev.mlx.catalog.Task;
import java.util.List;

/**
 * The question: task, target (null for clustering without labels), positive class (binary only),
 * the deciding metric, release gates and the retraining plan (null when none).
 */
public record Scope(Task task, String target, String positive, String metric, List<Gate> gates, Retrain retrain) {
    public Scope {
        gates = List.copyOf(gates);
    }

    /**
     * A release gate: {@code metric op threshold on evaluation}, where evaluation is "cv" or
     * "holdout"; or a latency gate when {@code percentile} is set (threshold in milliseconds).
     */
    public record Gate(String text, String metric, String op, double threshold, String on, String percentile) {
        public boolean isLatency() {
            return percentile != null;
        }
    }

    /** Retrain every {@code everyDays} (null: no schedule) or when drift passes {@code drift} (null: never). */
    public record Retrain(Double everyDays, Double drift) {
    }
}
