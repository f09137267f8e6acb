package dev.mlx.runtime.eval.tune;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one {@code tune} statement found: every trial in the order proposed, the best one (null when
 * no trial could be scored) and the tuned model spec (the model as written with the best values in
 * place of its own; the model unchanged without a best). {@link #json()} has this shape:
 * <pre>{@code
 * { "model": "xgb", "kind": "xgboost", "search": "tpe", "metric": "auc", "higher_is_better": true,
 *   "folds": 3, "stratified": true, "seed": 42, "trials_requested": 40, "trials_run": 40,
 *   "space": [{"name": "eta", "lo": 0.01, "hi": 0.3, "log": true, "integer": false},
 *             {"name": "subsample", "choices": [0.7, 0.85, 1.0]}],
 *   "trials": [{"trial": 1, "params": {"eta": 0.05, "subsample": 0.85}, "seed": 1234567,
 *               "mean": 0.91, "sd": 0.02, "folds": [0.9, 0.93, 0.9], "ms": 850, "error": null}, ...],
 *   "best": {"trial": 7, "params": {"eta": 0.12, "subsample": 1.0}, "mean": 0.93, "sd": 0.01},   // or null
 *   "tuned_params": {"trees": 300, "eta": 0.12, "subsample": 1.0},   // as written, best values in place
 *   "ms": 12000 }
 * }</pre>
 * Scores are the tuning metric per validation fold of the training rows; a score that cannot be
 * computed is null, and a failed trial has an {@code error} and no scores. A trial's {@code seed} is
 * the one its trainers got, unless the model writes its own {@code seed}, which wins. {@code trials_run} is
 * below {@code trials_requested} when the grid or a finite space has fewer configurations. Times
 * ({@code ms}) vary between runs; everything else is identical for identical data and seeds.
 */
public record TuneResult(String model, String kind, String search, String metric, boolean higherIsBetter, int folds,
                         boolean stratified, long seed, int trialsRequested, List<Space.Dimension> space,
                         List<Trial> trials, Trial best, Model tuned, long millis) {
    public TuneResult {
        space = List.copyOf(space);
        trials = List.copyOf(trials);
    }

    /** {@code experiment} with this model's spec replaced by the tuned one. */
    public Experiment applyTo(Experiment e) {
        List<Model> models = new ArrayList<>();
        for (Model m : e.models()) {
            models.add(m.name().equals(model) ? tuned : m);
        }
        return new Experiment(e.name(), e.question(), e.source(), e.scope(), e.data(), e.review(), e.checks(),
                e.features(), e.inspect(), models, e.tunes(), e.evaluate(), e.explain(), e.deploy(), e.feedback(),
                e.report(), e.seed());
    }

    /** The result in the shape documented on this class. */
    public JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("kind", kind);
        o.addProperty("search", search);
        o.addProperty("metric", metric);
        o.addProperty("higher_is_better", higherIsBetter);
        o.addProperty("folds", folds);
        o.addProperty("stratified", stratified);
        o.addProperty("seed", seed);
        o.addProperty("trials_requested", trialsRequested);
        o.addProperty("trials_run", trials.size());
        JsonArray dims = new JsonArray();
        for (Space.Dimension d : space) {
            JsonObject j = new JsonObject();
            j.addProperty("name", d.name());
            if (d.isChoice()) {
                JsonArray cs = new JsonArray();
                d.choices().forEach(c -> cs.add(value(c)));
                j.add("choices", cs);
            } else {
                j.add("lo", num(d.lo()));
                j.add("hi", num(d.hi()));
                j.addProperty("log", d.log());
                j.addProperty("integer", d.integer());
            }
            dims.add(j);
        }
        o.add("space", dims);
        JsonArray ts = new JsonArray();
        for (Trial t : trials) {
            JsonObject j = new JsonObject();
            j.addProperty("trial", t.number());
            j.add("params", params(t.params()));
            j.addProperty("seed", t.seed());
            j.add("mean", num(t.mean()));
            j.add("sd", num(t.sd()));
            JsonArray fs = new JsonArray();
            t.folds().forEach(v -> fs.add(num(v)));
            j.add("folds", fs);
            j.addProperty("ms", t.millis());
            j.add("error", t.error() == null ? JsonNull.INSTANCE : new JsonPrimitive(t.error()));
            ts.add(j);
        }
        o.add("trials", ts);
        if (best == null) {
            o.add("best", JsonNull.INSTANCE);
        } else {
            JsonObject b = new JsonObject();
            b.addProperty("trial", best.number());
            b.add("params", params(best.params()));
            b.add("mean", num(best.mean()));
            b.add("sd", num(best.sd()));
            o.add("best", b);
        }
        o.add("tuned_params", params(tuned.params()));
        o.addProperty("ms", millis);
        return o;
    }

    /** {@link #json()} as text. */
    public String toJson() {
        return new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(json());
    }

    private static JsonObject params(Map<String, Object> params) {
        JsonObject o = new JsonObject();
        params.forEach((k, v) -> o.add(k, value(v)));
        return o;
    }

    private static JsonElement value(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        } else if (v instanceof Double d) {
            return num(d);
        } else if (v instanceof Number n) {
            return new JsonPrimitive(n);
        } else if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        } else if (v instanceof List<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(x -> a.add(value(x)));
            return a;
        }
        return new JsonPrimitive(v.toString());
    }

    private static JsonElement num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? JsonNull.INSTANCE : new JsonPrimitive(d);
    }
}
