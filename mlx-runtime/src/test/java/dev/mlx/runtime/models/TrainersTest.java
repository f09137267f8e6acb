package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.clustering.ClusterID;
import org.tribuo.regression.Regressor;
import tech.tablesaw.api.Table;

class TrainersTest {
    private static final long SEED = 7;
    private static FeatureMatrix classTrain;
    private static FeatureMatrix classTest;
    private static FeatureMatrix regTrain;
    private static FeatureMatrix regTest;
    private static FeatureMatrix blobs;

    /** Small settings so every kind trains in well under a second. */
    private static final Map<String, Map<String, Object>> FAST = Map.of(
            "forest", Map.of("trees", 10L),
            "extra_trees", Map.of("trees", 10L),
            "xgboost", Map.of("trees", 10L),
            "adaboost", Map.of("rounds", 10L),
            "factorization_machine", Map.of("epochs", 10L),
            "kmeans", Map.of("k", 3L),
            "hdbscan", Map.of("min_cluster_size", 10L));

    @BeforeAll
    static void data() {
        // min-max scaled features: non-negative (naive Bayes) and scaled (SGD, SVM, kNN)
        Table c = TestData.classification(300, 3, 1);
        classTrain = minMax(c.inRange(0, 240), c.inRange(0, 240), "label", Task.CLASSIFICATION);
        classTest = minMax(c.inRange(0, 240), c.inRange(240, 300), "label", Task.CLASSIFICATION);
        Table r = TestData.regression(300, 2);
        regTrain = new TestData.Pipeline(r.inRange(0, 240), List.of("x1", "x2", "x3"), "y", Task.REGRESSION)
                .transform(r.inRange(0, 240));
        regTest = new TestData.Pipeline(r.inRange(0, 240), List.of("x1", "x2", "x3"), "y", Task.REGRESSION)
                .transform(r.inRange(240, 300));
        Table b = TestData.blobs(150, 3);
        blobs = new TestData.Pipeline(b, List.of("x1", "x2"), "label", Task.CLUSTERING).transform(b);
    }

    /** Features scaled to 0..1 by the minimum and maximum of {@code fitOn}. */
    static FeatureMatrix minMax(Table fitOn, Table t, String target, Task task) {
        List<String> cols = List.of("x1", "x2", "x3");
        FeatureMatrix m = new TestData.Pipeline(fitOn, cols, target, task).transform(t);
        double[] lo = new double[cols.size()];
        double[] hi = new double[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            lo[j] = fitOn.numberColumn(cols.get(j)).min();
            hi[j] = fitOn.numberColumn(cols.get(j)).max();
        }
        int[][] idx = new int[t.rowCount()][];
        double[][] val = new double[t.rowCount()][];
        for (int i = 0; i < t.rowCount(); i++) {
            List<Integer> is = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (int j = 0; j < cols.size(); j++) {
                double v = (t.numberColumn(cols.get(j)).getDouble(i) - lo[j]) / (hi[j] - lo[j]);
                if (v != 0) {
                    is.add(j);
                    vs.add(v);
                }
            }
            idx[i] = is.stream().mapToInt(Integer::intValue).toArray();
            val[i] = vs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new FeatureMatrix(cols, idx, val, m.labels(), m.targets(), m.rowIds());
    }

    static Model model(String kind, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(FAST.getOrDefault(kind, Map.of()));
        p.putAll(extra);
        return new Model(kind, kind, p);
    }

    @SuppressWarnings("unchecked")
    static double accuracy(String kind, Map<String, Object> params) {
        Trainer<Label> t = (Trainer<Label>) Trainers.trainer(model(kind, params), Task.CLASSIFICATION, SEED);
        org.tribuo.Model<Label> m = t.train(Datasets.classification(classTrain));
        int right = 0;
        for (int i = 0; i < classTest.rows(); i++) {
            Prediction<Label> p = m.predict((Example<Label>) Datasets.example(classTest, i, Task.CLASSIFICATION));
            right += p.getOutput().getLabel().equals(classTest.labels()[i]) ? 1 : 0;
        }
        return (double) right / classTest.rows();
    }

    @SuppressWarnings("unchecked")
    static double r2(String kind, Map<String, Object> params) {
        Trainer<Regressor> t = (Trainer<Regressor>) Trainers.trainer(model(kind, params), Task.REGRESSION, SEED);
        org.tribuo.Model<Regressor> m = t.train(Datasets.regression(regTrain));
        double mean = 0;
        for (double y : regTest.targets()) {
            mean += y;
        }
        mean /= regTest.rows();
        double res = 0;
        double tot = 0;
        for (int i = 0; i < regTest.rows(); i++) {
            double yhat = m.predict((Example<Regressor>) Datasets.example(regTest, i, Task.REGRESSION)).getOutput().getValues()[0];
            double y = regTest.targets()[i];
            res += (y - yhat) * (y - yhat);
            tot += (y - mean) * (y - mean);
        }
        return 1 - res / tot;
    }

    @Test
    void everyClassifierLearnsAndTheBaselineDoesNot() {
        Map<String, Double> acc = new HashMap<>();
        for (ModelSpec spec : Catalog.get().models().values()) {
            if (spec.tasks().contains(Task.CLASSIFICATION)) {
                acc.put(spec.kind(), accuracy(spec.kind(), Map.of()));
            }
        }
        for (Map.Entry<String, Double> e : acc.entrySet()) {
            if (e.getKey().equals("baseline")) {
                assertTrue(e.getValue() < 0.45, "baseline " + e.getValue());
            } else {
                assertTrue(e.getValue() >= 0.75, e.getKey() + " accuracy " + e.getValue() + " in " + acc);
            }
        }
        assertEquals(Set.copyOf(Catalog.get().modelsFor(Task.CLASSIFICATION)).size(), acc.size());
    }

    @Test
    void everyRegressorFitsATargetFarFromZero() {
        Map<String, Double> r2 = new HashMap<>();
        for (ModelSpec spec : Catalog.get().models().values()) {
            if (spec.tasks().contains(Task.REGRESSION)) {
                r2.put(spec.kind(), r2(spec.kind(), Map.of()));
            }
        }
        for (Map.Entry<String, Double> e : r2.entrySet()) {
            if (e.getKey().equals("baseline")) {
                assertTrue(e.getValue() < 0.1, "baseline " + e.getValue());
            } else {
                assertTrue(e.getValue() >= 0.7, e.getKey() + " R2 " + e.getValue() + " in " + r2);
            }
        }
    }

    @Test
    void linearRegressionCentresTheTarget() {
        // ten epochs of AdaGrad at 0.1 cannot walk an intercept to 1000; the centred fit needs no walk
        assertTrue(r2("linear", Map.of("epochs", 10L)) > 0.95);
    }

    @Test
    void xgboostStartsRegressionFromTheMean() {
        // three trees at eta 0.1 from a base score of 0.5 would be far from 1000
        assertTrue(r2("xgboost", Map.of("trees", 3L, "eta", 0.1)) > 0.2);
    }

    @Test
    void settingsThatWereMeasuredToMatter() {
        Trainer<?> xgb = Trainers.trainer(model("xgboost", Map.of()), Task.CLASSIFICATION, SEED);
        assertTrue(xgb.toString().contains("tree_method=hist"), xgb.toString());
        Trainer<?> xgbr = Trainers.trainer(model("xgboost", Map.of()), Task.REGRESSION, SEED);
        assertTrue(xgbr.toString().contains("tree_method=hist"), xgbr.toString());
        Trainer<?> logistic = Trainers.trainer(new Model("lr", "logistic", Map.of()), Task.CLASSIFICATION, SEED);
        assertEquals("LogisticLbfgs(c=1.0,tolerance=1.0E-4,maxIterations=100)", logistic.toString());
        Trainer<?> sgd = Trainers.trainer(new Model("lr", "logistic", Map.of("solver", "sgd")), Task.CLASSIFICATION, SEED);
        assertTrue(sgd.toString().contains("epochs=30"), sgd.toString());
        Trainer<?> longer = Trainers.trainer(new Model("lr", "logistic", Map.of("solver", "sgd", "epochs", 50L)),
                Task.CLASSIFICATION, SEED);
        assertTrue(longer.toString().contains("epochs=50"), longer.toString());
        Trainer<?> implied = Trainers.trainer(new Model("lr", "logistic", Map.of("epochs", 50L)), Task.CLASSIFICATION, SEED);
        assertTrue(implied.toString().startsWith("LogisticSgd(epochs=50"), "an SGD setting implies solver sgd: " + implied);
        Trainer<?> linear = Trainers.trainer(new Model("ls", "linear", Map.of()), Task.REGRESSION, SEED);
        assertEquals("LeastSquares(ridge=0.0)", linear.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void probabilitiesAsTheCatalogSays() {
        Dataset<Label> data = Datasets.classification(classTrain);
        for (String kind : List.of("logistic", "svm", "cart", "forest", "extra_trees", "xgboost", "naive_bayes")) {
            Trainer<Label> t = (Trainer<Label>) Trainers.trainer(model(kind, Map.of()), Task.CLASSIFICATION, SEED);
            assertTrue(t.train(data).generatesProbabilities(), kind);
            assertTrue(Catalog.get().model(kind).probabilistic(), kind);
        }
        for (String kind : List.of("knn", "linear_svm")) {
            assertFalse(Catalog.get().model(kind).probabilistic(), kind);
        }
    }

    @Test
    void fileValuesOverrideDefaults() {
        // one neighbour and one tree of unlimited depth both memorise the training rows
        @SuppressWarnings("unchecked")
        Trainer<Label> knn1 = (Trainer<Label>) Trainers.trainer(model("knn", Map.of("k", 1L)), Task.CLASSIFICATION, SEED);
        org.tribuo.Model<Label> m = knn1.train(Datasets.classification(classTrain));
        int right = 0;
        for (int i = 0; i < classTrain.rows(); i++) {
            @SuppressWarnings("unchecked")
            Example<Label> e = (Example<Label>) Datasets.example(classTrain, i, Task.CLASSIFICATION);
            right += m.predict(e).getOutput().getLabel().equals(classTrain.labels()[i]) ? 1 : 0;
        }
        assertEquals(classTrain.rows(), right);
        assertTrue(Trainers.trainer(model("cart", Map.of("max_depth", 3L)), Task.CLASSIFICATION, SEED).toString()
                .contains("maxDepth=3"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusteringFindsTheBlobs() {
        Dataset<ClusterID> data = Datasets.clustering(blobs);
        for (String kind : List.of("kmeans", "hdbscan")) {
            Trainer<ClusterID> t = (Trainer<ClusterID>) Trainers.trainer(model(kind, Map.of()), Task.CLUSTERING, SEED);
            org.tribuo.Model<ClusterID> m = t.train(data);
            Map<String, Set<Integer>> byBlob = new HashMap<>();
            for (int i = 0; i < blobs.rows(); i++) {
                int id = m.predict((Example<ClusterID>) Datasets.example(blobs, i, Task.CLUSTERING)).getOutput().getID();
                byBlob.computeIfAbsent(blobs.labels()[i], x -> new java.util.HashSet<>()).add(id);
            }
            assertEquals(3, byBlob.size(), kind);
            Set<Integer> distinct = new java.util.HashSet<>();
            byBlob.values().forEach(s -> {
                assertEquals(1, s.size(), kind + " splits a blob: " + byBlob);
                distinct.addAll(s);
            });
            assertEquals(3, distinct.size(), kind + " merges blobs: " + byBlob);
        }
    }

    @Test
    void aRangeOfKIsChosenBySilhouette() {
        KMeansRangeTrainer t = (KMeansRangeTrainer) Trainers.trainer(new Model("km", "kmeans", Map.of("k", new long[] {2, 6})),
                Task.CLUSTERING, SEED);
        org.tribuo.Model<ClusterID> m = t.train(Datasets.clustering(blobs));
        assertEquals(List.of(2, 3, 4, 5, 6), new ArrayList<>(t.lastScores().keySet()));
        assertEquals(3, ((org.tribuo.clustering.kmeans.KMeansModel) m).getCentroidVectors().length, t.lastScores().toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void sgdCopesWithRowsOfMixedDensity() {
        // row 0 lacks x2 (a zero), row 1 holds every feature: Tribuo 4.3.2 alone fails on such a mini-batch
        FeatureMatrix m = new FeatureMatrix(List.of("x1", "x2"), new int[][] {{0}, {0, 1}, {0, 1}, {1}},
                new double[][] {{1}, {2, 1}, {-1, 3}, {2}}, new String[] {"a", "b", "a", "b"}, null, new int[] {0, 1, 2, 3});
        Dataset<Label> mixed = Datasets.classification(m);
        Dataset<Label> uniform = SgdTrainer.uniformDensity(mixed);
        assertTrue(uniform != mixed);
        uniform.forEach(e -> assertEquals(2, e.size()));
        for (String kind : List.of("logistic", "factorization_machine")) {
            Map<String, Object> sgd = kind.equals("logistic") ? Map.of("solver", "sgd", "batch_size", 4L) : Map.of("batch_size", 4L);
            Trainer<Label> t = (Trainer<Label>) Trainers.trainer(model(kind, sgd), Task.CLASSIFICATION, SEED);
            assertNotNull(t.train(mixed));
        }
        Trainer<Label> l2 = (Trainer<Label>) Trainers.trainer(model("logistic", Map.of("solver", "sgd", "l2", 0.01)),
                Task.CLASSIFICATION, SEED);
        assertTrue(l2.toString().contains("AdaGradRDA"), l2.toString());
        assertNotNull(l2.train(mixed));
        // all rows sparse: left as it is, no copy
        FeatureMatrix sparse = new FeatureMatrix(List.of("x1", "x2"), new int[][] {{0}, {1}}, new double[][] {{1}, {2}},
                new String[] {"a", "b"}, null, new int[] {0, 1});
        Dataset<Label> s = Datasets.classification(sparse);
        assertTrue(SgdTrainer.uniformDensity(s) == s);
    }

    @Test
    void treesAreMlxsOwnWithScikitLearnsDefaults() {
        String forest = Trainers.trainer(new Model("f", "forest", Map.of()), Task.CLASSIFICATION, SEED).toString();
        assertEquals("TreeClassificationTrainer(trees=100,maxDepth=64,minLeafWeight=1.0,featuresPerSplit=0.0,bootstrap=true,"
                + "randomSplits=false,seed=" + SEED + ")", forest);
        // every feature at every split is allowed now: the trees are mlx's, not Tribuo's RandomForestTrainer
        assertNotNull(Trainers.trainer(new Model("f", "forest", Map.of("fraction_features", 1.0)), Task.REGRESSION, SEED));
    }

    @Test
    void aKindOutsideItsTaskIsABug() {
        assertThrows(IllegalArgumentException.class,
                () -> Trainers.trainer(new Model("l", "logistic", Map.of()), Task.REGRESSION, SEED));
    }
}
