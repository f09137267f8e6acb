import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Warm timing of {@code Checker.check} on one file, in one JVM: 30 untimed runs, then 50 timed ones,
 * reported as median and p90 in milliseconds. No JMH: this is a regression alarm, not a study.
 *
 * <p>Run with the shaded jar on the class path (Java's single-file launcher compiles this file):
 * {@code java -cp mlx-cli/target/mlx.jar bench/CheckBench.java FILE.mlx [--no-data]}
 */
public final class CheckBench {
    private static final int WARMUP = 30;
    private static final int RUNS = 50;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java -cp mlx-cli/target/mlx.jar bench/CheckBench.java FILE.mlx [--no-data]");
            System.exit(2);
        }
        boolean readData = !Arrays.asList(args).contains("--no-data");
        SourceFile file = SourceFile.read(Path.of(args[0]));
        CheckOptions options = new CheckOptions(false, Map.of(), readData, ProfileCache.NONE);

        // The file must check clean, or this would time the error paths.
        Diagnostics first = new Diagnostics(file);
        Checker.check(file, options, first);
        if (first.hasErrors()) {
            System.err.println(args[0] + ": " + first.errorCount() + " errors; benchmark needs a clean file");
            System.exit(1);
        }

        for (int i = 0; i < WARMUP; i++) {
            Checker.check(file, options, new Diagnostics(file));
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            Diagnostics sink = new Diagnostics(file);
            long t0 = System.nanoTime();
            Checker.check(file, options, sink);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(java.util.Locale.ROOT,
                "%s: %d lines, data %s, %d warnings; %d warm-up, %d timed: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
                args[0], file.lineCount(), readData ? "read every run" : "not read", first.warningCount(),
                WARMUP, RUNS, (ms[(RUNS - 1) / 2] + ms[RUNS / 2]) / 2, ms[(int) Math.ceil(RUNS * 0.9) - 1], ms[0], ms[RUNS - 1]);
    }
}
