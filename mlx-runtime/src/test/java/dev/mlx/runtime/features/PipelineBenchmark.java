package dev.mlx.runtime.features;

import dev.mlx.catalog.ImputeStatistic;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Fill;
import dev.mlx.runtime.spec.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Not a test: times fit + transform on a generated table (default 1,000,000 rows, 16 numeric and 3
 * categorical columns). Run with the test classpath: {@code java ... PipelineBenchmark [rows] [repeats] [inspect|latency]}.
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        Table table = generate(rows, 42);
        System.out.printf("generated %,d rows x %d columns in %d ms%n", rows, table.columnCount(),
                (System.nanoTime() - t0) / 1_000_000);
        List<String> numeric = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            numeric.add("n" + c);
        }
        List<Step> steps = List.of(
                new Step.Impute(List.of("n0", "n1", "n2", "n3"), new Fill.Statistic(ImputeStatistic.MEDIAN)),
                new Step.Scale(numeric, Step.Scaling.STANDARDIZE),
                new Step.OneHot(List.of("c0"), 0, 1),
                new Step.OneHot(List.of("c1"), 20, 1));
        for (int i = 0; i < repeats; i++) {
            long a = System.nanoTime();
            FittedFeatures p = Pipeline.fit(steps, table, "label", null, Task.CLASSIFICATION);
            long b = System.nanoTime();
            FeatureMatrix m = p.transform(table);
            long c = System.nanoTime();
            long nnz = 0;
            for (int[] idx : m.indices()) {
                nnz += idx.length;
            }
            System.out.printf("run %d: fit %d ms, transform %d ms, total %d ms (%d features, %,d non-zeros)%n", i + 1,
                    (b - a) / 1_000_000, (c - b) / 1_000_000, (c - a) / 1_000_000, m.names().size(), nnz);
            if (args.length > 2 && args[2].equals("inspect")) {
                long d = System.nanoTime();
                Inspector.inspect(new dev.mlx.runtime.spec.Inspect(true, true, true, 0.95, 0.9, 5), m, m,
                        Task.CLASSIFICATION);
                System.out.printf("       inspect %d ms%n", (System.nanoTime() - d) / 1_000_000);
            }
            if (args.length > 2 && args[2].equals("latency")) {
                List<Table> one = new ArrayList<>();
                for (int k = 0; k < 100; k++) {
                    one.add(table.rows(k));
                }
                long[] nanos = new long[20_000];
                for (int k = 0; k < nanos.length; k++) {
                    long t = System.nanoTime();
                    p.transform(one.get(k % one.size()));
                    nanos[k] = System.nanoTime() - t;
                }
                java.util.Arrays.sort(nanos);
                System.out.printf("       one-row transform: p50 %.1f us, p99 %.1f us%n", nanos[nanos.length / 2] / 1e3,
                        nanos[nanos.length * 99 / 100] / 1e3);
            }
        }
    }

    static Table generate(int rows, long seed) {
        Random r = new Random(seed);
        Table t = Table.create("bench");
        for (int c = 0; c < 16; c++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = c < 4 && r.nextInt(100) == 0 ? Double.NaN : r.nextGaussian() * (c + 1) + c;
            }
            t.addColumns(DoubleColumn.create("n" + c, v));
        }
        int[] cardinality = {5, 50, 1000};
        for (int c = 0; c < 3; c++) {
            String[] levels = new String[cardinality[c]];
            for (int l = 0; l < levels.length; l++) {
                levels[l] = "v" + l;
            }
            StringColumn s = StringColumn.create("c" + c);
            for (int i = 0; i < rows; i++) {
                s.append(levels[r.nextInt(levels.length)]);
            }
            t.addColumns(s);
        }
        StringColumn label = StringColumn.create("label");
        for (int i = 0; i < rows; i++) {
            label.append(r.nextBoolean() ? "yes" : "no");
        }
        t.addColumns(label);
        return t;
    }
}
