package dev.mlx.runtime.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ImportanceMethod;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.eval.EvaluationResult;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Explain;
import java.util.List;
import org.tribuo.Model;
import tech.tablesaw.api.Table;

/**
 * The {@code explain} stage: accountability for the selected model on the holdout rows. Everything
 * is computed from raw holdout rows through the fitted pipeline, so explanations speak of the
 * columns the user wrote. Seeded by the experiment seed: the same run explains identically.
 *
 * <p>The JSON (in run.json under {@code explain}); a part not requested is null, a part that cannot
 * be computed carries a {@code reason}:
 * <pre>{@code
 * { "importance": {
 *     "permutation": { "metric": "macro_f1", "higher_is_better": true, "baseline": 0.91, "repeats": 5,
 *                      "seed": 42, "columns": [{"column": "income", "features": ["income"], "mean": 0.12, "sd": 0.01,
 *                                               "values": [...]}, ...],       // most important first, top N
 *                      "reason": null },
 *     "model": { "model": "LinearSGDModel", "outputs": {"yes": [{"feature": "plan@pro", "score": 1.3}, ...]},
 *                "reason": null } },                                          // outputs null with a reason
 *   "lime": { "rows": [{ "row": 3, "predicted": "yes", "actual": "no", "probabilities": {"no": .4, "yes": .6},
 *                        "features": [{"feature": "plan@pro", "column": "plan", "weight": 0.21}, ...],
 *                        "words": [{"column": "note", "word": "refund", "weight": 0.3}],  // null: no text column
 *                        "values": {"income": "52000", "plan": "pro"}, "surrogate_r2": 0.83,
 *                        "words_surrogate_r2": 0.7 }],
 *             "reason": null },                                               // rows 1-based in the holdout
 *   "dependence": [{ "column": "age", "output": "p(yes)", "grid": [18, 21, ...], "average": [0.2, ...],
 *                    "reason": null }],
 *   "profiles": [{ "cluster": 0, "rows": 40, "means": {"age": 31.2},
 *                  "top_values": {"plan": [{"value": "pro", "rows": 22}]} }] }  // clustering only
 * }</pre>
 * Permutation importance is computed when {@code importance permutation} is asked; the model's own
 * ranking (Tribuo's {@code getTopFeatures}) whenever importance is asked, as it costs nothing.
 */
public final class Explainer {
    private Explainer() {
    }

    /** The explanations the experiment asks for, of the selected model. */
    public static JsonObject explain(Experiment e, EvaluationResult result, Table train, Table test) {
        Explain spec = e.explain();
        String metric = result.metric();
        MetricSpec m = Catalog.get().metric(metric);
        boolean higher = m == null || m.higherIsBetter();
        return explain(spec, e.scope().task(), e.scope().target(), result.selectedModel(), result.pipeline(), train, test,
                result.classes(), result.positive(), metric, higher, e.seed());
    }

    /**
     * The explanations of {@code model} behind {@code pipeline} on the {@code test} rows; LIME samples
     * around a row from the statistics of the {@code train} rows.
     */
    static JsonObject explain(Explain spec, Task task, String target, Model<?> model, FittedPipeline pipeline, Table train, Table test,
                              List<String> classes, String positive, String metric, boolean higherIsBetter, long seed) {
        JsonObject out = new JsonObject();
        if (spec == null) {
            out.add("importance", null);
            out.add("lime", null);
            out.add("dependence", null);
            out.add("profiles", null);
            return out;
        }
        Predictor p = new Predictor(model, pipeline, task, classes);
        boolean needPreds = (spec.lime() != null && task == Task.CLASSIFICATION && p.probabilities)
                || task == Task.CLUSTERING;
        Predictor.Preds preds = needPreds ? p.predict(test) : null; // an empty block costs nothing
        int top = spec.top();

        if (spec.importance() == null) {
            out.add("importance", null);
        } else {
            JsonObject importance = new JsonObject();
            if (spec.importance() == ImportanceMethod.PERMUTATION) {
                importance.add("permutation", permutation(p, test, target, task, metric, higherIsBetter, positive,
                        seed, top));
            } else {
                importance.add("permutation", null);
            }
            importance.add("model", ModelImportance.json(model, top));
            out.add("importance", importance);
        }

        if (spec.lime() == null) {
            out.add("lime", null);
        } else {
            JsonObject lime = new JsonObject();
            if (task != Task.CLASSIFICATION || !p.probabilities) {
                lime.add("rows", null);
                lime.addProperty("reason", "LIME needs a classification model that gives probabilities");
            } else {
                List<String> perturbable = RawColumns.perturbable(p, train);
                RawColumns view = RawColumns.of(p, RawColumns.stats(train, target, perturbable));
                lime.add("rows", Lime.explain(p, view, test, preds, Lime.rows(spec, preds), top, seed));
                lime.add("reason", null);
            }
            out.add("lime", lime);
        }

        if (spec.dependence().isEmpty()) {
            out.add("dependence", null);
        } else {
            JsonArray dependence = new JsonArray();
            for (String column : spec.dependence()) {
                dependence.add(Dependence.json(p, test, column, positive));
            }
            out.add("dependence", dependence);
        }

        out.add("profiles", task == Task.CLUSTERING ? Profiles.json(p, test, preds) : null);
        return out;
    }

    private static JsonObject permutation(Predictor p, Table test, String target, Task task, String metric,
                                          boolean higherIsBetter, String positive, long seed, int top) {
        String why = task == Task.CLUSTERING ? "permutation importance needs a target to score against"
                : !HoldoutScore.supports(metric) ? "the metric `" + metric + "` cannot be recomputed here"
                : test.rowCount() < 2 ? "the holdout has fewer than 2 rows" : null;
        if (why != null) {
            JsonObject o = new JsonObject();
            o.addProperty("metric", metric);
            o.add("columns", null);
            o.addProperty("reason", why);
            return o;
        }
        Permutation.Result r = Permutation.compute(p, test, target, metric, higherIsBetter, positive, seed,
                Permutation.REPEATS);
        JsonObject o = Permutation.json(r, metric, higherIsBetter, Permutation.REPEATS, seed, top);
        o.add("reason", null);
        return o;
    }

    /** One line for the console: what was explained. */
    /**
     * LIME for rows to be scored (the server's {@code POST /explain}): one entry per row of
     * {@code rows}, in the shape of {@code explain.lime.rows} of run.json, sampling around each row
     * from the {@code training} statistics of the raw columns. Only probabilistic classifiers can be
     * explained this way; the caller checks {@link #canExplain}.
     */
    public static JsonArray limeRows(Model<?> model, FittedPipeline pipeline, Table rows, int top, long seed,
                                     List<SamplingStats> training) {
        Predictor p = new Predictor(model, pipeline, Task.CLASSIFICATION, null);
        Predictor.Preds preds = p.predict(rows);
        List<Integer> all = new java.util.ArrayList<>();
        for (int i = 0; i < preds.rows(); i++) {
            all.add(i);
        }
        List<SamplingStats> used = training.stream()
                .filter(s -> pipeline.inputColumns().contains(s.column()) && !pipeline.textColumns().contains(s.column())
                        && (s.numeric() || s.levels() != null))
                .toList();
        return Lime.explain(p, RawColumns.of(p, used), rows, preds, all, top, seed);
    }

    /** Whether {@link #limeRows} can explain this model: a classifier that gives probabilities. */
    public static boolean canExplain(Model<?> model, Task task) {
        return task == Task.CLASSIFICATION && model.generatesProbabilities();
    }

    public static String summary(JsonObject explain) {
        StringBuilder sb = new StringBuilder();
        if (explain.get("importance") != null && explain.get("importance").isJsonObject()) {
            JsonObject perm = explain.getAsJsonObject("importance").get("permutation") instanceof JsonObject o ? o : null;
            if (perm != null && perm.get("columns") != null && perm.get("columns").isJsonArray()
                    && perm.getAsJsonArray("columns").size() > 0) {
                sb.append("top column `").append(perm.getAsJsonArray("columns").get(0).getAsJsonObject()
                        .get("column").getAsString()).append('`');
            } else {
                sb.append("model importance");
            }
        }
        if (explain.get("lime") != null && explain.get("lime").isJsonObject()
                && explain.getAsJsonObject("lime").get("rows").isJsonArray()) {
            sb.append(sb.length() > 0 ? ", " : "").append(explain.getAsJsonObject("lime").getAsJsonArray("rows").size())
                    .append(" rows explained");
        }
        if (explain.get("dependence") != null && explain.get("dependence").isJsonArray()) {
            sb.append(sb.length() > 0 ? ", " : "").append(explain.getAsJsonArray("dependence").size())
                    .append(" dependence curves");
        }
        if (explain.get("profiles") != null && explain.get("profiles").isJsonArray()) {
            sb.append(sb.length() > 0 ? ", " : "").append(explain.getAsJsonArray("profiles").size())
                    .append(" cluster profiles");
        }
        return sb.length() == 0 ? "nothing asked" : sb.toString();
    }
}
