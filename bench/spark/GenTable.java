import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Spark benchmark's table (bench/spark/run.sh), written with nothing but the JDK: 16 numbers x00..x15 (normal,
 * shifted, log-normal and uniform; about 5% of each missing), categories c5, c20 and c100, and a 0/1 label y from a
 * logistic model of six numbers and two categories, like bench/pipeline/gen.py's table. Deterministic per seed.
 *
 * usage: java bench/spark/GenTable.java OUT.csv ROWS [SEED]
 */
public final class GenTable {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        SplittableRandom random = new SplittableRandom(args.length > 2 ? Long.parseLong(args[2]) : 20261207L);
        double[] x = new double[16];
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < 16; j++) {
                header.append(String.format(Locale.ROOT, "x%02d,", j));
            }
            w.write(header + "c5,c20,c100,y\n");
            StringBuilder line = new StringBuilder(256);
            for (long i = 0; i < rows; i++) {
                line.setLength(0);
                for (int j = 0; j < 16; j++) {
                    x[j] = switch (j % 4) {
                        case 0 -> gaussian(random);
                        case 1 -> 50.0 * (j + 1) + 10.0 * (j + 1) * gaussian(random);
                        case 2 -> Math.exp(1.0 + 0.6 * gaussian(random));
                        default -> random.nextDouble() * 100;
                    };
                }
                int c5 = random.nextInt(5);
                int c20 = random.nextInt(20);
                int c100 = (int) Math.min(99, Math.floor(Math.pow(random.nextDouble(), 2.5) * 100));
                double z = 0.9 * x[0] + 0.02 * (x[1] - 100) - 0.3 * (x[2] - 3.3) + 0.01 * (x[3] - 50) + 0.6 * x[4]
                        - 0.4 * x[8] + (c5 == 3 ? 0.8 : 0) - (c20 < 5 ? 0.5 : 0);
                int y = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                for (int j = 0; j < 16; j++) {
                    if (random.nextDouble() >= 0.05) {
                        line.append(String.format(Locale.ROOT, "%.5f", x[j]));
                    }
                    line.append(',');
                }
                line.append('a').append(c5).append(",b").append(c20).append(",c").append(c100).append(',').append(y).append('\n');
                w.write(line.toString());
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
