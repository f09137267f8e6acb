package dev.mlx.init;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code models} and {@code evaluate} blocks: a ladder from a baseline up to boosted trees and
 * a small network, sized to the table, and the metrics that fit it. Both go through the catalog, so a model or metric
 * it lacks, or a hyperparameter a model does not take, is left out rather than written invalid.
 */
final class ModelBlocks {
    /** One rung of the ladder: kind, name, hyperparameters as written, in order. */
    record Rung(String kind, String name, Map<String, String> params) {
    }

    private ModelBlocks() {
    }

    /** Above this many columns the models see, a table is wide. */
    static final long WIDE = 500;
    /** Below this many rows the network has too little to learn from to be worth its time. */
    static final long NETWORK_ROWS = 1_000;

    /**
     * The rungs the catalog has for the task, fitted to the table's size and shape, each with only
     * the hyperparameters its model takes. Always a baseline, the linear model and a shallow tree;
     * ensembles when the columns are dense (not free text, whose thousands of sparse terms make
     * trees slow and rarely better than the linear model there), fewer trees on tall or wide tables;
     * the network only with enough rows and few enough columns.
     */
    static List<Rung> ladder(Choices c) {
        Task task = c.task();
        long rows = c.data().rows();
        long width = c.width();
        boolean tall = rows >= Choices.TALL;
        boolean wide = width > WIDE;
        boolean text = c.hasText();
        List<Rung> wanted = new ArrayList<>();
        if (task == Task.CLUSTERING) {
            wanted.add(new Rung("kmeans", "km", Map.of("k", "2..8")));
        } else {
            wanted.add(new Rung("baseline", "base", Map.of()));
            wanted.add(new Rung(task == Task.REGRESSION ? "linear" : "logistic", "lr", Map.of())); // the defaults: L-BFGS or the exact solve
            wanted.add(new Rung("cart", "tree", Map.of("max_depth", rows < 200 ? "4" : "6")));
            if (!text) {
                String trees = tall || wide ? "50" : "100";
                wanted.add(new Rung("forest", "rf", Map.of("trees", trees)));
                wanted.add(new Rung("xgboost", "xgb", ordered("trees", "100", "max_depth", rows < 200 ? "3" : "6")));
            }
            if (!text && !wide && !tall && rows >= NETWORK_ROWS) {
                wanted.add(new Rung("mlp", "net", ordered("hidden", "[32]", "epochs", "50")));
            }
        }
        List<Rung> ladder = new ArrayList<>();
        for (Rung r : wanted) {
            ModelSpec spec = Catalog.get().model(r.kind());
            if (spec == null || !spec.tasks().contains(task)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            r.params().forEach((p, v) -> {
                if (spec.param(p) != null) {
                    params.put(p, v);
                }
            });
            ladder.add(new Rung(r.kind(), r.name(), params));
        }
        return ladder;
    }

    static List<String> models(List<Rung> ladder) {
        List<String> lines = new ArrayList<>();
        for (Rung r : ladder) {
            List<String> params = new ArrayList<>();
            r.params().forEach((p, v) -> params.add(p + " " + v));
            lines.add(r.kind() + " " + r.name() + (params.isEmpty() ? "" : " { " + String.join(", ", params) + " }"));
        }
        return lines;
    }

    /** Metrics that need probabilities only when every model on the ladder gives them. */
    static List<String> evaluate(Choices c, List<Rung> ladder) {
        Task task = c.task();
        boolean probabilities = true;
        for (Rung r : ladder) {
            probabilities &= Catalog.get().model(r.kind()).probabilistic();
        }
        List<String> wanted = switch (task) {
            case CLASSIFICATION -> c.binary()
                    ? List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1", "auc")
                    : List.of("accuracy", "balanced_accuracy", "macro_f1", "weighted_f1", "auc");
            case REGRESSION -> List.of("rmse", "mae", "r2");
            case CLUSTERING -> List.of("silhouette", "wcss");
        };
        List<String> metrics = new ArrayList<>();
        for (String m : wanted) {
            MetricSpec spec = Catalog.get().metric(m);
            if (spec != null && spec.tasks().contains(task) && (probabilities || !spec.needsProbabilities())
                    && (!spec.needsLabels() || c.target() != null)) {
                metrics.add(m);
            }
        }
        List<String> lines = new ArrayList<>();
        if (task != Task.CLUSTERING) {
            int folds = c.folds();
            lines.add(folds >= 2 ? "cv " + folds + " folds" + (task == Task.CLASSIFICATION ? " stratified" : "")
                    : "holdout");
        }
        lines.add("metrics " + String.join(", ", metrics));
        lines.add("select best by " + c.metric());
        return lines;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
