package dev.mlx.runtime.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The server's counters, rendered in the Prometheus text exposition format (version 0.0.4):
 * requests by endpoint and status, a request latency histogram by endpoint, errors by kind,
 * predictions and a prediction latency histogram per variant (shadow predictions counted apart).
 */
final class ServeMetrics {
    /** Bucket upper bounds in seconds: fine below 10 ms, where single-row scoring lives. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private static final class Histogram {
        final AtomicLong[] counts = new AtomicLong[BUCKETS.length];
        final AtomicLong count = new AtomicLong();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new AtomicLong();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].incrementAndGet();
                }
            }
            count.incrementAndGet();
            sum.add(seconds);
        }
    }

    private final Map<String, AtomicLong> requests = new ConcurrentSkipListMap<>();
    private final Map<String, Histogram> requestLatency = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> predictions = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> shadow = new ConcurrentSkipListMap<>();
    private final Map<String, Histogram> predictionLatency = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> feedback = new ConcurrentHashMap<>();

    void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(labels("endpoint", endpoint, "status", Integer.toString(status)), k -> new AtomicLong())
                .incrementAndGet();
        requestLatency.computeIfAbsent(labels("endpoint", endpoint), k -> new Histogram()).observe(seconds);
    }

    void error(String endpoint, String code) {
        errors.computeIfAbsent(labels("endpoint", endpoint, "code", code), k -> new AtomicLong()).incrementAndGet();
    }

    void prediction(String variant, boolean isShadow, double seconds) {
        (isShadow ? shadow : predictions).computeIfAbsent(labels("variant", variant), k -> new AtomicLong()).incrementAndGet();
        if (!isShadow) {
            predictionLatency.computeIfAbsent(labels("variant", variant), k -> new Histogram()).observe(seconds);
        }
    }

    void feedback(String result) {
        feedback.computeIfAbsent(labels("result", result), k -> new AtomicLong()).incrementAndGet();
    }

    /** The text of /metrics; {@code logDropped}: predictions the store dropped (0 without a store). */
    String render(long logDropped) {
        StringBuilder sb = new StringBuilder();
        counter(sb, "mlx_requests_total", "HTTP requests by endpoint and status.", requests);
        histogram(sb, "mlx_request_duration_seconds", "HTTP request latency by endpoint.", requestLatency);
        counter(sb, "mlx_errors_total", "Refused or failed requests by endpoint and error code.", errors);
        counter(sb, "mlx_predictions_total", "Rows answered, by variant.", predictions);
        counter(sb, "mlx_shadow_predictions_total", "Rows scored in shadow (logged, not answered), by variant.", shadow);
        histogram(sb, "mlx_prediction_duration_seconds", "Scoring latency of one row (pipeline and model), by variant.",
                predictionLatency);
        counter(sb, "mlx_feedback_total", "Feedback committed, or refused because no such prediction was logged.", new ConcurrentSkipListMap<>(feedback));
        sb.append("# HELP mlx_log_dropped_total Predictions answered but not logged: the store's writer was a whole queue behind.\n");
        sb.append("# TYPE mlx_log_dropped_total counter\n");
        sb.append("mlx_log_dropped_total ").append(logDropped).append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, Map<String, AtomicLong> values) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        values.forEach((labels, v) -> sb.append(name).append('{').append(labels).append("} ").append(v.get()).append('\n'));
    }

    private static void histogram(StringBuilder sb, String name, String help, Map<String, Histogram> values) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" histogram\n");
        values.forEach((labels, h) -> {
            for (int i = 0; i < BUCKETS.length; i++) {
                sb.append(name).append("_bucket{").append(labels).append(",le=\"").append(num(BUCKETS[i])).append("\"} ")
                        .append(h.counts[i].get()).append('\n');
            }
            sb.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(h.count.get()).append('\n');
            sb.append(name).append("_sum{").append(labels).append("} ").append(num(h.sum.sum())).append('\n');
            sb.append(name).append("_count{").append(labels).append("} ").append(h.count.get()).append('\n');
        });
    }

    private static String labels(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(kv[i]).append("=\"").append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        }
        return sb.toString();
    }

    private static String num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d)
                : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
