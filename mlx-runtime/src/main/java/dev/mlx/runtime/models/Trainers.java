package dev.mlx.runtime.models;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.models.mlp.MlpClassificationTrainer;
import dev.mlx.runtime.models.mlp.MlpRegressionTrainer;
import dev.mlx.runtime.models.mlp.MlpSettings;
import dev.mlx.runtime.models.tree.HistogramTrees;
import dev.mlx.runtime.models.tree.TreeClassificationTrainer;
import dev.mlx.runtime.models.tree.TreeRegressionTrainer;
import dev.mlx.runtime.models.tree.TreeSettings;
import dev.mlx.runtime.spec.Model;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.ensemble.AdaBoostTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.mnb.MultinomialNaiveBayesTrainer;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.distance.Distance;
import org.tribuo.math.distance.DistanceType;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.AdaGradRDA;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.baseline.DummyRegressionTrainer;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.liblinear.LibLinearRegressionTrainer;
import org.tribuo.regression.liblinear.LinearRegressionType;
import org.tribuo.regression.libsvm.LibSVMRegressionTrainer;
import org.tribuo.regression.libsvm.SVMRegressionType;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.slm.ElasticNetCDTrainer;

/**
 * The Tribuo trainer behind each model of the catalog, with the catalog's defaults filled in for
 * every hyperparameter the file leaves out. Settings measured to matter:
 * <ul>
 *   <li>XGBoost always uses the histogram tree method; regression starts from the training mean
 *       (XGBoost's base score of 0.5 is far from most targets).</li>
 *   <li>Logistic regression converges as scikit-learn's {@code LogisticRegression()} does
 *       ({@link LogisticLbfgs}: L2 with C = 1, L-BFGS with tol 1e-4 and 100 iterations). With
 *       {@code solver sgd} it runs the catalog's 30 epochs (Tribuo's default is 5), by Tribuo's
 *       algorithm on primitive arrays ({@link LogisticSgd}) unless it has an L2 penalty.</li>
 *   <li>Linear regression is solved exactly ({@link LeastSquares}, ridge with {@code l2}); with
 *       {@code solver sgd} it fits a standardised target ({@link CentredLinearTrainer}).</li>
 *   <li>SGD models train on data of uniform density ({@link SgdTrainer}: Tribuo 4.3.2's mini-batches
 *       fail on a mix of dense and sparse rows).</li>
 *   <li>LIBSVM's kernel width defaults to 1/features, its classifiers compute Platt probabilities,
 *       and its regression tube is 0.1 standard deviations of the target.</li>
 *   <li>Decision trees, random forests and extra trees are mlx's own histogram trees
 *       ({@link HistogramTrees}), with scikit-learn's defaults; ensembles average the trees' class
 *       distributions (soft voting) or their values. AdaBoost boosts mlx's own trees by weighting (SAMME, as scikit-learn's default); kNN votes
 *       or averages.</li>
 * </ul>
 * A new trainer is built for every fit, so each fit starts from the model's seed.
 */
public final class Trainers {
    /** Threads for XGBoost, k-means and HDBSCAN; their results do not depend on it. */
    private static final int THREADS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    /** Tribuo's "never log" logging interval for SGD. */
    private static final int NO_LOGGING = -1;
    private static final int LIBLINEAR_ITERATIONS = 1000;
    /** LIBSVM's kernel cache (its command-line default; Tribuo's is 0). */
    private static final double SVM_CACHE_MB = 100;
    /**
     * {@code -Dmlx.sgd=tribuo} trains {@code logistic} with Tribuo's own {@code LinearSGDTrainer}
     * instead of {@link LogisticSgd} (the same algorithm, about eight times slower): for the pipeline
     * benchmark's like-for-like comparison with a hand-written Tribuo program, and for checking.
     */
    private static final boolean TRIBUO_SGD = "tribuo".equals(System.getProperty("mlx.sgd"));

    private Trainers() {
    }

    /**
     * The trainer for {@code model} on {@code task}; {@code seed} is the experiment seed, used when
     * the model sets none. A kind the catalog does not offer for the task is a bug of the caller
     * (the checker rejects it), reported as {@link IllegalArgumentException}.
     */
    public static Trainer<?> trainer(Model model, Task task, long seed) {
        Quiet.install();
        ModelSpec spec = Catalog.get().model(model.kind());
        if (spec == null || !spec.tasks().contains(task)) {
            throw new IllegalArgumentException("model kind " + model.kind() + " has no trainer for " + task.word());
        }
        Hyper h = new Hyper(model, spec, seed);
        return switch (task) {
            case CLASSIFICATION -> classification(model.kind(), h);
            case REGRESSION -> regression(model.kind(), h);
            case CLUSTERING -> clustering(model.kind(), h);
        };
    }

    // ------------------------------------------------------------------ classification

    private static Trainer<Label> classification(String kind, Hyper h) {
        long seed = h.seed();
        switch (kind) {
            case "baseline": {
                String strategy = h.word("strategy", "majority");
                return switch (strategy) {
                    case "majority" -> DummyClassifierTrainer.createMostFrequentTrainer();
                    case "stratified" -> DummyClassifierTrainer.createStratifiedTrainer(seed);
                    case "uniform" -> DummyClassifierTrainer.createUniformTrainer(seed);
                    default -> throw new RunException("baseline `" + h.modelName() + "`: strategy `" + strategy
                            + "` is for regression; classification takes majority, stratified or uniform");
                };
            }
            case "logistic": {
                int epochs = h.integer("epochs");
                int batch = h.integer("batch_size");
                double lr = h.real("learning_rate");
                double l2 = h.real("l2");
                if (solver(h, "lbfgs", "epochs", "learning_rate", "batch_size", "l2").equals("lbfgs") && !TRIBUO_SGD) {
                    return new LogisticLbfgs(h.real("cost"), h.real("tolerance"), h.integer("max_iterations"));
                }
                if (l2 == 0 && !TRIBUO_SGD) {
                    return new LogisticSgd(epochs, batch, lr, seed);
                }
                return new SgdTrainer<Label>(n -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                        new LogMulticlass(), optimiser(lr, l2, n, batch), epochs, NO_LOGGING, batch, seed));
            }
            case "linear_svm":
                return new LibLinearClassificationTrainer(
                        new LinearClassificationType(LinearClassificationType.LinearType.L2R_L2LOSS_SVC_DUAL),
                        h.real("cost"), LIBLINEAR_ITERATIONS, h.real("epsilon"), seed);
            case "naive_bayes":
                return new MultinomialNaiveBayesTrainer(h.real("alpha"));
            case "knn":
                return new KNNTrainer<>(h.integer("k"), distance(h), THREADS, new VotingCombiner(),
                        KNNModel.Backend.STREAMS, NeighboursQueryFactoryType.BRUTE_FORCE);
            case "cart":
                return new TreeClassificationTrainer(treeSettings(h, 1, false, false));
            case "forest":
                return new TreeClassificationTrainer(treeSettings(h, h.integer("trees"), true, false));
            case "extra_trees":
                return new TreeClassificationTrainer(treeSettings(h, h.integer("trees"), false, true));
            case "adaboost":
                return new AdaBoostTrainer(new TreeClassificationTrainer(new TreeSettings(1, h.integer("max_depth"), 1, 1,
                        false, false, seed)), h.integer("rounds"), seed);
            case "xgboost":
                return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                        h.integer("trees"), h.real("eta"), h.real("gamma"), h.integer("max_depth"), h.real("min_child_weight"),
                        h.real("subsample"), h.real("colsample"), h.real("lambda"), h.real("alpha"), THREADS,
                        XGBoostTrainer.LoggingVerbosity.SILENT, seed);
            case "svm": {
                KernelType kernel = kernel(h);
                double cost = h.real("cost");
                double gamma = h.real("gamma");
                int degree = h.integer("degree");
                DoubleFunction<LibSVMClassificationTrainer> make = g -> {
                    SVMParameters<Label> p = new SVMParameters<>(new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), kernel);
                    p.setCost(cost);
                    p.setGamma(g);
                    p.setDegree(degree);
                    p.setProbability();
                    p.setCacheSize(SVM_CACHE_MB);
                    return new LibSVMClassificationTrainer(p, seed);
                };
                return gamma > 0 ? make.apply(gamma)
                        : new DeferredTrainer<>(make.apply(1), d -> make.apply(1.0 / Math.max(1, d.getFeatureMap().size())));
            }
            case "factorization_machine": {
                int epochs = h.integer("epochs");
                int batch = h.integer("batch_size");
                double lr = h.real("learning_rate");
                int factors = h.integer("factors");
                double variance = h.real("variance");
                return new SgdTrainer<Label>(n -> new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(lr), epochs,
                        NO_LOGGING, batch, seed, factors, variance));
            }
            case "mlp":
                return new MlpClassificationTrainer(mlp(h));
            default:
                throw new IllegalArgumentException("no classification trainer for " + kind);
        }
    }

    // ------------------------------------------------------------------ regression

    private static Trainer<Regressor> regression(String kind, Hyper h) {
        long seed = h.seed();
        switch (kind) {
            case "baseline": {
                String strategy = h.word("strategy", "mean");
                return switch (strategy) {
                    case "mean" -> DummyRegressionTrainer.createMeanTrainer();
                    case "median" -> DummyRegressionTrainer.createMedianTrainer();
                    default -> throw new RunException("baseline `" + h.modelName() + "`: strategy `" + strategy
                            + "` is for classification; regression takes mean or median");
                };
            }
            case "linear": {
                if (solver(h, "exact", "epochs", "learning_rate", "batch_size").equals("exact")) {
                    return new LeastSquares(h.real("l2"));
                }
                int epochs = h.integer("epochs");
                int batch = h.integer("batch_size");
                double lr = h.real("learning_rate");
                double l2 = h.real("l2");
                return new CentredLinearTrainer(n -> new LinearSGDTrainer(new SquaredLoss(), optimiser(lr, l2, n, batch),
                        epochs, NO_LOGGING, batch, seed));
            }
            case "lasso":
                return new ElasticNetCDTrainer(h.real("alpha"), 1.0, 1e-4, h.integer("max_iterations"), false, seed);
            case "elastic_net":
                return new ElasticNetCDTrainer(h.real("alpha"), h.real("l1_ratio"), 1e-4, h.integer("max_iterations"), false, seed);
            case "linear_svm":
                return new LibLinearRegressionTrainer(new LinearRegressionType(LinearRegressionType.LinearType.L2R_L2LOSS_SVR),
                        h.real("cost"), LIBLINEAR_ITERATIONS, h.real("epsilon"), 0.1, seed);
            case "knn":
                return new KNNTrainer<>(h.integer("k"), distance(h), THREADS, new AveragingCombiner(),
                        KNNModel.Backend.STREAMS, NeighboursQueryFactoryType.BRUTE_FORCE);
            case "cart":
                return new TreeRegressionTrainer(treeSettings(h, 1, false, false));
            case "forest":
                return new TreeRegressionTrainer(treeSettings(h, h.integer("trees"), true, false));
            case "extra_trees":
                return new TreeRegressionTrainer(treeSettings(h, h.integer("trees"), false, true));
            case "xgboost":
                return xgboostRegression(h);
            case "svm": {
                KernelType kernel = kernel(h);
                double cost = h.real("cost");
                double gamma = h.real("gamma");
                int degree = h.integer("degree");
                BiFunction<Double, Double, LibSVMRegressionTrainer> make = (g, tube) -> {
                    SVMParameters<Regressor> p = new SVMParameters<>(new SVMRegressionType(SVMRegressionType.SVMMode.EPSILON_SVR), kernel);
                    p.setCost(cost);
                    p.setGamma(g);
                    p.setDegree(degree);
                    p.setEpsilon(tube);
                    p.setCacheSize(SVM_CACHE_MB);
                    return new LibSVMRegressionTrainer(p, true, seed);
                };
                // Tribuo 4.3.2 "standardises" the target as (y - mean) / variance; an epsilon tube of 0.1
                // standard deviations is 0.1 / sd on that scale (LIBSVM's fixed 0.1 swallows every row)
                return new DeferredTrainer<>(make.apply(gamma > 0 ? gamma : 1, 0.1), d -> {
                    double sd = targetSd(d);
                    return make.apply(gamma > 0 ? gamma : 1.0 / Math.max(1, d.getFeatureMap().size()), sd > 0 ? 0.1 / sd : 0.1);
                });
            }
            case "factorization_machine": {
                int epochs = h.integer("epochs");
                int batch = h.integer("batch_size");
                double lr = h.real("learning_rate");
                int factors = h.integer("factors");
                double variance = h.real("variance");
                return new SgdTrainer<Regressor>(n -> new FMRegressionTrainer(new SquaredLoss(), new AdaGrad(lr), epochs,
                        NO_LOGGING, batch, seed, factors, variance, true));
            }
            case "mlp":
                return new MlpRegressionTrainer(mlp(h));
            default:
                throw new IllegalArgumentException("no regression trainer for " + kind);
        }
    }

    /**
     * XGBoost starts every regression from a base score of 0.5: with a target far from 0 and few
     * trees or a small eta the boosting never gets there. The trainer built at training time sets
     * the base score to the training mean (through Tribuo's full parameter map, which then carries
     * every setting, the histogram tree method included).
     */
    private static Trainer<Regressor> xgboostRegression(Hyper h) {
        XGBoostRegressionTrainer.RegressionType type = XGBoostRegressionTrainer.RegressionType.LINEAR;
        int trees = h.integer("trees");
        XGBoostRegressionTrainer prototype = new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, type, trees, h.real("eta"), h.real("gamma"), h.integer("max_depth"),
                h.real("min_child_weight"), h.real("subsample"), h.real("colsample"), h.real("lambda"), h.real("alpha"),
                THREADS, XGBoostTrainer.LoggingVerbosity.SILENT, h.seed());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("booster", XGBoostTrainer.BoosterType.GBTREE.paramName);
        params.put("tree_method", XGBoostTrainer.TreeMethod.HIST.paramName);
        params.put("objective", type.paramName);
        params.put("eta", h.real("eta"));
        params.put("gamma", h.real("gamma"));
        params.put("max_depth", h.integer("max_depth"));
        params.put("min_child_weight", h.real("min_child_weight"));
        params.put("subsample", h.real("subsample"));
        params.put("colsample_bytree", h.real("colsample"));
        params.put("lambda", h.real("lambda"));
        params.put("alpha", h.real("alpha"));
        params.put("nthread", THREADS);
        params.put("seed", h.seed());
        params.put("verbosity", XGBoostTrainer.LoggingVerbosity.SILENT.value);
        return new DeferredTrainer<>(prototype, d -> {
            double sum = 0;
            for (Example<Regressor> e : d) {
                sum += e.getOutput().getValues()[0];
            }
            Map<String, Object> p = new LinkedHashMap<>(params);
            p.put("base_score", d.size() == 0 ? 0.5 : sum / d.size());
            return new XGBoostRegressionTrainer(type, trees, p);
        });
    }


    // ------------------------------------------------------------------ clustering

    private static Trainer<ClusterID> clustering(String kind, Hyper h) {
        long seed = h.seed();
        switch (kind) {
            case "kmeans": {
                int iterations = h.integer("iterations");
                String dist = h.word("distance", "l2");
                DistanceType type = distanceType(dist);
                IntFunction<KMeansTrainer> forK = k -> new KMeansTrainer(k, iterations, type.getDistance(),
                        KMeansTrainer.Initialisation.PLUSPLUS, THREADS, seed);
                Object k = h.value("k");
                if (k instanceof java.util.List<?> list && list.size() == 2) {
                    k = new long[] {((Number) list.get(0)).longValue(), ((Number) list.get(1)).longValue()};
                }
                if (k instanceof long[] range) {
                    if (range.length != 2 || range[0] < 1 || range[1] < range[0]) {
                        throw new RunException("model `" + h.modelName() + "`: k must be a range lo..hi with 1 <= lo <= hi");
                    }
                    return new KMeansRangeTrainer((int) range[0], (int) range[1], forK, Silhouette.Metric.of(dist), seed);
                }
                return forK.apply(h.integer("k"));
            }
            case "hdbscan":
                return new HdbscanTrainer(h.integer("min_cluster_size"), distanceType(h.word("distance", "l2")).getDistance(),
                        h.integer("k"), THREADS, NeighboursQueryFactoryType.BRUTE_FORCE);
            default:
                throw new IllegalArgumentException("no clustering trainer for " + kind);
        }
    }

    // ------------------------------------------------------------------ shared

    private static double targetSd(Dataset<Regressor> d) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (Example<Regressor> e : d) {
            double y = e.getOutput().getValues()[0];
            sum += y;
            sq += y * y;
            n++;
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /** AdaGrad; with an L2 penalty, AdaGrad-RDA with the penalty spread over one epoch's steps. */
    private static StochasticGradientOptimiser optimiser(double lr, double l2, int rows, int batch) {
        if (l2 == 0) {
            return new AdaGrad(lr);
        }
        int steps = Math.max(1, (rows + batch - 1) / batch);
        return new AdaGradRDA(lr, 1e-6, 0, l2, steps);
    }

    /**
     * The solver of a linear model: the file's {@code solver}; else {@code sgd} when the file sets a
     * setting only SGD has (a file written before the solvers converged, {@code logistic { epochs 50 }},
     * keeps its meaning); else {@code converging}, the catalog's default.
     */
    private static String solver(Hyper h, String converging, String... sgdOnly) {
        if (h.sets("solver")) {
            return h.word("solver", converging);
        }
        for (String name : sgdOnly) {
            if (h.sets(name)) {
                return "sgd";
            }
        }
        return converging;
    }

    /** mlx's histogram trees ({@link HistogramTrees}) with the model's depth, leaf weight and share of features. */
    private static TreeSettings treeSettings(Hyper h, int trees, boolean bootstrap, boolean randomSplits) {
        return new TreeSettings(trees, h.integer("max_depth"), h.real("min_child_weight"), h.real("fraction_features"),
                bootstrap, randomSplits, h.seed());
    }

    /** The mlp settings from the catalog's hyperparameters; {@code hidden} is a list, or the default's text "[32]". */
    private static MlpSettings mlp(Hyper h) {
        return MlpSettings.of(h.modelName(), h.value("hidden"), h.word("activation", "relu"), h.word("optimizer", "adam"),
                h.real("learning_rate"), h.integer("epochs"), h.integer("batch_size"), h.real("l2"), h.integer("patience"),
                h.real("validation"), h.seed());
    }


    private static Distance distance(Hyper h) {
        return distanceType(h.word("distance", "l2")).getDistance();
    }

    private static DistanceType distanceType(String word) {
        return switch (word) {
            case "l1" -> DistanceType.L1;
            case "cosine" -> DistanceType.COSINE;
            default -> DistanceType.L2;
        };
    }

    private static KernelType kernel(Hyper h) {
        return switch (h.word("kernel", "rbf")) {
            case "linear" -> KernelType.LINEAR;
            case "poly" -> KernelType.POLY;
            case "sigmoid" -> KernelType.SIGMOID;
            default -> KernelType.RBF;
        };
    }
}
