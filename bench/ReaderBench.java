import dev.mlx.catalog.ColumnType;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataProfile;
import dev.mlx.check.data.DataProfiler;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.spec.Data;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * The CSV reader in one warm JVM, on a generated 1,000,000-row x 20-column file: read with the
 * declared types (what a compiled jar does) against read without them (the types inferred from the
 * file by the one typing rule, as `mlx check` and `mlx run` do for a data block without `types`, then
 * the same typed read). Each way runs twice untimed, then RUNS times timed; median and min of wall and
 * process CPU seconds (on a shared machine the CPU seconds say more than the wall clock).
 *
 * <p>Run with the shaded jar on the class path (Java's single-file launcher compiles this file):
 * {@code java -Xmx4g -cp mlx-cli/target/mlx.jar bench/ReaderBench.java [FILE.csv] [RUNS]}; the file
 * (default target/bench/reader1m.csv) is written, seeded, when missing.
 */
public final class ReaderBench {
    private static final int ROWS = 1_000_000;
    private static final String[] PLANS = {"basic", "plus", "premium", "family", "student"};

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "target/bench/reader1m.csv").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.exists(file)) {
            generate(file);
        }
        List<Data.Column> declared = declared();
        Data typed = new Data(file.toString(), ",", null, null, declared, List.of("", "NA"), null, null);
        System.out.printf(Locale.ROOT, "%s: %.0f MB, %d rows x %d columns%n", file.getFileName(),
                Files.size(file) / 1e6, ROWS, declared.size());

        System.out.printf(Locale.ROOT, "load average %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        double[] withTypes = time(runs, () -> DataLoader.load(typed, file.getParent()));
        double[] withTypesCpu = cpu;
        double[] inferred = time(runs, () -> {
            DataProfile profile = DataProfiler.csv(file, ",", List.of("", "NA"), null);
            List<Data.Column> columns = new ArrayList<>();
            for (ColumnProfile c : profile.columns()) {
                columns.add(new Data.Column(c.name(), c.type(), null));
            }
            if (!columns.equals(declared)) {
                throw new AssertionError("inferred " + columns + ", declared " + declared);
            }
            return DataLoader.load(new Data(file.toString(), ",", null, null, columns, List.of("", "NA"), null, null),
                    file.getParent());
        });
        double[] inferredCpu = cpu;
        report("declared types", withTypes, withTypesCpu);
        report("inferred types", inferred, inferredCpu);
        System.out.printf(Locale.ROOT, "inferred / declared (medians): wall %.2fx, CPU %.2fx%n",
                median(inferred) / median(withTypes), median(inferredCpu) / median(withTypesCpu));
    }

    private interface Read {
        Table read() throws Exception;
    }

    /** Wall seconds of each timed run; the process's CPU seconds (all threads, GC and JIT too) go to {@link #cpu}. */
    private static double[] time(int runs, Read read) throws Exception {
        for (int i = 0; i < 2; i++) {
            check(read.read());
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] s = new double[runs];
        cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            System.gc();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Table t = read.read();
            s[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
            check(t);
        }
        return s;
    }

    private static double[] cpu;

    private static void check(Table t) {
        if (t.rowCount() != ROWS || t.columnCount() != 20) {
            throw new AssertionError(t.rowCount() + " rows, " + t.columnCount() + " columns");
        }
    }

    private static double median(double[] s) {
        double[] c = s.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static void report(String what, double[] s, double[] cpu) {
        System.out.printf(Locale.ROOT, "%-15s wall median %.2f s, min %.2f s; CPU median %.2f s, min %.2f s (%d runs)%n", what,
                median(s), Arrays.stream(s).min().orElse(0), median(cpu), Arrays.stream(cpu).min().orElse(0), s.length);
    }

    /** What the generated file holds, in file order: as `mlx check` infers it, and as declared. */
    private static List<Data.Column> declared() {
        List<Data.Column> c = new ArrayList<>();
        for (int j = 0; j < 12; j++) {
            c.add(new Data.Column("x" + j, ColumnType.NUMBER, null));
        }
        for (int j = 0; j < 3; j++) {
            c.add(new Data.Column("n" + j, ColumnType.INTEGER, null));
        }
        c.add(new Data.Column("plan", ColumnType.CATEGORY, null));
        c.add(new Data.Column("region", ColumnType.CATEGORY, null));
        c.add(new Data.Column("active", ColumnType.BOOLEAN, null));
        c.add(new Data.Column("joined", ColumnType.DATE, null));
        c.add(new Data.Column("label", ColumnType.INTEGER, null));
        return c;
    }

    private static void generate(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        SplittableRandom rnd = new SplittableRandom(42);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            List<String> names = new ArrayList<>();
            declared().forEach(c -> names.add(c.name()));
            w.write(String.join(",", names));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < ROWS; r++) {
                sb.setLength(0);
                for (int j = 0; j < 12; j++) {
                    if (rnd.nextInt(20) != 0) {
                        sb.append(String.format(Locale.ROOT, "%.4f", rnd.nextGaussian() * Math.pow(10, j % 4)));
                    }
                    sb.append(',');
                }
                for (int j = 0; j < 3; j++) {
                    sb.append(rnd.nextInt(j == 0 ? 100 : 100_000)).append(',');
                }
                sb.append(PLANS[rnd.nextInt(PLANS.length)]).append(',');
                sb.append("r").append(rnd.nextInt(40)).append(',');
                sb.append(rnd.nextBoolean()).append(',');
                sb.append(String.format(Locale.ROOT, "20%02d-%02d-%02d", 10 + rnd.nextInt(15), 1 + rnd.nextInt(12),
                        1 + rnd.nextInt(28))).append(',');
                sb.append(rnd.nextInt(2)).append('\n');
                w.write(sb.toString());
            }
        }
    }
}
