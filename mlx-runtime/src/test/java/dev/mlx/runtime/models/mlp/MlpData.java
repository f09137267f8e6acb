package dev.mlx.runtime.models.mlp;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Trainers;
import dev.mlx.runtime.spec.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/** Seeded synthetic data, the iris example, and the metrics the mlp tests check. */
final class MlpData {
    static final long SEED = 11;

    private MlpData() {
    }

    /** Rows of dense features named x1, x2, ...; zeros are left out as Tribuo expects. */
    static FeatureMatrix matrix(double[][] x, String[] labels, double[] targets) {
        int n = x.length;
        int d = x[0].length;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + (j + 1));
        }
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> is = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (x[i][j] != 0) {
                    is.add(j);
                    vs.add(x[i][j]);
                }
            }
            idx[i] = is.stream().mapToInt(Integer::intValue).toArray();
            val[i] = vs.stream().mapToDouble(Double::doubleValue).toArray();
            ids[i] = i;
        }
        return new FeatureMatrix(names, idx, val, labels, targets, ids);
    }

    /**
     * XOR: four Gaussian clusters at (+-1, +-1), label "same" where both coordinates have the same
     * sign and "diff" otherwise; x3 is noise. No line separates the classes.
     */
    static FeatureMatrix xor(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            int sx = (i & 1) == 0 ? 1 : -1;
            int sy = (i & 2) == 0 ? 1 : -1;
            x[i] = new double[] {sx + 0.3 * rnd.nextGaussian(), sy + 0.3 * rnd.nextGaussian(), rnd.nextGaussian()};
            labels[i] = sx == sy ? "same" : "diff";
        }
        return matrix(x, labels, null);
    }

    /** y = sin(x) + N(0, 0.05) for x uniform in [-2 pi, 2 pi], x standardised (sd of that uniform is 4 pi / sqrt 12). */
    static FeatureMatrix sine(int n, long seed) {
        Random rnd = new Random(seed);
        double sd = 4 * Math.PI / Math.sqrt(12);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = (rnd.nextDouble() * 4 - 2) * Math.PI;
            x[i] = new double[] {v / sd};
            y[i] = Math.sin(v) + 0.05 * rnd.nextGaussian();
        }
        return matrix(x, null, y);
    }

    /** examples/iris/data/iris.csv as {train, test}: a seeded 30% holdout, standardised with the training rows. */
    static FeatureMatrix[] iris(long seed) {
        List<double[]> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("examples/iris/data/iris.csv"));
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                xs.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])});
                ys.add(f[4]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = xs.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        int nTest = (int) Math.round(n * 0.3);
        List<Integer> test = order.subList(0, nTest);
        List<Integer> train = order.subList(nTest, n);
        double[] mean = new double[4];
        double[] sd = new double[4];
        for (int j = 0; j < 4; j++) {
            for (int i : train) {
                mean[j] += xs.get(i)[j] / train.size();
            }
            for (int i : train) {
                sd[j] += Math.pow(xs.get(i)[j] - mean[j], 2) / train.size();
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        FeatureMatrix[] out = new FeatureMatrix[2];
        int k = 0;
        for (List<Integer> part : List.of(train, test)) {
            double[][] x = new double[part.size()][4];
            String[] labels = new String[part.size()];
            for (int r = 0; r < part.size(); r++) {
                for (int j = 0; j < 4; j++) {
                    x[r][j] = (xs.get(part.get(r))[j] - mean[j]) / sd[j];
                }
                labels[r] = ys.get(part.get(r));
            }
            out[k++] = matrix(x, labels, null);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static org.tribuo.Model<Label> classifier(String kind, Map<String, Object> params, FeatureMatrix train) {
        Trainer<Label> t = (Trainer<Label>) Trainers.trainer(new Model("m", kind, params), Task.CLASSIFICATION, SEED);
        return t.train(Datasets.classification(train));
    }

    @SuppressWarnings("unchecked")
    static org.tribuo.Model<Regressor> regressor(String kind, Map<String, Object> params, FeatureMatrix train) {
        Trainer<Regressor> t = (Trainer<Regressor>) Trainers.trainer(new Model("m", kind, params), Task.REGRESSION, SEED);
        return t.train(Datasets.regression(train));
    }

    @SuppressWarnings("unchecked")
    static double accuracy(org.tribuo.Model<Label> m, FeatureMatrix test) {
        int right = 0;
        for (int i = 0; i < test.rows(); i++) {
            Example<Label> e = (Example<Label>) Datasets.example(test, i, Task.CLASSIFICATION);
            if (m.predict(e).getOutput().getLabel().equals(test.labels()[i])) {
                right++;
            }
        }
        return (double) right / test.rows();
    }

    @SuppressWarnings("unchecked")
    static double r2(org.tribuo.Model<Regressor> m, FeatureMatrix test) {
        double mean = 0;
        for (double y : test.targets()) {
            mean += y / test.rows();
        }
        double res = 0;
        double tot = 0;
        for (int i = 0; i < test.rows(); i++) {
            Example<Regressor> e = (Example<Regressor>) Datasets.example(test, i, Task.REGRESSION);
            double yhat = m.predict(e).getOutput().getValues()[0];
            double y = test.targets()[i];
            res += (y - yhat) * (y - yhat);
            tot += (y - mean) * (y - mean);
        }
        return 1 - res / tot;
    }
}
