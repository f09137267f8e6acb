package dev.mlx.runtime.eval;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.data.Tables;
import dev.mlx.runtime.eval.EvaluationResult.Latency;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Predictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import tech.tablesaw.api.Table;

/**
 * Single-row prediction time as a server sees it: the fitted pipeline transforms one raw row, the
 * model predicts it. Measured after a warm-up (so the JIT has compiled the path) over
 * {@link #CALLS} calls cycling through a few real rows.
 */
final class LatencyMeter {
    static final int CALLS = 200;
    static final int WARMUP = 50;
    /** A warm-up never takes longer than this, however slow the model. */
    static final long WARMUP_BUDGET_NANOS = 2_000_000_000L;
    static final int ROWS = 16;

    private LatencyMeter() {
    }

    /** One-row tables of the first rows of {@code table}, prepared outside the timing. */
    static List<Table> rows(Table table) {
        List<Table> out = new ArrayList<>();
        for (int i = 0; i < Math.min(ROWS, table.rowCount()); i++) {
            out.add(Tables.row(table, i));
        }
        return out;
    }

    static Latency measure(Model<?> model, FittedPipeline pipeline, Task task, List<Table> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Datasets.Encoder enc = Datasets.encoder(pipeline.featureNames());
        long start = System.nanoTime();
        for (int i = 0; i < WARMUP && (i < 5 || System.nanoTime() - start < WARMUP_BUDGET_NANOS); i++) {
            once(model, pipeline, enc, task, rows.get(i % rows.size()));
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            Table row = rows.get(i % rows.size());
            long t0 = System.nanoTime();
            once(model, pipeline, enc, task, row);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return new Latency(ms(pct(nanos, 0.50)), ms(pct(nanos, 0.90)), ms(pct(nanos, 0.95)), ms(pct(nanos, 0.99)),
                ms(sum / CALLS), CALLS);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object once(Model<?> model, FittedPipeline pipeline, Datasets.Encoder enc, Task task, Table row) {
        FeatureMatrix m = pipeline.transform(row);
        Example<?> e = enc.example(m, 0, task);
        return Predictions.of((Model) model, (Example) e); // as the server scores it
    }

    /** Nearest-rank percentile of sorted values. */
    private static double pct(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
