package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.CategoricalInfo;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.RealInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * {@link LogisticSgd} against the Tribuo trainer whose algorithm it runs: same weights to rounding,
 * same feature map and label domain, on data that mixes dense numbers with sparse one-hot levels,
 * three classes, mini-batches with a short last one, and features that never occur.
 */
class LogisticSgdTest {
    private static final long SEED = 7;

    /**
     * Rows of x1..x3 (x3 sometimes absent, sometimes stored as 0; x2 with few distinct values) plus one
     * of five one-hot levels, a rare feature and one stored only as 0; class a/b/c.
     */
    static FeatureMatrix matrix(int rows, long seed) {
        List<String> names = List.of("never", "x1", "x2", "x3", "z@l0", "z@l1", "z@l2", "z@l3", "z@l4", "a-low-count", "zero-only");
        Random rnd = new Random(seed);
        int[][] idx = new int[rows][];
        double[][] val = new double[rows][];
        String[] labels = new String[rows];
        for (int r = 0; r < rows; r++) {
            int c = rnd.nextInt(3);
            int level = rnd.nextInt(5);
            boolean x3 = rnd.nextInt(4) != 0;
            boolean rare = r % 97 == 0;
            List<Integer> is = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            is.add(1);
            vs.add(c + rnd.nextGaussian());
            is.add(2);
            vs.add(Math.round(3 * rnd.nextGaussian()) / 2.0 - c); // few distinct values: categorical in Tribuo
            if (x3) {
                is.add(3);
                vs.add(rnd.nextGaussian());
            } else if (r % 5 == 0) {
                is.add(3);
                vs.add(0.0); // stored zeros: Tribuo's feature infos do not count them
            }
            is.add(4 + level);
            vs.add(1.0);
            if (rare) {
                is.add(9);
                vs.add(2.5);
            }
            if (r % 11 == 0) {
                is.add(10);
                vs.add(0.0);
            }
            idx[r] = is.stream().mapToInt(Integer::intValue).toArray();
            val[r] = vs.stream().mapToDouble(Double::doubleValue).toArray();
            labels[r] = String.valueOf((char) ('a' + (c + (level == 4 ? 1 : 0)) % 3));
        }
        return new FeatureMatrix(names, idx, val, labels, null, null);
    }

    private static LinearSGDModel tribuo(MutableDataset<Label> data, int epochs, int batch, double lr) {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(lr), epochs, -1, batch, SEED).train(SgdTrainer.uniformDensity(data));
    }

    private static void assertSameWeights(LinearSGDModel expected, LinearSGDModel actual) {
        assertSameWeights(expected, actual, 1e-9);
    }

    /** Equal up to {@code tolerance} relative to max(1, |weight|): the sums run in another order, nothing else differs. */
    private static void assertSameWeights(LinearSGDModel expected, LinearSGDModel actual, double tolerance) {
        DenseMatrix e = expected.getWeightsCopy();
        DenseMatrix a = actual.getWeightsCopy();
        assertEquals(e.getDimension1Size(), a.getDimension1Size());
        assertEquals(e.getDimension2Size(), a.getDimension2Size());
        double largest = 0;
        for (int i = 0; i < e.getDimension1Size(); i++) {
            for (int j = 0; j < e.getDimension2Size(); j++) {
                largest = Math.max(largest, Math.abs(e.get(i, j)));
                assertEquals(e.get(i, j), a.get(i, j), tolerance * Math.max(1, Math.abs(e.get(i, j))), "weight [" + i + "," + j + "]");
            }
        }
        assertTrue(largest > 0.1, "the weights moved: " + largest);
    }

    @Test
    void sameWeightsAsTribuosTrainerForEveryBatchShape() {
        FeatureMatrix m = matrix(1003, 1);
        MutableDataset<Label> data = Datasets.classification(m);
        int[][] shapes = {{1, 1}, {3, 16}, {5, 7}, {2, 1003}, {2, 2000}};
        for (int[] s : shapes) {
            LinearSGDModel expected = tribuo(data, s[0], s[1], 0.1);
            LogisticSgd ours = new LogisticSgd(s[0], s[1], 0.1, SEED);
            assertSameWeights(expected, ours.train(m));
            assertSameWeights(expected, ours.train(data, java.util.Map.of()));
        }
        // more rows than one gathered chunk (4,096 rows; 4,080 for batches of 240), the last one short
        FeatureMatrix big = matrix(9001, 5);
        MutableDataset<Label> bigData = Datasets.classification(big);
        for (int batch : new int[] {16, 240}) {
            // Within 1e-6, not 1e-9: on some inputs (here with batches of 240) Tribuo's sparse batch
            // matrices end a pass up to ~2e-7 away from plain sums. That is not rounding carried along
            // (a 1e-15 change to one input column moves these weights by 1e-16), and it was not traced
            // further; a row out of place or a missed update moves them by 1e-3 or more.
            assertSameWeights(tribuo(bigData, 2, batch, 0.05), new LogisticSgd(2, batch, 0.05, SEED).train(big), 1e-6);
        }
    }

    @Test
    void sameDomainsAsATribuoDataset() {
        FeatureMatrix m = matrix(1003, 2);
        MutableDataset<Label> data = Datasets.classification(m);
        LinearSGDModel ours = new LogisticSgd(1, 16, 0.1, SEED).train(m);
        ImmutableFeatureMap expected = data.getFeatureIDMap();
        ImmutableFeatureMap actual = ours.getFeatureIDMap();
        assertEquals(expected.size(), actual.size());
        assertEquals(-1, actual.getID("never"));
        assertEquals(0, actual.get("zero-only").getCount());
        for (VariableInfo e : expected) {
            VariableInfo a = actual.get(e.getName());
            assertEquals(expected.getID(e.getName()), actual.getID(e.getName()), e.getName());
            assertEquals(e.getClass(), a.getClass(), e.getName());
            assertEquals(e.getCount(), a.getCount(), e.getName());
            if (e instanceof RealInfo r) {
                RealInfo q = (RealInfo) a;
                assertEquals(r.getMin(), q.getMin(), e.getName());
                assertEquals(r.getMax(), q.getMax(), e.getName());
                assertEquals(r.getMean(), q.getMean(), 1e-12, e.getName());
                assertEquals(r.getVariance(), q.getVariance(), 1e-9, e.getName());
            } else {
                assertEquals(((CategoricalInfo) e).getUniqueObservations(), ((CategoricalInfo) a).getUniqueObservations(), e.getName());
                assertEquals(e, a, e.getName());
            }
        }
        assertInstanceOf(RealInfo.class, actual.get("x1"));
        assertInstanceOf(CategoricalInfo.class, actual.get("x2"));
        assertEquals(data.getOutputIDInfo().size(), ours.getOutputIDInfo().size());
        for (var pair : data.getOutputIDInfo()) {
            assertEquals(pair.getA(), ours.getOutputIDInfo().getID(pair.getB()), pair.getB().getLabel());
        }
        assertTrue(ours.generatesProbabilities());
    }

    @Test
    void rowsWithoutFeaturesTrainAModelThatScores() {
        // a fold of a small table may hold only rows whose features are all 0 (nothing stored): Tribuo's
        // dataset gives each the placeholder feature, so the model knows one feature and can score rows
        FeatureMatrix blank = new FeatureMatrix(List.of("x1", "x2"), new int[][] {{}, {}, {}}, new double[][] {{}, {}, {}},
                new String[] {"a", "b", "a"}, null, new int[] {0, 1, 2});
        LinearSGDModel ours = new LogisticSgd(5, 1, 0.5, SEED).train(blank);
        ImmutableFeatureMap expected = Datasets.classification(blank).getFeatureIDMap();
        assertEquals(1, expected.size());
        assertEquals(expected.size(), ours.getFeatureIDMap().size());
        assertEquals(expected.getID("x1"), ours.getFeatureIDMap().getID("x1"));
        FeatureMatrix toScore = new FeatureMatrix(blank.names(), new int[][] {{1}, {}, {0, 1}},
                new double[][] {{3}, {}, {2, -1}}, null, null, new int[] {0, 1, 2});
        Datasets.Encoder encoder = Datasets.encoder(toScore.names());
        for (int r = 0; r < toScore.rows(); r++) {
            Example<Label> row = KnownFeatures.of(ours, encoder.example(toScore, r, new Label("a")));
            Prediction<Label> p = ours.predict(row);
            assertEquals("a", p.getOutput().getLabel(), "row " + r + ": the intercept alone, which favours the majority");
        }
    }

    @Test
    void theModelPredictsSavesAndLoadsLikeTribuos(@TempDir Path dir) throws Exception {
        FeatureMatrix m = matrix(2000, 3);
        LinearSGDModel ours = new LogisticSgd(5, 8, 0.1, SEED).train(m);
        LinearSGDModel expected = tribuo(Datasets.classification(m), 5, 8, 0.1);
        Datasets.Encoder enc = Datasets.encoder(m.names());
        int agree = 0;
        int correct = 0;
        for (int r = 0; r < m.rows(); r++) {
            Example<Label> e = enc.example(m, r, new Label(m.labels()[r]));
            Prediction<Label> p = ours.predict(e);
            Prediction<Label> q = expected.predict(e);
            assertEquals(q.getOutput().getScore(), p.getOutput().getScore(), 1e-9);
            agree += p.getOutput().getLabel().equals(q.getOutput().getLabel()) ? 1 : 0;
            correct += p.getOutput().getLabel().equals(m.labels()[r]) ? 1 : 0;
        }
        assertEquals(m.rows(), agree); // three classes: chance is 1/3
        assertTrue(correct > 0.45 * m.rows(), "accuracy " + correct / (double) m.rows());

        Path file = dir.resolve("model.tribuo");
        ours.serializeToFile(file);
        assertTrue(Files.size(file) > 0);
        Model<?> loaded = Model.deserializeFromFile(file);
        assertInstanceOf(LinearSGDModel.class, loaded);
        assertEquals(ours.getWeightsCopy(), ((LinearSGDModel) loaded).getWeightsCopy());
        assertTrue(loaded.getProvenance().getTrainerProvenance().toString().contains("LogisticSgd"),
                loaded.getProvenance().getTrainerProvenance().toString());
        assertEquals(m.rows(), loaded.getProvenance().getDatasetProvenance().getNumExamples());
    }

    @Test
    void badRowsAreNamed() {
        FeatureMatrix m = matrix(10, 4);
        m.values()[3][0] = Double.NaN;
        RunException e = assertThrows(RunException.class, () -> new LogisticSgd(1, 1, 0.1, SEED).train(m));
        assertTrue(e.getMessage().contains("`x1`") && e.getMessage().contains("row 4"), e.getMessage());
        FeatureMatrix noLabel = matrix(10, 4);
        noLabel.labels()[5] = null;
        e = assertThrows(RunException.class, () -> new LogisticSgd(1, 1, 0.1, SEED).train(noLabel));
        assertTrue(e.getMessage().contains("row 6"), e.getMessage());
        FeatureMatrix empty = new FeatureMatrix(List.of("x"), new int[0][], new double[0][], new String[0], null, null);
        assertThrows(RunException.class, () -> new LogisticSgd(1, 1, 0.1, SEED).train(empty));
    }
}
