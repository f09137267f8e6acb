package dev.mlx.catalog;

import static dev.mlx.catalog.FunctionSpec.Use.CHECKS;
import static dev.mlx.catalog.FunctionSpec.Use.DERIVE;
import static dev.mlx.catalog.FunctionSpec.VARIADIC;
import static dev.mlx.catalog.MetricSpec.Direction.HIGHER_IS_BETTER;
import static dev.mlx.catalog.MetricSpec.Direction.LOWER_IS_BETTER;
import static dev.mlx.catalog.MetricSpec.Need.LABELS;
import static dev.mlx.catalog.MetricSpec.Need.PROBABILITIES;
import static dev.mlx.catalog.ModelSpec.Trait.NEEDS_SCALING;
import static dev.mlx.catalog.ModelSpec.Trait.ONNX;
import static dev.mlx.catalog.ModelSpec.Trait.PROBABILISTIC;
import static dev.mlx.catalog.Task.CLASSIFICATION;
import static dev.mlx.catalog.Task.CLUSTERING;
import static dev.mlx.catalog.Task.REGRESSION;

import dev.mlx.catalog.FunctionSpec.Use;
import dev.mlx.catalog.MetricSpec.Direction;
import dev.mlx.catalog.ModelSpec.Trait;
import dev.mlx.catalog.ParamSpec.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one source of truth about what the language accepts: blocks and their statements, models
 * with their Tribuo trainers and hyperparameters, metrics, transforms, functions and the words of
 * enumerated settings. The checker, the explain pages, the code generator, the language server and
 * the editor-keyword tests all read it.
 */
public final class Catalog {
    /** Built on first use, after every static constant below is initialised. */
    private static final class Holder {
        static final Catalog INSTANCE = new Catalog();
    }

    private final Map<String, ModelSpec> models = new LinkedHashMap<>();
    private final Map<String, MetricSpec> metrics = new LinkedHashMap<>();
    private final Map<String, TransformSpec> transforms = new LinkedHashMap<>();
    private final Map<String, FunctionSpec> functions = new LinkedHashMap<>();
    private final Map<String, BlockSpec> blocks = new LinkedHashMap<>();
    private final Map<String, List<String>> choices = new LinkedHashMap<>();

    public static Catalog get() {
        return Holder.INSTANCE;
    }

    private Catalog() {
        defineModels();
        defineMetrics();
        defineTransforms();
        defineFunctions();
        defineBlocks();
        defineChoices();
    }

    // ------------------------------------------------------------------ models

    private static ParamSpec p(String name, Type type, Double min, Double max, Object dflt, String doc) {
        return new ParamSpec(name, type, min, max, dflt, null, doc);
    }

    private static ParamSpec choice(String name, List<String> words, String dflt, String doc) {
        return new ParamSpec(name, Type.CHOICE, null, null, dflt, words, doc);
    }

    private final ParamSpec SEED = p("seed", Type.INT, 0.0, null, "the experiment seed", "random seed for this model");

    private void model(String kind, String title, int complexity, Map<Task, String> trainers, Set<Trait> traits,
                       String doc, ParamSpec... params) {
        models.put(kind, new ModelSpec(kind, title, complexity, trainers, traits, List.of(params), doc));
    }

    /** What a model kind gives and needs: {@code traits(PROBABILISTIC, ONNX)}; {@code traits()} for none. */
    private static Set<Trait> traits(Trait... traits) {
        Set<Trait> out = EnumSet.noneOf(Trait.class);
        out.addAll(List.of(traits));
        return out;
    }

    private static Map<Task, String> t(Object... pairs) {
        Map<Task, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Task) pairs[i], (String) pairs[i + 1]);
        }
        return m;
    }

    private void defineModels() {
        ParamSpec epochs = p("epochs", Type.INT, 1.0, 10_000.0, 30, "passes over the training data");
        ParamSpec lr = p("learning_rate", Type.FLOAT, 1e-6, 10.0, 0.1, "step size of the optimiser");
        ParamSpec batch = p("batch_size", Type.INT, 1.0, 100_000.0, 16, "rows per mini-batch");
        ParamSpec trees = p("trees", Type.INT, 1.0, 10_000.0, 100, "number of trees in the ensemble");
        ParamSpec depth = p("max_depth", Type.INT, 1.0, 64.0, 12, "deepest split of a tree");
        ParamSpec minChild = p("min_child_weight", Type.FLOAT, 0.001, null, 5.0, "smallest total weight a leaf may hold");
        ParamSpec fraction = p("fraction_features", Type.FLOAT, 0.01, 1.0, 1.0, "share of features each split considers");

        model("baseline", "Baseline (majority class or mean)", 0,
                t(CLASSIFICATION, "org.tribuo.classification.baseline.DummyClassifierTrainer",
                        REGRESSION, "org.tribuo.regression.baseline.DummyRegressionTrainer"),
                traits(PROBABILISTIC, ONNX),
                "Predicts without looking at the features: the most frequent class, or the mean. Every other model must beat it.",
                choice("strategy", List.of("majority", "stratified", "uniform", "mean", "median"), "majority or mean",
                        "how to predict: majority/stratified/uniform for classification, mean/median for regression"),
                SEED);
        ParamSpec l2 = p("l2", Type.FLOAT, 0.0, 1.0, 0.0, "L2 penalty on the weights");
        model("logistic", "Logistic regression", 10,
                t(CLASSIFICATION, "dev.mlx.runtime.models.LogisticLbfgs"),
                traits(PROBABILISTIC, NEEDS_SCALING, ONNX),
                "A linear model of the log-odds, fitted as scikit-learn's LogisticRegression(): an L2 penalty of "
                        + "1/(2 cost) on the weights, L-BFGS until it converges, multinomial for more than two classes. "
                        + "solver sgd trains by SGD with AdaGrad for a number of epochs instead. Needs scaled features.",
                choice("solver", List.of("lbfgs", "sgd"), "lbfgs", "lbfgs: converge (cost, tolerance, max_iterations); "
                        + "sgd: AdaGrad for epochs (epochs, learning_rate, batch_size, l2), the default when one of those is set"),
                p("cost", Type.FLOAT, 1e-6, 1e6, 1.0, "inverse strength of the L2 penalty, scikit-learn's C (lbfgs)"),
                p("tolerance", Type.FLOAT, 1e-12, 1.0, 1e-4, "stop when no entry of the gradient exceeds this (lbfgs)"),
                p("max_iterations", Type.INT, 1.0, 100_000.0, 100, "most L-BFGS iterations (lbfgs)"),
                epochs, lr, batch, l2, SEED);
        model("linear", "Linear regression", 10,
                t(REGRESSION, "dev.mlx.runtime.models.LeastSquares"),
                traits(PROBABILISTIC, NEEDS_SCALING, ONNX),
                "Least-squares linear regression solved exactly, as scikit-learn's LinearRegression() (Ridge(alpha=l2) "
                        + "with an l2 penalty). solver sgd trains by SGD on a centred target instead. Needs scaled features.",
                choice("solver", List.of("exact", "sgd"), "exact", "exact: solve the normal equations (l2 as ridge); "
                        + "sgd: AdaGrad for epochs (epochs, learning_rate, batch_size, l2), the default when one of "
                        + "epochs, learning_rate, batch_size is set"),
                epochs, lr, batch, l2, SEED);
        model("lasso", "Lasso regression", 12,
                t(REGRESSION, "org.tribuo.regression.slm.ElasticNetCDTrainer"),
                traits(PROBABILISTIC, NEEDS_SCALING),
                "Linear regression with an L1 penalty, by coordinate descent: drives weak features to exactly zero.",
                p("alpha", Type.FLOAT, 0.0, null, 1.0, "strength of the penalty"),
                p("max_iterations", Type.INT, 1.0, 1_000_000.0, 500, "coordinate-descent sweeps"), SEED);
        model("elastic_net", "Elastic net regression", 12,
                t(REGRESSION, "org.tribuo.regression.slm.ElasticNetCDTrainer"),
                traits(PROBABILISTIC, NEEDS_SCALING),
                "Linear regression with a mix of L1 and L2 penalties, by coordinate descent.",
                p("alpha", Type.FLOAT, 0.0, null, 1.0, "strength of the penalty"),
                p("l1_ratio", Type.FLOAT, 0.001, 1.0, 0.5, "share of the penalty that is L1"),
                p("max_iterations", Type.INT, 1.0, 1_000_000.0, 500, "coordinate-descent sweeps"), SEED);
        model("linear_svm", "Linear support vector machine", 15,
                t(CLASSIFICATION, "org.tribuo.classification.liblinear.LibLinearClassificationTrainer",
                        REGRESSION, "org.tribuo.regression.liblinear.LibLinearRegressionTrainer"),
                traits(NEEDS_SCALING),
                "A maximum-margin linear model (LIBLINEAR). No class probabilities: no AUC, no LIME.",
                p("cost", Type.FLOAT, 1e-6, 1e6, 1.0, "penalty for margin violations (C)"),
                p("epsilon", Type.FLOAT, 1e-9, 1.0, 0.01, "stopping tolerance"), SEED);
        model("naive_bayes", "Multinomial naive Bayes", 18,
                t(CLASSIFICATION, "org.tribuo.classification.mnb.MultinomialNaiveBayesTrainer"),
                traits(PROBABILISTIC),
                "Counts-based naive Bayes, the classic text baseline. Features must be non-negative (counts, tf-idf).",
                p("alpha", Type.FLOAT, 1e-6, null, 1.0, "additive (Laplace) smoothing"));
        model("knn", "k nearest neighbours", 20,
                t(CLASSIFICATION, "org.tribuo.common.nearest.KNNTrainer", REGRESSION, "org.tribuo.common.nearest.KNNTrainer"),
                traits(NEEDS_SCALING),
                "Predicts from the k most similar training rows. Needs scaled features; no probabilities.",
                p("k", Type.INT, 1.0, 1000.0, 5, "neighbours consulted"),
                choice("distance", List.of("l2", "l1", "cosine"), "l2", "how similarity is measured"));
        ParamSpec deep = p("max_depth", Type.INT, 1.0, 64.0, 64, "deepest split of a tree (64: as deep as the rows allow)");
        ParamSpec leaf = p("min_child_weight", Type.FLOAT, 0.0, null, 1.0, "smallest total weight a leaf may hold");
        ParamSpec share = p("fraction_features", Type.FLOAT, 0.0, 1.0, 0.0,
                "share of features each split considers; 0: the square root of their number for classification, "
                        + "all of them for regression (scikit-learn's defaults)");
        model("cart", "Decision tree (CART)", 30,
                t(CLASSIFICATION, "dev.mlx.runtime.models.tree.TreeClassificationTrainer",
                        REGRESSION, "dev.mlx.runtime.models.tree.TreeRegressionTrainer"),
                traits(PROBABILISTIC),
                "One decision tree on binned features: readable rules, no scaling needed; its leaves' class shares are "
                        + "its probabilities.",
                depth, minChild, fraction, SEED);
        model("forest", "Random forest", 40,
                t(CLASSIFICATION, "dev.mlx.runtime.models.tree.TreeClassificationTrainer",
                        REGRESSION, "dev.mlx.runtime.models.tree.TreeRegressionTrainer"),
                traits(PROBABILISTIC),
                "Many trees on bootstrap samples and random feature subsets, their class shares averaged. "
                        + "A strong default; grown in parallel on binned features.",
                trees, deep, leaf, share, SEED);
        model("extra_trees", "Extremely randomised trees", 40,
                t(CLASSIFICATION, "dev.mlx.runtime.models.tree.TreeClassificationTrainer",
                        REGRESSION, "dev.mlx.runtime.models.tree.TreeRegressionTrainer"),
                traits(PROBABILISTIC),
                "Like a random forest, with random split points and every row in every tree: faster, often smoother.",
                trees, deep, leaf, share, SEED);
        model("adaboost", "AdaBoost", 45,
                t(CLASSIFICATION, "org.tribuo.classification.ensemble.AdaBoostTrainer"),
                traits(PROBABILISTIC),
                "Boosted shallow trees, each focusing on the rows the previous ones got wrong.",
                p("rounds", Type.INT, 1.0, 10_000.0, 50, "boosting rounds"),
                p("max_depth", Type.INT, 1.0, 64.0, 1, "depth of each tree (1 = stumps)"), SEED);
        model("xgboost", "Gradient-boosted trees (XGBoost)", 50,
                t(CLASSIFICATION, "org.tribuo.classification.xgboost.XGBoostClassificationTrainer",
                        REGRESSION, "org.tribuo.regression.xgboost.XGBoostRegressionTrainer"),
                traits(PROBABILISTIC, ONNX),
                "Gradient boosting with the histogram tree method: usually the most accurate on tables.",
                p("trees", Type.INT, 1.0, 10_000.0, 100, "boosting rounds"),
                p("eta", Type.FLOAT, 1e-4, 1.0, 0.3, "learning rate (shrinkage)"),
                p("max_depth", Type.INT, 1.0, 32.0, 6, "deepest split of a tree"),
                p("min_child_weight", Type.FLOAT, 0.0, null, 1.0, "smallest hessian sum a leaf may hold"),
                p("subsample", Type.FLOAT, 0.01, 1.0, 1.0, "share of rows each tree sees"),
                p("colsample", Type.FLOAT, 0.01, 1.0, 1.0, "share of features each tree sees"),
                p("gamma", Type.FLOAT, 0.0, null, 0.0, "minimum loss reduction to split"),
                p("lambda", Type.FLOAT, 0.0, null, 1.0, "L2 penalty on leaf weights"),
                p("alpha", Type.FLOAT, 0.0, null, 0.0, "L1 penalty on leaf weights"), SEED);
        model("svm", "Kernel support vector machine", 55,
                t(CLASSIFICATION, "org.tribuo.classification.libsvm.LibSVMClassificationTrainer",
                        REGRESSION, "org.tribuo.regression.libsvm.LibSVMRegressionTrainer"),
                traits(PROBABILISTIC, NEEDS_SCALING),
                "A maximum-margin model with a kernel (LIBSVM), with Platt-scaled probabilities. Slow past ~20k rows.",
                choice("kernel", List.of("rbf", "linear", "poly", "sigmoid"), "rbf", "the kernel function"),
                p("cost", Type.FLOAT, 1e-6, 1e6, 1.0, "penalty for margin violations (C)"),
                p("gamma", Type.FLOAT, 0.0, null, 0.0, "kernel width; 0 means 1/features"),
                p("degree", Type.INT, 1.0, 10.0, 3, "degree of the poly kernel"), SEED);
        model("factorization_machine", "Factorization machine", 60,
                t(CLASSIFICATION, "org.tribuo.classification.sgd.fm.FMClassificationTrainer",
                        REGRESSION, "org.tribuo.regression.sgd.fm.FMRegressionTrainer"),
                traits(PROBABILISTIC, NEEDS_SCALING, ONNX),
                "A linear model plus low-rank pairwise interactions, trained by SGD. Good with sparse one-hot data.",
                p("factors", Type.INT, 1.0, 1000.0, 8, "size of the interaction factors"),
                // Tribuo's factorization machine diverges and fails past a step or a spread of 1
                epochs, p("learning_rate", Type.FLOAT, 1e-6, 1.0, 0.1, "step size of the optimiser"), batch,
                p("variance", Type.FLOAT, 1e-6, 1.0, 0.1, "initial spread of the factors"), SEED);
        model("mlp", "Neural network (multi-layer perceptron)", 70,
                t(CLASSIFICATION, "dev.mlx.runtime.models.mlp.MlpClassificationTrainer",
                        REGRESSION, "dev.mlx.runtime.models.mlp.MlpRegressionTrainer"),
                traits(PROBABILISTIC, NEEDS_SCALING, ONNX),
                "Dense layers with ReLU or tanh, trained with mini-batches and early stopping. Runs on the default install.",
                new ParamSpec("hidden", Type.INT_LIST, 1.0, 4096.0, "[32]", null, "units in each hidden layer"),
                p("epochs", Type.INT, 1.0, 10_000.0, 200, "passes over the training data (at most: early stopping ends sooner)"),
                p("learning_rate", Type.FLOAT, 1e-6, 1.0, 0.01, "step size of the optimiser"),
                p("batch_size", Type.INT, 1.0, 100_000.0, 32, "rows per mini-batch"),
                choice("activation", List.of("relu", "tanh"), "relu", "non-linearity of the hidden layers"),
                choice("optimizer", List.of("adam", "adagrad", "sgd"), "adam", "how the weights are updated"),
                p("l2", Type.FLOAT, 0.0, 1.0, 0.0001, "L2 penalty on the weights"),
                p("patience", Type.INT, 0.0, 1000.0, 10, "epochs without improvement before early stopping"),
                p("validation", Type.FLOAT, 0.0, 0.5, 0.1, "share of training rows held out for early stopping"), SEED);
        model("kmeans", "k-means", 10,
                t(CLUSTERING, "org.tribuo.clustering.kmeans.KMeansTrainer"),
                traits(NEEDS_SCALING),
                "Partitions rows into k clusters around centroids (k-means++ start). A range for k picks the best by silhouette.",
                new ParamSpec("k", Type.INT_OR_RANGE, 2.0, 100.0, 3, null, "number of clusters, or a range to choose from"),
                p("iterations", Type.INT, 1.0, 100_000.0, 100, "maximum update rounds"),
                choice("distance", List.of("l2", "l1", "cosine"), "l2", "how similarity is measured"), SEED);
        model("hdbscan", "HDBSCAN", 20,
                t(CLUSTERING, "org.tribuo.clustering.hdbscan.HdbscanTrainer"),
                traits(NEEDS_SCALING),
                "Density-based clustering: finds clusters of any shape and marks outliers as noise.",
                p("min_cluster_size", Type.INT, 2.0, 100_000.0, 5, "smallest group that counts as a cluster"),
                p("k", Type.INT, 1.0, 1000.0, 5, "neighbours used to estimate density"),
                choice("distance", List.of("l2", "l1", "cosine"), "l2", "how similarity is measured"));
    }

    // ------------------------------------------------------------------ metrics

    private void metric(String name, Set<Task> tasks, Direction direction, String doc) {
        metrics.put(name, new MetricSpec(name, tasks, direction, Set.of(), doc));
    }

    private void metric(String name, Set<Task> tasks, Direction direction, MetricSpec.Need need, String doc) {
        metrics.put(name, new MetricSpec(name, tasks, direction, Set.of(need), doc));
    }

    private void defineMetrics() {
        Set<Task> c = EnumSet.of(CLASSIFICATION);
        Set<Task> r = EnumSet.of(REGRESSION);
        metric("accuracy", c, HIGHER_IS_BETTER, "share of rows predicted correctly");
        metric("balanced_accuracy", c, HIGHER_IS_BETTER, "mean recall over classes: fair on imbalanced data");
        metric("precision", c, HIGHER_IS_BETTER, "of the rows predicted positive, the share that are (macro-averaged when multiclass)");
        metric("recall", c, HIGHER_IS_BETTER, "of the positive rows, the share found (macro-averaged when multiclass)");
        metric("f1", c, HIGHER_IS_BETTER, "harmonic mean of precision and recall (macro-averaged when multiclass)");
        metric("macro_f1", c, HIGHER_IS_BETTER, "F1 averaged over classes, each class counting equally");
        metric("weighted_f1", c, HIGHER_IS_BETTER, "F1 averaged over classes, weighted by class size");
        metric("macro_precision", c, HIGHER_IS_BETTER, "precision averaged over classes");
        metric("macro_recall", c, HIGHER_IS_BETTER, "recall averaged over classes");
        metric("auc", c, HIGHER_IS_BETTER, PROBABILITIES, "area under the ROC curve (one-vs-rest averaged when multiclass)");
        metric("pr_auc", c, HIGHER_IS_BETTER, PROBABILITIES, "area under the precision-recall curve");
        metric("log_loss", c, LOWER_IS_BETTER, PROBABILITIES, "cross-entropy of the predicted probabilities (lower is better)");
        metric("mse", r, LOWER_IS_BETTER, "mean squared error (lower is better)");
        metric("rmse", r, LOWER_IS_BETTER, "root mean squared error, in the target's unit (lower is better)");
        metric("mae", r, LOWER_IS_BETTER, "mean absolute error (lower is better)");
        metric("r2", r, HIGHER_IS_BETTER, "coefficient of determination: share of variance explained");
        metric("mape", r, LOWER_IS_BETTER, "mean absolute percentage error (lower is better)");
        Set<Task> k = EnumSet.of(CLUSTERING);
        metric("silhouette", k, HIGHER_IS_BETTER, "how much closer rows are to their own cluster than to the next (-1..1)");
        metric("wcss", k, LOWER_IS_BETTER, "within-cluster sum of squared distances (lower is better)");
        metric("ami", k, HIGHER_IS_BETTER, LABELS,
                "adjusted mutual information with the known labels (arithmetic-mean normalisation)");
        metric("ari", k, HIGHER_IS_BETTER, LABELS, "adjusted Rand index with the known labels");
    }

    // ------------------------------------------------------------------ transforms

    private void transform(String name, List<String> aliases, Set<ColumnType> accepts, Map<String, String> options,
                           Set<String> required, String produces, String doc) {
        transforms.put(name, new TransformSpec(name, aliases, accepts, options, required, produces, doc));
    }

    private void defineTransforms() {
        Set<ColumnType> numeric = EnumSet.of(ColumnType.NUMBER, ColumnType.INTEGER);
        Set<ColumnType> any = EnumSet.allOf(ColumnType.class);
        transform("standardize", List.of("standardise", "scale", "zscore"), numeric, Map.of(), Set.of(),
                "the same column", "subtract the training mean, divide by the training standard deviation");
        transform("normalize", List.of("normalise", "minmax"), numeric, Map.of(), Set.of(),
                "the same column", "rescale to 0..1 using the training minimum and maximum");
        transform("log", List.of("log1p"), numeric, Map.of(), Set.of(),
                "the same column", "replace x by ln(1 + x); values below 0 are clipped to 0 first");
        transform("clip", List.of("clamp"), numeric, Map.of("to", "a range lo..hi"), Set.of("to"),
                "the same column", "limit values to a range");
        transform("impute", List.of("fill"), any,
                Map.of("with", "mean, median, mode, or a constant value"), Set.of("with"),
                "the same column", "fill missing values with a statistic of the training rows or a constant");
        transform("onehot", List.of("one_hot", "dummies"), EnumSet.of(ColumnType.CATEGORY, ColumnType.BOOLEAN, ColumnType.INTEGER),
                Map.of("top", "an integer: keep the most frequent categories", "min", "an integer: drop rarer categories"),
                Set.of(), "one 0/1 column per kept category (`column@value`)",
                "one indicator column per category seen in training; others fall into `other`");
        transform("bin", List.of("bucket", "discretize", "discretise"), numeric,
                Map.of("into", "an integer: the number of equal-frequency bins"), Set.of("into"),
                "a category column", "cut values into equal-frequency bins learned on the training rows");
        transform("tfidf", List.of("tf_idf"), EnumSet.of(ColumnType.TEXT),
                Map.of("max", "an integer: vocabulary size", "min", "an integer: minimum document frequency",
                        "ngrams", "a range of n-gram lengths, such as 1..2"),
                Set.of(), "one weighted column per vocabulary term (`column@term`)",
                "term frequency times inverse document frequency, vocabulary learned on the training rows");
        transform("bagofwords", List.of("bag_of_words", "words", "bow"), EnumSet.of(ColumnType.TEXT),
                Map.of("max", "an integer: vocabulary size", "min", "an integer: minimum document frequency",
                        "ngrams", "a range of n-gram lengths, such as 1..2"),
                Set.of(), "one count column per vocabulary term (`column@term`)",
                "word (or n-gram) counts, vocabulary learned on the training rows");
        transform("dateparts", List.of("date_parts"), EnumSet.of(ColumnType.DATE),
                Map.of("->", "the parts to extract: " + String.join(", ", DATE_PARTS)), Set.of("->"),
                "one numeric column per part (`column_part`)", "split a date into calendar parts");
    }

    /** The words of {@link DatePart}, in order. */
    public static final List<String> DATE_PARTS = Words.all(DatePart.class);

    // ------------------------------------------------------------------ functions

    private void defineFunctions() {
        fn(Builtin.MISSING, "column", 1, CHECKS, "share of missing values in a column (0..1, compare with a %)");
        fn(Builtin.SHARE, "condition", 1, CHECKS, "share of rows where a condition holds");
        fn(Builtin.COUNT, "condition", 1, CHECKS, "number of rows where a condition holds");
        fn(Builtin.DISTINCT, "column", 1, CHECKS, "number of distinct non-missing values");
        fn(Builtin.MEAN, "numeric column", 1, CHECKS, "mean of a numeric column");
        fn(Builtin.MEDIAN, "numeric column", 1, CHECKS, "median of a numeric column");
        fn(Builtin.STD, "numeric column", 1, CHECKS, "standard deviation of a numeric column");
        fn(Builtin.SUM, "numeric column", 1, CHECKS, "sum of a numeric column");
        fn(Builtin.MIN, "numeric column or numbers", VARIADIC, EnumSet.of(CHECKS, DERIVE),
                "smallest value (of a column in checks; of its arguments in derive)");
        fn(Builtin.MAX, "numeric column or numbers", VARIADIC, EnumSet.of(CHECKS, DERIVE),
                "largest value (of a column in checks; of its arguments in derive)");
        fn(Builtin.LENGTH, "text column", 1, DERIVE, "number of characters of a text value");
        fn(Builtin.LOG, "number", 1, DERIVE, "natural logarithm");
        fn(Builtin.EXP, "number", 1, DERIVE, "e to the power of x");
        fn(Builtin.SQRT, "number", 1, DERIVE, "square root");
        fn(Builtin.ABS, "number", 1, DERIVE, "absolute value");
        fn(Builtin.ROUND, "number", 1, DERIVE, "nearest whole number");
        fn(Builtin.FLOOR, "number", 1, DERIVE, "largest whole number not above x");
        fn(Builtin.CEIL, "number", 1, DERIVE, "smallest whole number not below x");
        fn(Builtin.POW, "number", 2, DERIVE, "x to the power of y");
        fn(Builtin.DAYS_BETWEEN, "date", 2, DERIVE, "whole days from the first date to the second");
    }

    private void fn(Builtin function, String arg, int arity, Use use, String doc) {
        fn(function, arg, arity, EnumSet.of(use), doc);
    }

    private void fn(Builtin function, String arg, int arity, Set<Use> uses, String doc) {
        functions.put(function.word(), new FunctionSpec(function, arg, arity, uses, doc));
    }

    // ------------------------------------------------------------------ blocks

    private static StatementSpec s(String kw, String shape, String doc) {
        return new StatementSpec(kw, shape, doc);
    }

    private void required(String kw, String doc, StatementSpec... stmts) {
        blocks.put(kw, new BlockSpec(kw, true, List.of(stmts), doc));
    }

    private void optional(String kw, String doc, StatementSpec... stmts) {
        blocks.put(kw, new BlockSpec(kw, false, List.of(stmts), doc));
    }

    private void defineBlocks() {
        optional("params", "named values the command line can override with `--set name=value`; use them as `$name`",
                s("name", "name = value", "declare a parameter"));
        required("scope", "the question: task, target, the deciding metric, release gates, retraining, intended use and limitations",
                s("task", "task classification|regression|clustering", "what is learned"),
                s("target", "target COLUMN", "the column to predict (for clustering: known labels to compare with)"),
                s("positive", "positive \"value\"", "the positive class of a binary target"),
                s("metric", "metric NAME", "the metric that decides which model wins"),
                s("require", "require METRIC >= VALUE [on cv|holdout] | require latency p99 < 20 ms", "a release gate"),
                s("retrain", "retrain every 30 days [or when drift > 0.2]", "the retraining plan"),
                s("intended", "intended use \"what the model is for, and for whom\"",
                        "the model card's intended use: shown in the report, run.json and /metadata"),
                s("limitation", "limitation \"where the model must not be used\"",
                        "one known limitation of the model (repeat for several): shown in the report, run.json and /metadata"));
        required("data", "where the data comes from, its types and missing markers, and the holdout split",
                s("source", "source csv \"path.csv\" | source jdbc \"url\" query \"sql\"", "the data source, relative to this file"),
                s("id", "id COLUMN", "the row identifier: never a feature"),
                s("types", "types { column: type, ... }", "declare column types: number, integer, category, text, date \"format\", boolean"),
                s("missing", "missing \"\", \"NA\"", "strings that mean a missing value"),
                s("describe", "describe { column: \"what it means\" [in \"unit\"], ... }",
                        "what each column means and its unit: shown in the report, on hover and by the server"),
                s("split", "split holdout 20% [stratified] [seed N] [ordered by COLUMN] | split none",
                        "the holdout test set; `none`: no holdout, cross-validation on all rows and the final model fitted on them"));
        optional("review", "what to look at in the raw data",
                s("summary", "summary", "per-column statistics"),
                s("outliers", "outliers iqr 1.5 | outliers zscore 3", "flag outlying values"),
                s("plot", "plot histogram|bar|box COLUMNS", "charts of chosen columns"),
                s("correlations", "correlations [pearson|spearman]", "correlations between numeric columns and with the target"),
                s("balance", "balance", "class balance of the target"),
                s("quantiles", "quantiles 0.05, 0.25, 0.5, 0.75, 0.95", "which quantiles to report"),
                s("sample", "sample 10", "show some raw rows"));
        optional("checks", "expectations on the raw data; a failed one stops the run unless marked `warn`",
                s("rows", "rows >= 1000", "the number of rows"),
                s("unique", "unique COLUMNS", "no duplicate values"),
                s("missing", "missing(COLUMN) <= 1%", "the share of missing values"),
                s("share", "share(COLUMN == \"value\") >= 5%", "the share of rows meeting a condition"),
                s("in", "COLUMN in 0..120 | COLUMN in {\"a\", \"b\"}", "allowed values"));
        optional("features", "transforms in order, fitted on training rows only",
                s("drop", "drop COLUMNS", "remove columns"),
                s("derive", "derive NAME = EXPRESSION", "compute a new column"),
                s("impute", "impute COLUMNS with median|mean|mode|VALUE", "fill missing values"),
                s("clip", "clip COLUMNS to LO..HI", "limit values"),
                s("log", "log COLUMNS", "ln(1 + x)"),
                s("standardize", "standardize COLUMNS", "centre and scale"),
                s("normalize", "normalize COLUMNS", "rescale to 0..1"),
                s("onehot", "onehot COLUMNS [top N] [min N]", "one indicator per category"),
                s("bin", "bin COLUMNS into N", "equal-frequency bins"),
                s("tfidf", "tfidf COLUMN [max N] [min N] [ngrams 1..2]", "tf-idf text features"),
                s("bagofwords", "bagofwords COLUMN [max N] [ngrams 1..2]", "word-count text features"),
                s("dateparts", "dateparts COLUMN -> month, weekday", "calendar parts of a date"));
        optional("inspect", "checks on the transformed data, before modelling",
                s("no", "no missing | no constant | no duplicates", "fail on missing values, constant or duplicate features"),
                s("leakage", "leakage below 0.95", "fail when one feature predicts the target this well"),
                s("coverage", "coverage 90%", "share of test-set categories seen in training"),
                s("sample", "sample 10", "show some transformed rows"));
        optional("models", "the model ladder, simplest first, and tuning",
                s("tune", "tune MODEL { param in lo..hi [log], param in [a, b] } trials 20 [search random|grid|tpe]", "search hyperparameters by cross-validation on the training rows"));
        optional("evaluate", "how models are compared",
                s("cv", "cv 5 folds [stratified]", "k-fold cross-validation on the training rows"),
                s("holdout", "holdout", "evaluate on the holdout only, no cross-validation"),
                s("metrics", "metrics accuracy, f1, auc", "the metrics to compute"),
                s("select", "select best by METRIC | select simplest within 1% by METRIC", "how the final model is chosen"),
                s("slices", "slices by COLUMNS", "metrics per group"),
                s("learning", "learning curve [10%, 25%, 50%, 75%, 100%] [by METRIC]",
                        "the selected model's metric at growing training sizes: would more data help?"));
        optional("explain", "accountability: which features the model uses",
                s("importance", "importance permutation|model [top 15]", "global feature importance"),
                s("lime", "lime 5 examples | lime rows 1, 7 | lime 5 uncertain", "LIME explanations of single rows"),
                s("dependence", "dependence COLUMNS", "partial dependence of the prediction on numeric columns"));
        optional("deploy", "operationalisation: exports and serving",
                s("export", "export tribuo|onnx \"path\"", "write the model"),
                s("serve", "serve [port 8080] [unknown reject|warn|unseen]", "serve the model over HTTP"));
        optional("feedback", "online evaluation and A/B tests",
                s("store", "store sqlite \"path.db\" | store jdbc \"url\"", "where predictions and feedback are logged"),
                s("abtest", "abtest CHAMPION vs CHALLENGER split 90/10 [sticky by COLUMN] [shadow]", "an A/B test"),
                s("online", "online METRIC [, kpi NAME [max|min]] window 7 days",
                        "the metric tracked on live feedback, and the business value feedback may carry per prediction"),
                s("retrain", "retrain within 0.01", "promote a retrained model not worse than the serving one by more than this"));
        optional("report", "where the HTML accountability report is written", s("report", "report \"path.html\"", "the report path"));
    }

    private void defineChoices() {
        choices.put("task", Words.all(Task.class));
        choices.put("type", Words.all(ColumnType.class));
        choices.put("plot", Words.all(PlotKind.class));
        choices.put("outliers", Words.all(OutlierMethod.class));
        choices.put("correlations", Words.all(CorrelationMethod.class));
        choices.put("importance", Words.all(ImportanceMethod.class));
        choices.put("export", Words.all(ExportFormat.class));
        choices.put("store", Words.all(StoreKind.class));
        choices.put("search", Words.all(SearchMethod.class));
        choices.put("percentile", Words.all(Percentile.class));
        choices.put("on", Words.all(MeasuredOn.class));
        choices.put("unknown", Words.all(UnknownPolicy.class));
        choices.put("impute", Words.all(ImputeStatistic.class));
        choices.put("dateparts", DATE_PARTS);
    }

    // ------------------------------------------------------------------ queries

    public Map<String, ModelSpec> models() {
        return java.util.Collections.unmodifiableMap(models);
    }

    public ModelSpec model(String kind) {
        return models.get(kind);
    }

    public Map<String, MetricSpec> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    public MetricSpec metric(String name) {
        return metrics.get(name);
    }

    public List<String> metricsFor(Task task) {
        List<String> out = new ArrayList<>();
        metrics.values().forEach(m -> {
            if (m.tasks().contains(task)) {
                out.add(m.name());
            }
        });
        return out;
    }

    public List<String> modelsFor(Task task) {
        List<String> out = new ArrayList<>();
        models.values().forEach(m -> {
            if (m.tasks().contains(task)) {
                out.add(m.kind());
            }
        });
        return out;
    }

    /** The deciding metric when the file names none. */
    public String defaultMetric(Task task) {
        return switch (task) {
            case CLASSIFICATION -> "f1";
            case REGRESSION -> "rmse";
            case CLUSTERING -> "silhouette";
        };
    }

    /** The metrics computed when the file lists none. */
    public List<String> defaultMetrics(Task task) {
        return switch (task) {
            case CLASSIFICATION -> List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1");
            case REGRESSION -> List.of("mse", "rmse", "mae", "r2");
            case CLUSTERING -> List.of("silhouette", "wcss");
        };
    }

    public Map<String, TransformSpec> transforms() {
        return java.util.Collections.unmodifiableMap(transforms);
    }

    /** A transform by name or alias. */
    public TransformSpec transform(String name) {
        TransformSpec t = transforms.get(name);
        if (t != null) {
            return t;
        }
        for (TransformSpec s : transforms.values()) {
            if (s.aliases().contains(name)) {
                return s;
            }
        }
        return null;
    }

    public Map<String, FunctionSpec> functions() {
        return java.util.Collections.unmodifiableMap(functions);
    }

    public FunctionSpec function(String name) {
        return functions.get(name);
    }

    public Map<String, BlockSpec> blocks() {
        return java.util.Collections.unmodifiableMap(blocks);
    }

    public BlockSpec block(String keyword) {
        return blocks.get(keyword);
    }

    /** The words an enumerated setting accepts, keyed by setting: "plot", "export", "search"... */
    public List<String> choices(String setting) {
        return choices.getOrDefault(setting, List.of());
    }

    public Map<String, List<String>> allChoices() {
        return java.util.Collections.unmodifiableMap(choices);
    }
}
