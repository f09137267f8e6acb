package dev.mlx.runtime.explain;

import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.mlx.runtime.result.FeatureScore;
import dev.mlx.runtime.result.ModelExplanations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** The model's own ranking per output, or null outputs with the reason. */
    static ModelExplanations.OwnImportance result(Model<?> model, int top) {
        String name = model.getClass().getSimpleName();
        Map<String, List<Pair<String, Double>>> topFeatures;
        try {
            topFeatures = model.getTopFeatures(top > 0 ? top : -1);
        } catch (RuntimeException ex) {
            return new ModelExplanations.OwnImportance(name, null, "the model cannot rank its features: " + ex.getMessage());
        }
        if (topFeatures == null || topFeatures.isEmpty()) {
            return new ModelExplanations.OwnImportance(name, null, name + " keeps no per-feature importance");
        }
        Map<String, List<FeatureScore>> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Pair<String, Double>>> e : new TreeMap<>(topFeatures).entrySet()) {
            List<FeatureScore> list = new ArrayList<>();
            for (Pair<String, Double> p : e.getValue()) {
                list.add(new FeatureScore(p.getA(), Json.num(p.getB())));
            }
            outputs.put(e.getKey(), list);
        }
        return new ModelExplanations.OwnImportance(name, outputs, null);
    }
}
