package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.spec.Model;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The default solvers of {@code logistic} and {@code linear} against scikit-learn's coefficients on
 * real tables (wine: three classes, breast cancer: two, diabetes: regression), stored with the script
 * that made them in {@code src/test/resources/dev/mlx/runtime/models/reference/}. Every coefficient
 * and intercept must be within 1e-3 of scikit-learn's, with the catalog's defaults.
 */
class LinearSolversTest {
    private static final double WITHIN = 1e-3;
    private static final Path REFERENCE = Repo.module("src/test/resources/dev/mlx/runtime/models/reference");

    /** A table written by make.py: the target, then x0..x(d-1). */
    private record Table(List<String> names, double[][] x, String[] target) {
        FeatureMatrix matrix() {
            int n = x.length;
            int[][] idx = new int[n][];
            for (int r = 0; r < n; r++) {
                idx[r] = IntStream.range(0, names.size()).toArray();
            }
            return new FeatureMatrix(names, idx, x, target, null, IntStream.range(0, n).toArray());
        }
    }

    private static Table table(String name) throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE.resolve(name + ".csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int n = lines.size() - 1;
        double[][] x = new double[n][];
        String[] target = new String[n];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",");
            target[r] = cells[0];
            x[r] = Arrays.stream(cells, 1, cells.length).mapToDouble(Double::parseDouble).toArray();
        }
        return new Table(header.subList(1, header.size()), x, target);
    }

    /** Rows of intercept then weights, as make.py writes scikit-learn's intercept_ and coef_. */
    private static double[][] coefficients(String name) throws IOException {
        return Files.readAllLines(REFERENCE.resolve(name + ".csv")).stream()
                .map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    /** The row of class {@code label} of a Tribuo linear model, laid out as scikit-learn's: intercept, then x0..x(d-1). */
    private static double[] row(LinearSGDModel model, String label, int features) {
        DenseMatrix w = model.getWeightsCopy();
        int k = model.getOutputIDInfo().getID(new Label(label));
        ImmutableFeatureMap map = model.getFeatureIDMap();
        double[] out = new double[features + 1];
        out[0] = w.get(k, w.getDimension2Size() - 1);
        for (int f = 0; f < features; f++) {
            out[f + 1] = w.get(k, map.getID("x" + f));
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], WITHIN, what + ", entry " + i + " (0 is the intercept)");
        }
    }

    private static LogisticLbfgs defaultLogistic() {
        return (LogisticLbfgs) Trainers.trainer(new Model("lr", "logistic", Map.of()), Task.CLASSIFICATION, 1);
    }

    @Test
    void multinomialOnWineMatchesScikitLearn() throws IOException {
        Table wine = table("wine");
        LinearSGDModel model = defaultLogistic().train(wine.matrix());
        double[][] expected = coefficients("wine-logistic");
        for (int k = 0; k < 3; k++) {
            assertClose(expected[k], row(model, String.valueOf(k), wine.names().size()), "class " + k);
        }
    }

    @Test
    void binaryOnBreastCancerMatchesScikitLearn() throws IOException {
        Table cancer = table("breast-cancer");
        LinearSGDModel model = defaultLogistic().train(cancer.matrix());
        int d = cancer.names().size();
        double[] positive = row(model, "1", d);
        double[] negative = row(model, "0", d);
        double[] difference = new double[d + 1];
        for (int f = 0; f <= d; f++) {
            difference[f] = positive[f] - negative[f]; // the softmax of two rows is the logistic function of their difference
        }
        assertClose(coefficients("breast-cancer-logistic")[0], difference, "the log-odds of class 1");
    }

    @Test
    void datasetAndMatrixPathsGiveTheSameModel() throws IOException {
        FeatureMatrix m = table("wine").matrix();
        LinearSGDModel fromMatrix = defaultLogistic().train(m);
        LinearSGDModel fromDataset = (LinearSGDModel) defaultLogistic().train(Datasets.classification(m));
        assertEquals(fromMatrix.getFeatureIDMap().size(), fromDataset.getFeatureIDMap().size());
        for (String label : List.of("0", "1", "2")) {
            // the same sums in another order (a dataset's rows are sorted by feature name): equal to rounding
            assertArrayEquals(row(fromMatrix, label, 13), row(fromDataset, label, 13), 1e-9, label);
        }
    }

    @Test
    void weightsDoNotDependOnTheThreads() throws Exception {
        // more rows than one block, so the passes really run in parallel blocks
        Table cancer = table("breast-cancer");
        int copies = 2 * SparseRows.BLOCK_ROWS / cancer.x().length + 1;
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (int r = 0; r < cancer.x().length; r++) {
                x.add(cancer.x()[r]);
                y.add(cancer.target()[r]);
            }
        }
        FeatureMatrix m = new Table(cancer.names(), x.toArray(double[][]::new), y.toArray(String[]::new)).matrix();
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool four = new ForkJoinPool(4);
        try {
            DenseMatrix single = one.submit(() -> defaultLogistic().train(m)).get().getWeightsCopy();
            DenseMatrix parallel = four.submit(() -> defaultLogistic().train(m)).get().getWeightsCopy();
            assertEquals(single, parallel);
        } finally {
            one.shutdown();
            four.shutdown();
        }
    }

    @Test
    void logisticPredictsProbabilitiesFromItsWeights() throws IOException {
        Table wine = table("wine");
        FeatureMatrix m = wine.matrix();
        LinearSGDModel model = defaultLogistic().train(m);
        double[][] expected = coefficients("wine-logistic");
        @SuppressWarnings("unchecked")
        Prediction<Label> p = model.predict((Example<Label>) Datasets.example(m, 0, Task.CLASSIFICATION));
        double[] scores = new double[3];
        double total = 0;
        for (int k = 0; k < 3; k++) {
            scores[k] = expected[k][0];
            for (int f = 0; f < wine.names().size(); f++) {
                scores[k] += expected[k][f + 1] * wine.x()[0][f];
            }
            total += Math.exp(scores[k]);
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(Math.exp(scores[k]) / total, p.getOutputScores().get(String.valueOf(k)).getScore(), 1e-3);
        }
    }

    private static MutableDataset<Regressor> regression(Table t) {
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("diabetes", new RegressionFactory()),
                new RegressionFactory());
        String[] names = t.names().toArray(String[]::new);
        for (int r = 0; r < t.x().length; r++) {
            data.add(new ArrayExample<>(new Regressor("y", Double.parseDouble(t.target()[r])), names, t.x()[r]));
        }
        return data;
    }

    private static double[] regressionRow(org.tribuo.regression.sgd.linear.LinearSGDModel model, int features) {
        DenseMatrix w = model.getWeightsCopy();
        double[] out = new double[features + 1];
        out[0] = w.get(0, w.getDimension2Size() - 1);
        for (int f = 0; f < features; f++) {
            out[f + 1] = w.get(0, model.getFeatureIDMap().getID("x" + f));
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void linearAndRidgeOnDiabetesMatchScikitLearn() throws IOException {
        Table diabetes = table("diabetes");
        MutableDataset<Regressor> data = regression(diabetes);
        Trainer<Regressor> plain = (Trainer<Regressor>) Trainers.trainer(new Model("ls", "linear", Map.of()), Task.REGRESSION, 1);
        var model = (org.tribuo.regression.sgd.linear.LinearSGDModel) plain.train(data);
        assertClose(coefficients("diabetes-linear")[0], regressionRow(model, 10), "least squares");
        Trainer<Regressor> ridge = (Trainer<Regressor>) Trainers.trainer(new Model("ls", "linear", Map.of("l2", 0.5)),
                Task.REGRESSION, 1);
        var ridged = (org.tribuo.regression.sgd.linear.LinearSGDModel) ridge.train(data);
        assertClose(coefficients("diabetes-ridge-0.5")[0], regressionRow(ridged, 10), "ridge 0.5");
        double prediction = model.predict(data.getExample(0)).getOutput().getValues()[0];
        double[] w = coefficients("diabetes-linear")[0];
        double expected = w[0];
        for (int f = 0; f < 10; f++) {
            expected += w[f + 1] * diabetes.x()[0][f];
        }
        assertEquals(expected, prediction, 1e-6 * Math.abs(expected));
    }

    @Test
    void collinearColumnsGetTheMinimumNormSolution() {
        // x1 is a copy of x0: least squares cannot tell them apart, the minimum-norm solution splits
        // the slope evenly (scikit-learn's lstsq does the same)
        SparseRows rows = new SparseRows(new int[][] {{0, 1}, {0, 1}, {0, 1}, {0, 1}},
                new double[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4}}, null, 2);
        double[] w = new LeastSquares(0).fit(rows, new double[] {3, 5, 7, 9});
        assertArrayEquals(new double[] {1, 1, 1}, w, 1e-9);
    }

    @Test
    void manyFeaturesFallBackToLbfgsWithTheSameAnswer() {
        // the iterative path for wide data agrees with the exact one
        int n = 300;
        int d = 5;
        java.util.Random rnd = new java.util.Random(3);
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            idx[r] = IntStream.range(0, d).toArray();
            val[r] = rnd.doubles(d).map(v -> v * 4 - 1).toArray();
            y[r] = 10 + 2 * val[r][0] - 3 * val[r][3] + rnd.nextGaussian();
        }
        SparseRows rows = new SparseRows(idx, val, null, d);
        double[] exact = new LeastSquares(0.5).fit(rows, y);
        // a wide copy: the same rows with the features spread past the Gram limit
        int[][] spread = new int[n][];
        for (int r = 0; r < n; r++) {
            spread[r] = IntStream.range(0, d).map(f -> LeastSquares.GRAM_LIMIT + f).toArray();
        }
        int[] ids = new int[LeastSquares.GRAM_LIMIT + d];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        double[] wide = new LeastSquares(0.5).fit(new SparseRows(spread, val, ids, LeastSquares.GRAM_LIMIT + d), y);
        for (int f = 0; f < d; f++) {
            assertEquals(exact[f], wide[LeastSquares.GRAM_LIMIT + f], 1e-6, "feature " + f);
        }
        assertEquals(exact[d], wide[wide.length - 1], 1e-6, "intercept");
        assertTrue(wide[0] == 0, "a feature no row has stays at 0");
    }
}
