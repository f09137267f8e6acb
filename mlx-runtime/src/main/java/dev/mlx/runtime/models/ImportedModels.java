package dev.mlx.runtime.models;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.mlx.runtime.base.RunException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableOutputInfo;
import org.tribuo.RealInfo;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.regression.ensemble.AveragingCombiner;
import dev.mlx.runtime.models.mlp.Activation;
import dev.mlx.runtime.models.mlp.MlpClassificationModel;
import dev.mlx.runtime.models.tree.BoostedMarginCombiner;
import dev.mlx.runtime.models.tree.TribuoTrees;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.protos.RegressionLinearSGDProto;

/**
 * Models trained by another engine (Spark's MLlib), rebuilt as Tribuo's own model classes from their
 * fitted parameters, so that {@link Export}, {@code serve}, {@code predict} and the embedding API use
 * them as any model this runtime trained. Features are matched by name, so the weights may come in any
 * feature order. The model's provenance says where it came from ({@code trainedBy}) and holds no
 * dataset: the rows stayed on the cluster.
 */
public final class ImportedModels {
    private static final String LINEAR_NAME = "linear-sgd-model";

    private ImportedModels() {
    }

    /**
     * A logistic (softmax) classifier: for each of {@code classes} a row of {@code coefficients} over
     * {@code features} and its intercept; a class's probability is the softmax of the rows' scores. A
     * binary model given as one row (the second class's scores against a first class's zero) is accepted
     * too.
     */
    public static Model<Label> logistic(List<String> features, List<String> classes, double[][] coefficients,
                                        double[] intercepts, String trainedBy) {
        double[][] rows = coefficients;
        double[] bias = intercepts;
        if (classes.size() == 2 && coefficients.length == 1) {
            rows = new double[][] {new double[features.size()], coefficients[0]};
            bias = new double[] {0, intercepts[0]};
        }
        if (rows.length != classes.size() || bias.length != classes.size()) {
            throw new RunException("the imported logistic model has " + rows.length + " rows of weights for "
                    + classes.size() + " classes");
        }
        ImmutableFeatureMap map = features(features);
        ImmutableOutputInfo<Label> labels = labels(classes);
        double[][] w = new double[classes.size()][map.size() + 1];
        for (int k = 0; k < classes.size(); k++) {
            int row = labels.getID(new Label(classes.get(k)));
            place(w[row], rows[k], features, map, bias[k]);
        }
        ModelDataCarrier<Label> carrier = new ModelDataCarrier<>(LINEAR_NAME, provenance(
                org.tribuo.classification.sgd.linear.LinearSGDModel.class, trainedBy), map, labels, true, Tribuo.VERSION);
        return LogisticLbfgs.linearSgdModel(carrier, w);
    }

    /** A linear regression: {@code coefficients} over {@code features} and the intercept. */
    public static Model<Regressor> linear(List<String> features, double[] coefficients, double intercept, String trainedBy) {
        ImmutableFeatureMap map = features(features);
        MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
        info.observe(new Regressor(Datasets.TARGET, 0));
        ImmutableOutputInfo<Regressor> outputs = info.generateImmutableOutputInfo();
        double[][] w = new double[1][map.size() + 1];
        place(w[0], coefficients, features, map, intercept);
        ModelDataCarrier<Regressor> carrier = new ModelDataCarrier<>(LINEAR_NAME, provenance(
                org.tribuo.regression.sgd.linear.LinearSGDModel.class, trainedBy), map, outputs, false, Tribuo.VERSION);
        RegressionLinearSGDProto proto = RegressionLinearSGDProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setParams(new LinearParameters(DenseMatrix.createDenseMatrix(w)).serialize())
                .addDimensionNames(Datasets.TARGET)
                .build();
        try {
            return org.tribuo.regression.sgd.linear.LinearSGDModel.deserializeFromProto(
                    org.tribuo.regression.sgd.linear.LinearSGDModel.CURRENT_VERSION,
                    org.tribuo.regression.sgd.linear.LinearSGDModel.class.getName(), Any.pack(proto));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo refused the imported linear model", e);
        }
    }

    /**
     * A classification tree ({@code trees} of one) or a forest whose trees' class probabilities are averaged:
     * Tribuo's {@code TreeModel}s, several in a {@code WeightedEnsembleModel} with its fully weighted vote,
     * as mlx's own forests are built. Leaves hold the class probabilities in {@code classes}' order.
     */
    public static Model<Label> classificationTrees(List<String> features, List<String> classes, List<ImportedTree> trees,
                                                   String trainedBy) {
        ImmutableFeatureMap map = features(features);
        ImmutableOutputInfo<Label> labels = labels(classes);
        ModelProvenance provenance = provenance(TreeModel.class, trainedBy);
        List<Model<Label>> models = new ArrayList<>();
        for (ImportedTree t : trees) {
            models.add(TribuoTrees.of(TREE_NAME, provenance, map, labels, true,
                    node(t, features, map, leaf -> classLeaf(leaf.values(), classes))));
        }
        return models.size() == 1 ? models.get(0)
                : WeightedEnsembleModel.createEnsembleFromExistingModels(ENSEMBLE_NAME, models, new FullyWeightedVotingCombiner());
    }

    /** A regression tree, or a forest whose trees' values are averaged. */
    public static Model<Regressor> regressionTrees(List<String> features, List<ImportedTree> trees, String trainedBy) {
        double[] ones = new double[trees.size()];
        java.util.Arrays.fill(ones, 1.0 / trees.size());
        return trees.size() == 1 ? regressionTree(features, trees.get(0), 1, trainedBy)
                : averaged(features, trees, ones, trainedBy);
    }

    /**
     * Gradient-boosted regression trees: the prediction is the sum of every tree's value times its weight
     * (MLlib's first tree weighs 1, the others the learning rate).
     */
    public static Model<Regressor> boostedRegression(List<String> features, List<ImportedTree> trees, double[] weights,
                                                     String trainedBy) {
        if (weights.length != trees.size()) {
            throw new RunException("the imported booster has " + weights.length + " weights for " + trees.size() + " trees");
        }
        return averaged(features, trees, weights, trainedBy);
    }

    /**
     * Gradient-boosted binary classification trees under the logistic loss: the margin {@code F} is the
     * weighted sum of the trees' values, and the second class's probability {@code 1 / (1 + e^(-2F))}
     * (MLlib's). Each tree adds its weighted value to the second class's score and takes it from the
     * first's; {@link BoostedMarginCombiner} sums the scores and applies the softmax, which gives exactly
     * that probability.
     */
    public static Model<Label> boostedClassification(List<String> features, List<String> classes, List<ImportedTree> trees,
                                                     double[] weights, String trainedBy) {
        if (classes.size() != 2) {
            throw new RunException("boosted trees are imported for two classes, not " + classes.size());
        }
        if (weights.length != trees.size()) {
            throw new RunException("the imported booster has " + weights.length + " weights for " + trees.size() + " trees");
        }
        ImmutableFeatureMap map = features(features);
        ImmutableOutputInfo<Label> labels = labels(classes);
        ModelProvenance provenance = provenance(TreeModel.class, trainedBy);
        List<Model<Label>> models = new ArrayList<>();
        for (int t = 0; t < trees.size(); t++) {
            double w = weights[t];
            models.add(TribuoTrees.of(TREE_NAME, provenance, map, labels, false, node(trees.get(t), features, map,
                    leaf -> marginLeaf(w * leaf.values()[0], classes))));
        }
        // each member's weight is 1: the leaves already hold the weighted values, and Tribuo's default is 1 / members
        float[] ones = new float[models.size()];
        java.util.Arrays.fill(ones, 1f);
        return WeightedEnsembleModel.createEnsembleFromExistingModels(ENSEMBLE_NAME, models, new BoostedMarginCombiner(), ones);
    }

    /**
     * A perceptron classifier: {@code weights[l][i][j]} takes input {@code i} of layer {@code l} (the
     * {@code i}-th of {@code features} in the first layer) to output {@code j} (the {@code j}-th of
     * {@code classes} in the last), with {@code biases[l][j]}; sigmoid hidden layers and a softmax output,
     * as MLlib's perceptron.
     */
    public static Model<Label> mlp(List<String> features, List<String> classes, double[][][] weights, double[][] biases,
                                   String trainedBy) {
        ImmutableFeatureMap map = features(features);
        ImmutableOutputInfo<Label> labels = labels(classes);
        int layers = weights.length;
        if (layers == 0 || weights[0].length != features.size() || biases[layers - 1].length != classes.size()) {
            throw new RunException("the imported perceptron's layers do not take " + features.size() + " features to "
                    + classes.size() + " classes");
        }
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[weights[l].length][];
            for (int i = 0; i < weights[l].length; i++) {
                int row = l == 0 ? map.getID(features.get(i)) : i;
                w[l][row] = weights[l][i].clone();
            }
            b[l] = biases[l].clone();
        }
        int last = layers - 1;
        for (int i = 0; i < w[last].length; i++) {
            w[last][i] = byLabelId(w[last][i], classes, labels);
        }
        b[last] = byLabelId(b[last], classes, labels);
        return MlpClassificationModel.of(MLP_NAME, provenance(MlpClassificationModel.class, trainedBy), map, labels, w, b,
                Activation.SIGMOID);
    }

    /**
     * A binary linear SVM: the second class when {@code coefficients . x + intercept > 0}. Kept as a linear
     * model whose scores are not probabilities (as the local engine's SVM gives none).
     */
    public static Model<Label> linearSvm(List<String> features, List<String> classes, double[] coefficients, double intercept,
                                         String trainedBy) {
        if (classes.size() != 2) {
            throw new RunException("a linear SVM is imported for two classes, not " + classes.size());
        }
        ImmutableFeatureMap map = features(features);
        ImmutableOutputInfo<Label> labels = labels(classes);
        double[][] w = new double[2][map.size() + 1];
        place(w[labels.getID(new Label(classes.get(1)))], coefficients, features, map, intercept);
        ModelDataCarrier<Label> carrier = new ModelDataCarrier<>(LINEAR_NAME, provenance(
                org.tribuo.classification.sgd.linear.LinearSGDModel.class, trainedBy), map, labels, false, Tribuo.VERSION);
        return LogisticLbfgs.linearSgdModel(carrier, w);
    }

    private static final String TREE_NAME = "cart-tree";
    private static final String ENSEMBLE_NAME = "tree-ensemble";
    private static final String MLP_NAME = "mlp";

    private static ImmutableOutputInfo<Label> labels(List<String> classes) {
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (String c : classes) {
            info.observe(new Label(c));
        }
        return info.generateImmutableOutputInfo();
    }

    private static double[] byLabelId(double[] inClassOrder, List<String> classes, ImmutableOutputInfo<Label> labels) {
        double[] out = new double[inClassOrder.length];
        for (int k = 0; k < classes.size(); k++) {
            out[labels.getID(new Label(classes.get(k)))] = inClassOrder[k];
        }
        return out;
    }

    /** Trees whose values are weighted and summed: each leaf scaled by its tree's weight and the count, then averaged. */
    private static Model<Regressor> averaged(List<String> features, List<ImportedTree> trees, double[] weights, String trainedBy) {
        List<Model<Regressor>> models = new ArrayList<>();
        for (int t = 0; t < trees.size(); t++) {
            models.add(regressionTree(features, trees.get(t), weights[t] * trees.size(), trainedBy));
        }
        return WeightedEnsembleModel.createEnsembleFromExistingModels(ENSEMBLE_NAME, models, new AveragingCombiner());
    }

    private static Model<Regressor> regressionTree(List<String> features, ImportedTree tree, double scale, String trainedBy) {
        ImmutableFeatureMap map = features(features);
        MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
        info.observe(new Regressor(Datasets.TARGET, 0));
        ImmutableOutputInfo<Regressor> outputs = info.generateImmutableOutputInfo();
        return TribuoTrees.of(TREE_NAME, provenance(TreeModel.class, trainedBy), map, outputs, false, node(tree, features, map,
                leaf -> new LeafNode<>(0, new Regressor(Datasets.TARGET, scale * leaf.values()[0]), Map.of(), false)));
    }

    private static LeafNode<Label> classLeaf(double[] probabilities, List<String> classes) {
        if (probabilities.length != classes.size()) {
            throw new RunException("an imported leaf has " + probabilities.length + " class probabilities for "
                    + classes.size() + " classes");
        }
        Map<String, Label> distribution = new java.util.LinkedHashMap<>();
        int best = 0;
        for (int k = 0; k < classes.size(); k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
            distribution.put(classes.get(k), new Label(classes.get(k), probabilities[k]));
        }
        return new LeafNode<>(0, new Label(classes.get(best), probabilities[best]), distribution, true);
    }

    private static LeafNode<Label> marginLeaf(double margin, List<String> classes) {
        Map<String, Label> scores = new java.util.LinkedHashMap<>();
        scores.put(classes.get(0), new Label(classes.get(0), -margin));
        scores.put(classes.get(1), new Label(classes.get(1), margin));
        int best = margin > 0 ? 1 : 0;
        return new LeafNode<>(0, new Label(classes.get(best), best == 1 ? margin : -margin), scores, false);
    }

    private static <T extends org.tribuo.Output<T>> Node<T> node(ImportedTree tree, List<String> features,
                                                                 ImmutableFeatureMap map,
                                                                 java.util.function.Function<ImportedTree.Leaf, LeafNode<T>> leaf) {
        if (tree instanceof ImportedTree.Leaf l) {
            return leaf.apply(l);
        }
        ImportedTree.Split s = (ImportedTree.Split) tree;
        if (s.feature() < 0 || s.feature() >= features.size()) {
            throw new RunException("an imported tree splits on feature " + s.feature() + " of " + features.size());
        }
        // SplitNode(split value, feature id, impurity, the node above the value, the node at or below it)
        return new SplitNode<>(s.threshold(), map.getID(features.get(s.feature())), 0,
                node(s.above(), features, map, leaf), node(s.atOrBelow(), features, map, leaf));
    }

    /** Every feature, known to the model with no statistics (a linear model uses only their ids). */
    private static ImmutableFeatureMap features(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<VariableInfo> infos = new ArrayList<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new RunException("the imported model names feature `" + n + "` twice");
            }
            infos.add(new RealInfo(n, 0, 0, 0, 0, 0));
        }
        return new ImmutableFeatureMap(infos);
    }

    /** The weights in Tribuo's feature-id order, the intercept last (Tribuo's bias feature). */
    private static void place(double[] row, double[] weights, List<String> features, ImmutableFeatureMap map, double intercept) {
        if (weights.length != features.size()) {
            throw new RunException("the imported model has " + weights.length + " weights for " + features.size() + " features");
        }
        for (int f = 0; f < weights.length; f++) {
            row[map.getID(features.get(f))] = weights[f];
        }
        row[row.length - 1] = intercept;
    }

    private static ModelProvenance provenance(Class<?> model, String trainedBy) {
        return new ModelProvenance(model.getName(), OffsetDateTime.now(), new EmptyDatasetProvenance(),
                new EmptyTrainerProvenance(), Map.of("trained-by", new com.oracle.labs.mlrg.olcut.provenance.primitives
                        .StringProvenance("trained-by", trainedBy)));
    }
}
