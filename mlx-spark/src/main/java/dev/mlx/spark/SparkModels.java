package dev.mlx.spark;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.Engine;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * A catalog model as an MLlib estimator, with its hyperparameters mapped: the catalog's defaults where
 * the file gives none, the experiment seed as the model's, tree depth capped at MLlib's 30. {@code baseline}
 * has no estimator (the majority class or the mean is computed directly).
 */
final class SparkModels {
    static final String LABEL = "label";
    /** MLlib's deepest tree. */
    static final int MAX_DEPTH = 30;

    private SparkModels() {
    }

    /** The estimator for {@code m}, or null for the baseline; {@code features} and {@code classes} size an MLP. */
    static Estimator<?> estimator(Model m, Task task, long seed, int features, int classes, long rows) {
        Engine.Refusal refusal = Engine.SPARK.model(m.kind(), task, classes);
        if (refusal != null) {
            throw new RunException("the Spark engine cannot train " + refusal.what() + ": use " + refusal.instead());
        }
        boolean cls = task == Task.CLASSIFICATION;
        long s = m.params().containsKey("seed") ? num(m, "seed").longValue() : seed;
        return switch (m.kind()) {
            case "baseline" -> null;
            case "logistic" -> new LogisticRegression().setMaxIter(100).setRegParam(num(m, "l2").doubleValue())
                    .setLabelCol(LABEL);
            case "linear" -> new LinearRegression().setRegParam(num(m, "l2").doubleValue()).setElasticNetParam(0)
                    .setLabelCol(LABEL);
            case "lasso" -> new LinearRegression().setRegParam(num(m, "alpha").doubleValue()).setElasticNetParam(1)
                    .setMaxIter(num(m, "max_iterations").intValue()).setLabelCol(LABEL);
            case "elastic_net" -> new LinearRegression().setRegParam(num(m, "alpha").doubleValue())
                    .setElasticNetParam(num(m, "l1_ratio").doubleValue()).setMaxIter(num(m, "max_iterations").intValue())
                    .setLabelCol(LABEL);
            // C-SVM's cost C is the hinge loss weight: MLlib's regParam is 1 / (C n)
            case "linear_svm" -> new LinearSVC().setRegParam(1.0 / (num(m, "cost").doubleValue() * Math.max(1, rows)))
                    .setTol(num(m, "epsilon").doubleValue()).setLabelCol(LABEL);
            case "naive_bayes" -> new NaiveBayes().setSmoothing(num(m, "alpha").doubleValue()).setLabelCol(LABEL);
            case "cart" -> cls
                    ? new DecisionTreeClassifier().setMaxDepth(depth(m)).setMinInstancesPerNode(minRows(m)).setSeed(s)
                            .setLabelCol(LABEL)
                    : new DecisionTreeRegressor().setMaxDepth(depth(m)).setMinInstancesPerNode(minRows(m)).setSeed(s)
                            .setLabelCol(LABEL);
            case "forest" -> cls
                    ? new RandomForestClassifier().setNumTrees(num(m, "trees").intValue()).setMaxDepth(depth(m))
                            .setMinInstancesPerNode(minRows(m)).setFeatureSubsetStrategy(fraction(m, "fraction_features", cls))
                            .setSeed(s).setLabelCol(LABEL)
                    : new RandomForestRegressor().setNumTrees(num(m, "trees").intValue()).setMaxDepth(depth(m))
                            .setMinInstancesPerNode(minRows(m)).setFeatureSubsetStrategy(fraction(m, "fraction_features", cls))
                            .setSeed(s).setLabelCol(LABEL);
            case "xgboost" -> cls
                    ? new GBTClassifier().setMaxIter(num(m, "trees").intValue()).setStepSize(num(m, "eta").doubleValue())
                            .setMaxDepth(depth(m)).setSubsamplingRate(num(m, "subsample").doubleValue())
                            .setFeatureSubsetStrategy(fraction(m, "colsample", cls)).setSeed(s).setLabelCol(LABEL)
                    : new GBTRegressor().setMaxIter(num(m, "trees").intValue()).setStepSize(num(m, "eta").doubleValue())
                            .setMaxDepth(depth(m)).setSubsamplingRate(num(m, "subsample").doubleValue())
                            .setFeatureSubsetStrategy(fraction(m, "colsample", cls)).setSeed(s).setLabelCol(LABEL);
            case "mlp" -> mlp(m, s, features, classes, cls);
            default -> throw new RunException("the Spark engine has no mapping for `" + m.kind() + "`");
        };
    }

    private static Estimator<?> mlp(Model m, long seed, int features, int classes, boolean cls) {
        if (!cls) {
            throw new RunException("the Spark engine cannot train a regression `mlp` (MLlib's perceptron classifies only):"
                    + " use `forest` or `xgboost`");
        }
        List<Integer> layers = new ArrayList<>();
        layers.add(features);
        Object hidden = m.params().get("hidden");
        if (hidden instanceof List<?> list) {
            list.forEach(h -> layers.add(((Number) h).intValue()));
        } else {
            layers.add(32);
        }
        layers.add(classes);
        return new MultilayerPerceptronClassifier().setLayers(layers.stream().mapToInt(Integer::intValue).toArray())
                .setMaxIter(num(m, "epochs").intValue()).setStepSize(num(m, "learning_rate").doubleValue())
                .setBlockSize(num(m, "batch_size").intValue()).setSeed(seed).setLabelCol(LABEL);
    }

    private static int depth(Model m) {
        return Math.min(MAX_DEPTH, num(m, "max_depth").intValue());
    }

    private static int minRows(Model m) {
        return m.params().containsKey("min_child_weight") || Catalog.get().model(m.kind()).param("min_child_weight") != null
                ? Math.max(1, (int) Math.ceil(num(m, "min_child_weight").doubleValue())) : 1;
    }

    /** A share of the features; 0 (the forest's default) is scikit-learn's: the square root for classes, all for numbers. */
    private static String fraction(Model m, String name, boolean cls) {
        double f = num(m, name).doubleValue();
        return f <= 0 ? (cls ? "sqrt" : "all") : f >= 1 ? "all" : Double.toString(f);
    }

    /** The value written for {@code name}, else the catalog's default. */
    static Number num(Model m, String name) {
        Object v = m.params().get(name);
        if (v == null) {
            ParamSpec p = Catalog.get().model(m.kind()).param(name);
            v = p == null ? null : p.defaultValue();
        }
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof String text) {
            return Double.parseDouble(text);
        }
        throw new IllegalStateException("no numeric value for `" + name + "` of `" + m.kind() + "`");
    }
}
