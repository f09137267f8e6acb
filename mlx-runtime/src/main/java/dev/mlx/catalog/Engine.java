package dev.mlx.catalog;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an experiment runs: in one JVM ({@code local}, the default) or on Apache Spark ({@code spark},
 * {@code mlx run --engine spark}). The checker asks {@link #refusal} of each construct before anything runs
 * and the Spark engine asks the same questions of the typed spec, so a construct Spark cannot run is a
 * located error naming the alternative, never a failure halfway through a cluster job.
 */
public enum Engine {
    LOCAL, SPARK;

    /** What the engine cannot run and what to write instead. */
    public record Refusal(String what, String instead) {
    }

    private static final Map<String, Refusal> SPARK_MODELS = new TreeMap<>(Map.of(
            "knn", new Refusal("`knn` (Spark's MLlib has no nearest-neighbour model)", "`forest` or `logistic`"),
            "hdbscan", new Refusal("`hdbscan` (Spark's MLlib has no density clustering)", "`kmeans`"),
            "svm", new Refusal("the kernel `svm` (Spark's MLlib has linear SVMs only)", "`linear_svm`"),
            "extra_trees", new Refusal("`extra_trees` (Spark's MLlib has no randomised-split forest)", "`forest`"),
            "adaboost", new Refusal("`adaboost` (Spark's MLlib has no AdaBoost)", "`xgboost` (gradient-boosted trees)"),
            "factorization_machine", new Refusal("`factorization_machine` (Spark's is binary and regression only, "
                    + "and mlx does not map it yet)", "`logistic` or `linear`")));

    /**
     * The hyperparameters the Spark engine passes on to MLlib, per model (dev.mlx.spark.SparkModels maps
     * them); any other written is ignored there. {@code seed} is always honoured or irrelevant (MLlib's
     * linear solvers are deterministic).
     */
    private static final Map<String, List<String>> SPARK_PARAMS = sparkParams();

    private static Map<String, List<String>> sparkParams() {
        Map<String, List<String>> m = new TreeMap<>();
        m.put("baseline", List.of("strategy"));
        m.put("logistic", List.of("l2"));
        m.put("linear", List.of("l2"));
        m.put("lasso", List.of("alpha", "max_iterations"));
        m.put("elastic_net", List.of("alpha", "l1_ratio", "max_iterations"));
        m.put("linear_svm", List.of("cost", "epsilon"));
        m.put("naive_bayes", List.of("alpha"));
        m.put("cart", List.of("max_depth", "min_child_weight"));
        m.put("forest", List.of("trees", "max_depth", "min_child_weight", "fraction_features"));
        m.put("xgboost", List.of("trees", "eta", "max_depth", "subsample", "colsample"));
        m.put("mlp", List.of("hidden", "epochs", "learning_rate", "batch_size"));
        m.put("kmeans", List.of("k", "iterations"));
        return m;
    }

    /**
     * The hyperparameters of {@code kind} this engine honours, seed aside; null when it honours every one
     * (the local engine) or does not train {@code kind} at all ({@link #model} says so).
     */
    public List<String> honoured(String kind) {
        return this == LOCAL ? null : SPARK_PARAMS.get(kind);
    }

    /** Whether this engine ignores hyperparameter {@code param} of {@code kind} when it is written. */
    public boolean ignores(String kind, String param) {
        List<String> honoured = honoured(kind);
        return honoured != null && !param.equals("seed") && !honoured.contains(param);
    }

    /**
     * Why this engine cannot run a {@code baseline} with {@code strategy}; null when it can. Spark's
     * baseline predicts the majority class (with the training shares) or the mean.
     */
    public Refusal baselineStrategy(String strategy) {
        if (this == LOCAL || strategy.equals("majority") || strategy.equals("mean")) {
            return null;
        }
        boolean regression = strategy.equals("median");
        return new Refusal("a `" + strategy + "` baseline (the Spark engine's baseline predicts the "
                + (regression ? "mean" : "majority class") + ")", "`strategy " + (regression ? "mean" : "majority")
                + "`, or no strategy");
    }

    /** The word, as written after {@code --engine}. */
    public String word() {
        return Words.of(this);
    }

    /**
     * Why this engine cannot train {@code kind} for {@code task} with {@code classes} classes (0 when
     * unknown or not classification); null when it can.
     */
    public Refusal model(String kind, Task task, int classes) {
        if (this == LOCAL) {
            return null;
        }
        Refusal r = SPARK_MODELS.get(kind);
        if (r != null) {
            return r;
        }
        boolean multiclass = task == Task.CLASSIFICATION && classes > 2;
        if (multiclass && kind.equals("xgboost")) {
            return new Refusal("multiclass `xgboost` (Spark's gradient-boosted trees are binary only)", "`forest`");
        }
        if (multiclass && kind.equals("linear_svm")) {
            return new Refusal("multiclass `linear_svm` (Spark's LinearSVC is binary only)", "`logistic`");
        }
        return null;
    }

    /** Why this engine cannot search hyperparameters by {@code search}; null when it can. */
    public Refusal search(SearchMethod search) {
        return this == SPARK && search == SearchMethod.TPE
                ? new Refusal("`search tpe` (the Spark engine searches a grid or at random)", "`search random`") : null;
    }

    /** Why this engine cannot apply the transform {@code word} (a catalog transform); null when it can. */
    public Refusal transform(String word) {
        if (this == LOCAL) {
            return null;
        }
        return switch (word) {
            case "tfidf", "bagofwords" -> new Refusal("`" + word + "` (text features are not mapped to MLlib yet)",
                    "the local engine for text, or drop the text column");
            case "bin" -> new Refusal("`bin` (equal-frequency bins are not mapped to Spark yet)", "`clip` or `log`");
            case "dateparts" -> new Refusal("`dateparts` (not mapped to Spark yet)", "a numeric date column in the data");
            case "derive" -> new Refusal("`derive` (not mapped to Spark yet)", "the derived column computed in the data");
            default -> null;
        };
    }

    /** Why this engine cannot give the explanation {@code what} ({@code lime}, {@code dependence}); null when it can. */
    public Refusal explanation(String what) {
        if (this == LOCAL) {
            return null;
        }
        return switch (what) {
            case "lime" -> new Refusal("`lime` (one local model per explained row does not scale out)",
                    "`importance permutation` or `importance model`");
            case "dependence" -> new Refusal("`dependence` (partial dependence is not mapped to Spark yet)",
                    "`importance permutation`");
            default -> null;
        };
    }

    /**
     * Why this engine cannot split by {@code latest by COLUMN} or with {@code split none}, compute slices
     * or a learning curve; null when it can.
     */
    public Refusal statement(String what) {
        if (this == LOCAL) {
            return null;
        }
        return switch (what) {
            case "split latest" -> new Refusal("`split ... latest by` (not mapped to Spark yet)", "a seeded holdout split");
            case "split none" -> new Refusal("`split none` (the Spark engine scores the selected model on a holdout)",
                    "a holdout split such as `split holdout 20%`");
            case "learning curve" -> new Refusal("a `learning curve` (not mapped to Spark yet)",
                    "the local engine on a sample of the table");
            case "slices" -> new Refusal("`slices` in evaluate (not mapped to Spark yet)", "no slices on this engine");
            case "latency" -> new Refusal("a latency gate (Spark's models are served by the local runtime: measure there)",
                    "`serve --bench` after the run");
            default -> null;
        };
    }

    /** The engine named {@code word}; null when there is none. */
    public static Engine parse(String word) {
        return Words.parse(Engine.class, word);
    }
}
