package dev.mlx.spark;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.runtime.base.JsonFiles;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.features.FittedFeatures;
import dev.mlx.runtime.features.LearnedPipeline;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.models.ImportedModels;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.serve.Profile;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import dev.mlx.runtime.models.ImportedTree;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.NaiveBayesModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.tree.CategoricalSplit;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.tribuo.Model;

/**
 * The selected model leaves Spark: its fitted parameters become a Tribuo model and the fitted features
 * the runtime's own pipeline ({@link LearnedPipeline}), written as {@code model.tribuo} and its pipeline
 * file, with {@code serving.json} from the training rows ({@link SparkProfile}). {@code serve},
 * {@code predict} and the embedding API then score the Spark-trained model in the ordinary runtime, without
 * Spark. Every model the engine trains for classification or regression is exported: linear models and naive
 * Bayes as Tribuo's linear model, trees and forests as Tribuo's tree models (a forest averaging its trees'
 * probabilities or values), gradient-boosted trees as an ensemble whose combiner adds the weighted trees and
 * applies the logistic loss' link, the perceptron as mlx's own mlp model with MLlib's sigmoid hidden layers; a
 * model of any other kind makes the run say why it is not exported, and nothing stale is left to be served.
 */
final class SparkExport {
    static final String MODEL_FILE = "model.tribuo";

    /** What a fitted baseline learned: the class shares (classification) or the mean (regression). */
    record Baseline(double[] shares, double mean) {
    }

    /** The files written, or why there are none. */
    record Outcome(List<RunResult.ExportedFile> exports, String notExported) {
        Outcome {
            exports = List.copyOf(exports);
        }
    }

    private SparkExport() {
    }

    /** Removes a previous run's served files, so a run that exports nothing cannot leave an older model served. */
    static void clear(Path outDir) {
        for (String name : List.of(MODEL_FILE, MODEL_FILE + ".pipeline", Profile.FILE, "predictions.csv")) {
            try {
                Files.deleteIfExists(outDir.resolve(name));
            } catch (IOException x) {
                throw new RunException("cannot clear " + outDir.resolve(name) + ": " + x.getMessage(), x);
            }
        }
    }

    /**
     * Writes the model {@code name} of kind {@code kind}, fitted on Spark as {@code fitted} over the feature
     * vector {@code features}, with the pipeline {@code learned}.
     */
    static Outcome write(Experiment e, String name, String kind, Object fitted, List<String> features, FeaturesLearned learned,
                         List<String> classes, JsonArray columns, Map<String, Double> holdout, Path outDir, String trainedBy) {
        Model<?> model = tribuo(kind, fitted, features, classes, trainedBy);
        if (model == null) {
            return new Outcome(List.of(), "`" + kind + "` trained on Spark is not exported to the runtime's formats yet: "
                    + "select another model to serve it without Spark");
        }
        FittedFeatures pipeline = LearnedPipeline.rebuild(learned, e.data().columns(), e.scope().target(), e.data().id(),
                e.scope().task());
        if (!new HashSet<>(pipeline.featureNames()).equals(new HashSet<>(features))) {
            throw new RunException("the features rebuilt for the runtime (" + pipeline.featureNames()
                    + ") are not the ones Spark trained on (" + features + ")");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException x) {
            throw new RunException("cannot create " + outDir + ": " + x.getMessage(), x);
        }
        Path file = outDir.resolve(MODEL_FILE);
        Export.tribuo(model, pipeline, file);
        List<Profile.Variant> variants = List.of(new Profile.Variant(name, MODEL_FILE, Export.sha256(file),
                Export.sha256(Export.pipelinePath(file))));
        JsonObject metrics = new JsonObject();
        holdout.forEach((k, v) -> metrics.addProperty(k, v));
        JsonFiles.write(outDir.resolve(Profile.FILE), Profile.build(e, columns, classes, name, variants, metrics));
        List<RunResult.ExportedFile> out = new ArrayList<>();
        try {
            out.add(new RunResult.ExportedFile("tribuo", file.toString(), true, Files.size(file), DataLoader.sha256(file),
                    DataLoader.sha256(Export.pipelinePath(file)), null, null));
        } catch (IOException x) {
            throw new RunException("cannot read back " + file + ": " + x.getMessage(), x);
        }
        return new Outcome(out, null);
    }

    /** The Tribuo model for a fitted Spark model, or null when this kind is not exported. */
    static Model<?> tribuo(String kind, Object fitted, List<String> features, List<String> classes, String by) {
        if (fitted instanceof Baseline b) {
            if (b.shares() != null) {
                double[][] zero = new double[classes.size()][features.size()];
                double[] intercepts = new double[classes.size()];
                for (int k = 0; k < intercepts.length; k++) {
                    // softmax of log shares gives back the shares: the majority class, with the training shares
                    intercepts[k] = Math.log(Math.max(b.shares()[k], Double.MIN_NORMAL));
                }
                return ImportedModels.logistic(features, classes, zero, intercepts, by);
            }
            return ImportedModels.linear(features, new double[features.size()], b.mean(), by);
        }
        if (fitted instanceof LogisticRegressionModel lr) {
            return ImportedModels.logistic(features, classes, rows(lr.coefficientMatrix()), lr.interceptVector().toArray(), by);
        }
        if (fitted instanceof LinearRegressionModel lin) {
            return ImportedModels.linear(features, lin.coefficients().toArray(), lin.intercept(), by);
        }
        if (fitted instanceof NaiveBayesModel nb) {
            if (!nb.getModelType().equals("multinomial")) {
                return null;
            }
            // multinomial naive Bayes is linear in the features: log prior + log likelihoods . x, softmaxed
            return ImportedModels.logistic(features, classes, rows(nb.theta()), nb.pi().toArray(), by);
        }
        if (fitted instanceof LinearSVCModel svm) {
            return ImportedModels.linearSvm(features, classes, svm.coefficients().toArray(), svm.intercept(), by);
        }
        if (fitted instanceof DecisionTreeClassificationModel tree) {
            return ImportedModels.classificationTrees(features, classes, List.of(tree(tree.rootNode(), true)), by);
        }
        if (fitted instanceof RandomForestClassificationModel forest) {
            List<ImportedTree> trees = new ArrayList<>();
            for (DecisionTreeClassificationModel t : forest.trees()) {
                trees.add(tree(t.rootNode(), true));
            }
            return ImportedModels.classificationTrees(features, classes, trees, by);
        }
        if (fitted instanceof DecisionTreeRegressionModel tree) {
            return ImportedModels.regressionTrees(features, List.of(tree(tree.rootNode(), false)), by);
        }
        if (fitted instanceof RandomForestRegressionModel forest) {
            List<ImportedTree> trees = new ArrayList<>();
            for (DecisionTreeRegressionModel t : forest.trees()) {
                trees.add(tree(t.rootNode(), false));
            }
            return ImportedModels.regressionTrees(features, trees, by);
        }
        if (fitted instanceof GBTClassificationModel gbt) {
            return ImportedModels.boostedClassification(features, classes, regressionTrees(gbt.trees()), gbt.treeWeights(), by);
        }
        if (fitted instanceof GBTRegressionModel gbt) {
            return ImportedModels.boostedRegression(features, regressionTrees(gbt.trees()), gbt.treeWeights(), by);
        }
        if (fitted instanceof MultilayerPerceptronClassificationModel mlp) {
            return mlp(mlp, features, classes, by);
        }
        return null;
    }

    private static double[][] rows(Matrix m) {
        double[][] w = new double[m.numRows()][m.numCols()];
        for (int k = 0; k < m.numRows(); k++) {
            for (int f = 0; f < m.numCols(); f++) {
                w[k][f] = m.apply(k, f);
            }
        }
        return w;
    }

    private static List<ImportedTree> regressionTrees(DecisionTreeRegressionModel[] trees) {
        List<ImportedTree> out = new ArrayList<>();
        for (DecisionTreeRegressionModel t : trees) {
            out.add(tree(t.rootNode(), false));
        }
        return out;
    }

    /**
     * MLlib's tree as the runtime's: a continuous split sends a value at most its threshold left, as Tribuo's
     * does; a leaf keeps the class probabilities (its training rows' class weights, normalised, as MLlib
     * predicts them) or its value.
     */
    static ImportedTree tree(Node node, boolean classification) {
        if (node instanceof InternalNode in) {
            ImportedTree left = tree(in.leftChild(), classification);
            ImportedTree right = tree(in.rightChild(), classification);
            if (in.split() instanceof ContinuousSplit c) {
                return new ImportedTree.Split(c.featureIndex(), c.threshold(), left, right);
            }
            CategoricalSplit c = (CategoricalSplit) in.split();
            boolean[] goesLeft = new boolean[c.numCategories()];
            for (double v : c.leftCategories()) {
                goesLeft[(int) v] = true;
            }
            return categorical(c.featureIndex(), goesLeft, 0, goesLeft.length - 1, left, right);
        }
        if (!classification) {
            return new ImportedTree.Leaf(new double[] {node.prediction()});
        }
        double[] stats = node.impurityStats().stats().clone();
        double total = 0;
        for (double v : stats) {
            total += v;
        }
        for (int k = 0; k < stats.length; k++) {
            stats[k] = total > 0 ? stats[k] / total : 0;
        }
        return new ImportedTree.Leaf(stats);
    }

    /**
     * A split on a categorical feature (values 0 .. k-1, the left ones listed) as threshold splits: the
     * categories {@code lo..hi} halved at a midpoint until each part goes one way.
     */
    private static ImportedTree categorical(int feature, boolean[] goesLeft, int lo, int hi, ImportedTree left,
                                            ImportedTree right) {
        boolean same = true;
        for (int v = lo + 1; v <= hi; v++) {
            same &= goesLeft[v] == goesLeft[lo];
        }
        if (same) {
            return goesLeft[lo] ? left : right;
        }
        int mid = (lo + hi) / 2;
        return new ImportedTree.Split(feature, mid + 0.5, categorical(feature, goesLeft, lo, mid, left, right),
                categorical(feature, goesLeft, mid + 1, hi, left, right));
    }

    /**
     * MLlib's perceptron weights, one vector over the layers: for each, the {@code out x in} matrix stored
     * column by column, then the {@code out} biases.
     */
    private static Model<?> mlp(MultilayerPerceptronClassificationModel mlp, List<String> features, List<String> classes,
                                String by) {
        int[] layers = mlp.getLayers();
        double[] data = mlp.weights().toArray();
        double[][][] w = new double[layers.length - 1][][];
        double[][] b = new double[layers.length - 1][];
        int offset = 0;
        for (int l = 0; l < layers.length - 1; l++) {
            int in = layers[l];
            int out = layers[l + 1];
            w[l] = new double[in][out];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    w[l][i][o] = data[offset + o + i * out];
                }
            }
            offset += in * out;
            b[l] = java.util.Arrays.copyOfRange(data, offset, offset + out);
            offset += out;
        }
        if (offset != data.length) {
            throw new RunException("the perceptron's " + data.length + " weights do not fit its layers "
                    + java.util.Arrays.toString(layers));
        }
        return ImportedModels.mlp(features, classes, w, b, by);
    }
}
