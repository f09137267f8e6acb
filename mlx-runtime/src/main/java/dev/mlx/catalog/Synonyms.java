package dev.mlx.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words users bring from scikit-learn and its neighbours, and the mlx word for each: the checker
 * offers the mlx word when an unknown name is one of them ({@code most_frequent} → {@code mode},
 * {@code n_estimators} → {@code trees}). Spelling is compared without case, underscores or hyphens,
 * so {@code f1score}, {@code f1_score} and {@code F1Score} are one word. A word may stand for several
 * mlx words (scikit-learn's {@code C} is {@code cost}; {@code learning_rate} is xgboost's {@code eta}
 * and the linear models' {@code learning_rate}); the first one the place accepts wins.
 */
public final class Synonyms {
    private static final Map<String, List<String>> WORDS = new TreeMap<>();

    static {
        // metrics (scikit-learn's function and scorer names)
        add("f1_score", "f1");
        add("f1_macro", "macro_f1");
        add("f1_weighted", "weighted_f1");
        add("accuracy_score", "accuracy");
        add("balanced_accuracy_score", "balanced_accuracy");
        add("precision_score", "precision");
        add("recall_score", "recall");
        add("precision_macro", "macro_precision");
        add("recall_macro", "macro_recall");
        add("roc_auc", "auc");
        add("roc_auc_score", "auc");
        add("average_precision", "pr_auc");
        add("average_precision_score", "pr_auc");
        add("log_loss_score", "log_loss");
        add("neg_log_loss", "log_loss");
        add("cross_entropy", "log_loss");
        add("r2_score", "r2");
        add("mean_squared_error", "mse");
        add("neg_mean_squared_error", "mse");
        add("root_mean_squared_error", "rmse");
        add("neg_root_mean_squared_error", "rmse");
        add("mean_absolute_error", "mae");
        add("neg_mean_absolute_error", "mae");
        add("mean_absolute_percentage_error", "mape");
        add("silhouette_score", "silhouette");
        add("inertia", "wcss");
        add("adjusted_rand_score", "ari");
        add("adjusted_mutual_info_score", "ami");
        // imputation (SimpleImputer's strategies)
        add("most_frequent", "mode");
        add("average", "mean");
        // hyperparameters
        add("n_estimators", "trees");
        add("num_trees", "trees");
        add("num_boost_round", "trees", "rounds");
        add("max_features", "fraction_features", "colsample");
        add("colsample_bytree", "colsample", "fraction_features");
        add("min_samples_leaf", "min_child_weight");
        add("min_child_samples", "min_child_weight");
        add("n_neighbors", "k");
        add("n_clusters", "k");
        add("c", "cost");
        add("reg_lambda", "lambda");
        add("reg_alpha", "alpha");
        add("max_iter", "max_iterations", "iterations", "epochs");
        add("n_iter", "iterations", "max_iterations", "epochs");
        add("tol", "tolerance");
        add("random_state", "seed");
        add("random_seed", "seed");
        add("hidden_layer_sizes", "hidden");
        add("learning_rate", "eta", "learning_rate");
        add("learning_rate_init", "learning_rate");
        add("n_epochs", "epochs");
        add("max_leaf_nodes", "max_depth");
        add("min_cluster_samples", "min_cluster_size");
        // models
        add("random_forest", "forest");
        add("randomforest", "forest");
        add("randomforestclassifier", "forest");
        add("randomforestregressor", "forest");
        add("decision_tree", "cart");
        add("decisiontreeclassifier", "cart");
        add("decisiontreeregressor", "cart");
        add("logistic_regression", "logistic");
        add("logisticregression", "logistic");
        add("linear_regression", "linear");
        add("linearregression", "linear");
        add("elasticnet", "elastic_net");
        add("kneighborsclassifier", "knn");
        add("kneighborsregressor", "knn");
        add("svc", "svm");
        add("svr", "svm");
        add("linear_svc", "linear_svm");
        add("linearsvc", "linear_svm");
        add("gaussian_nb", "naive_bayes");
        add("gaussiannb", "naive_bayes");
        add("multinomialnb", "naive_bayes");
        add("mlpclassifier", "mlp");
        add("mlpregressor", "mlp");
        add("xgb", "xgboost");
        add("xgbclassifier", "xgboost");
        add("xgbregressor", "xgboost");
        add("dummy", "baseline");
        add("dummyclassifier", "baseline");
        add("dummyregressor", "baseline");
        add("extratrees", "extra_trees");
        add("extratreesclassifier", "extra_trees");
    }

    private Synonyms() {
    }

    private static void add(String theirs, String... ours) {
        WORDS.put(key(theirs), List.of(ours));
    }

    private static String key(String word) {
        return word.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /**
     * The mlx word for {@code typed} among {@code accepted} (the words the place where it was typed
     * takes), or null when {@code typed} is no other tool's word for one of them.
     */
    public static String ours(String typed, Collection<String> accepted) {
        if (typed == null) {
            return null;
        }
        for (String w : WORDS.getOrDefault(key(typed), List.of())) {
            if (accepted.contains(w)) {
                return w;
            }
        }
        return null;
    }

    /** Every other tool's word this table knows (spelled without underscores), in sorted order. */
    public static List<String> known() {
        return List.copyOf(WORDS.keySet());
    }
}
