import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.data.ParquetFiles;
import dev.mlx.runtime.spec.Data;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * The same 1,000,000-row x 20-column table read three ways in one warm JVM, side by side: the CSV
 * file through mlx's CSV reader, the Parquet file through DuckDB's JDBC driver (what `source
 * parquet` does), and the JSON Lines file through mlx's JSON Lines reader on Gson (`source jsonl`);
 * each with the declared types, into the same Tablesaw table. A fourth row times DuckDB alone: the
 * Parquet file's cells fetched through JDBC without building a table, so the table's share shows.
 * The Parquet and JSON Lines files are written by DuckDB itself from the CSV (`COPY ... TO`), so the
 * three hold the same cells. Each way runs twice untimed, then RUNS times; median and min of wall
 * and process CPU seconds, the load average before and after, and each median's ratio to the CSV's.
 *
 * <p>Run through {@code bash bench/parquet.sh [RUNS]}, which puts the shaded jar and the DuckDB
 * driver on the class path; the files go to target/bench/ (the CSV, seeded, is the one
 * bench/ReaderBench.java writes: the same generator).
 */
public final class ParquetBench {
    private static final int ROWS = 1_000_000;
    private static final String[] PLANS = {"basic", "plus", "premium", "family", "student"};
    private static double[] cpu;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target/bench").toAbsolutePath();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path csv = dir.resolve("reader1m.csv");
        Path parquet = dir.resolve("reader1m.parquet");
        Path jsonl = dir.resolve("reader1m.jsonl");
        if (!Files.exists(csv)) {
            generate(csv);
        }
        if (!Files.exists(parquet) || !Files.exists(jsonl)) {
            convert(csv, parquet, jsonl);
        }
        List<Data.Column> declared = declared();
        List<String> missing = List.of("", "NA");
        Data fromCsv = new Data(csv.toString(), ",", null, null, declared, missing, null, null, Data.Format.CSV);
        Data fromParquet = new Data(parquet.toString(), ",", null, null, declared, missing, null, null, Data.Format.PARQUET);
        Data fromJsonl = new Data(jsonl.toString(), ",", null, null, declared, missing, null, null, Data.Format.JSONL);
        System.out.printf(Locale.ROOT, "%d rows x %d columns: CSV %.0f MB, Parquet %.0f MB, JSON Lines %.0f MB%n", ROWS,
                declared.size(), Files.size(csv) / 1e6, Files.size(parquet) / 1e6, Files.size(jsonl) / 1e6);
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, load average %.2f before%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), load());

        String[] names = {"csv (mlx reader)", "parquet (duckdb jdbc)", "jsonl (mlx reader, gson)", "parquet cells only"};
        double[][] wall = new double[4][];
        double[][] cpus = new double[4][];
        wall[0] = time(runs, () -> check(DataLoader.load(fromCsv, dir).rowCount()));
        cpus[0] = cpu;
        wall[1] = time(runs, () -> check(DataLoader.load(fromParquet, dir).rowCount()));
        cpus[1] = cpu;
        wall[2] = time(runs, () -> check(DataLoader.load(fromJsonl, dir).rowCount()));
        cpus[2] = cpu;
        wall[3] = time(runs, () -> check(cellsOnly(parquet)));
        cpus[3] = cpu;
        System.out.printf(Locale.ROOT, "load average %.2f after%n", load());
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10s %9s %9s%n", "read", "wall med", "wall min", "CPU med", "CPU min",
                "wall/csv", "CPU/csv");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "%-26s %9.2fs %9.2fs %9.2fs %9.2fs %8.2fx %8.2fx%n", names[i], median(wall[i]),
                    min(wall[i]), median(cpus[i]), min(cpus[i]), median(wall[i]) / median(wall[0]),
                    median(cpus[i]) / median(cpus[0]));
        }
    }

    private interface Read {
        void read() throws Exception;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Wall seconds of each timed run; the process's CPU seconds (all threads, GC and JIT too) go to {@link #cpu}. */
    private static double[] time(int runs, Read read) throws Exception {
        for (int i = 0; i < 2; i++) {
            read.read();
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] s = new double[runs];
        cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            System.gc();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            read.read();
            s[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        return s;
    }

    /** Every cell of the Parquet file fetched through DuckDB's JDBC driver, as the loader fetches them; the row count. */
    private static int cellsOnly(Path parquet) throws Exception {
        int rows = 0;
        long seen = 0;
        try (Connection c = ParquetFiles.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(ParquetFiles.query(parquet))) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows++;
                for (int j = 1; j <= columns; j++) {
                    seen += rs.getObject(j) == null ? 0 : 1;
                }
            }
        }
        if (seen == 0) {
            throw new AssertionError("no cells");
        }
        return rows;
    }

    private static void check(int rows) {
        if (rows != ROWS) {
            throw new AssertionError(rows + " rows");
        }
    }

    private static double median(double[] s) {
        double[] c = s.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double min(double[] s) {
        return Arrays.stream(s).min().orElse(0);
    }

    /** The CSV as Parquet and as JSON Lines, written by DuckDB with the declared types. */
    private static void convert(Path csv, Path parquet, Path jsonl) throws Exception {
        StringBuilder types = new StringBuilder();
        for (Data.Column c : declared()) {
            types.append(types.length() == 0 ? "" : ", ").append('\'').append(c.name()).append("': '").append(switch (c.type()) {
                case NUMBER -> "DOUBLE";
                case INTEGER -> "BIGINT";
                case BOOLEAN -> "BOOLEAN";
                case DATE -> "DATE";
                default -> "VARCHAR";
            }).append('\'');
        }
        String read = "SELECT * FROM read_csv('" + csv + "', header = true, nullstr = ['', 'NA'], columns = {" + types + "})";
        try (Connection c = ParquetFiles.open(); Statement st = c.createStatement()) {
            st.execute("COPY (" + read + ") TO '" + parquet + "' (FORMAT parquet)");
            st.execute("COPY (" + read + ") TO '" + jsonl + "' (FORMAT json)");
        }
    }

    /** What the generated file holds, in file order. */
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

    /** The table bench/ReaderBench.java writes, from the same seed. */
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
