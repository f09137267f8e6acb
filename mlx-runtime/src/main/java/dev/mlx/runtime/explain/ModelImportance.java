package dev.mlx.runtime.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Model;

/**
 * The model's own view of its features, from Tribuo's {@code getTopFeatures}: absolute weights for
 * linear models (on the features as the pipeline scaled them), split importance for trees, gain
 * for XGBoost. Per output (a class, the regression target, or {@code ALL_OUTPUTS}); models that
 * keep no such view (kNN, SVMs with kernels, clusterers) give null with the reason.
 */
final class ModelImportance {
    private ModelImportance() {
    }

    /** {@code {"model": class, "outputs": {output: [{feature, score}]}}} or {@code {"reason": ...}}. */
    static JsonObject json(Model<?> model, int top) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model.getClass().getSimpleName());
        Map<String, List<Pair<String, Double>>> topFeatures;
        try {
            topFeatures = model.getTopFeatures(top > 0 ? top : -1);
        } catch (RuntimeException ex) {
            o.add("outputs", null);
            o.addProperty("reason", "the model cannot rank its features: " + ex.getMessage());
            return o;
        }
        if (topFeatures == null || topFeatures.isEmpty()) {
            o.add("outputs", null);
            o.addProperty("reason", model.getClass().getSimpleName() + " keeps no per-feature importance");
            return o;
        }
        JsonObject outputs = new JsonObject();
        for (Map.Entry<String, List<Pair<String, Double>>> e : new TreeMap<>(topFeatures).entrySet()) {
            JsonArray list = new JsonArray();
            for (Pair<String, Double> p : e.getValue()) {
                JsonObject f = new JsonObject();
                f.addProperty("feature", p.getA());
                f.addProperty("score", Json.num(p.getB()));
                list.add(f);
            }
            outputs.add(e.getKey(), list);
        }
        o.add("outputs", outputs);
        o.add("reason", null);
        return o;
    }
}
