package dev.mlx.runtime.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.mlx.runtime.spec.Explain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.explanations.lime.LIMEBase;
import org.tribuo.classification.explanations.lime.LIMEExplanation;
import org.tribuo.regression.slm.LARSLassoTrainer;
import tech.tablesaw.api.Table;

/**
 * LIME explanations of single holdout rows of a probabilistic classifier. Tribuo's
 * {@link LIMEBase} is used on the transformed features (rather than {@code LIMEColumnar} on the
 * raw columns, which would need the pipeline re-expressed as Tribuo's RowProcessor): it samples
 * around the row from the training feature statistics the model carries, and fits a sparse
 * {@link LARSLassoTrainer} surrogate to the model's probabilities. The weights therefore name model
 * features ({@code column@value} for one-hot levels); the row's raw values are reported beside them.
 * Samples are seeded, so the same run gives the same explanation.
 */
final class Lime {
    static final int SAMPLES = 1000;
    static final int SURROGATE_FEATURES = 10;

    private Lime() {
    }

    /** The 0-based holdout rows to explain; an out-of-range requested row is skipped. */
    static List<Integer> rows(Explain spec, Predictor.Preds preds) {
        int n = preds.rows();
        List<Integer> out = new ArrayList<>();
        switch (spec.lime()) {
            case "rows" -> {
                for (int r : spec.limeRows()) {
                    if (r >= 1 && r <= n && !out.contains(r - 1)) {
                        out.add(r - 1);
                    }
                }
            }
            case "uncertain" -> {
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    all.add(i);
                }
                all.sort(Comparator.comparingDouble((Integer i) -> max(preds.probs()[i])).thenComparing(i -> i));
                out.addAll(all.subList(0, Math.min(count(spec), n)));
            }
            default -> {
                for (int i = 0; i < Math.min(count(spec), n); i++) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static int count(Explain spec) {
        return spec.limeCount() > 0 ? spec.limeCount() : 5;
    }

    private static double max(double[] p) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            m = Math.max(m, v);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static JsonArray explain(Predictor p, Table test, Predictor.Preds preds, List<Integer> rows, int top, long seed) {
        LIMEBase lime = new LIMEBase(new SplittableRandom(seed), (Model<Label>) p.model,
                new LARSLassoTrainer(SURROGATE_FEATURES), SAMPLES);
        JsonArray out = new JsonArray();
        for (int row : rows) {
            Example<Label> example = (Example<Label>) p.example(preds.matrix(), row);
            LIMEExplanation x = lime.explain(example);
            String predicted = x.getPrediction().getOutput().getLabel();
            JsonObject o = new JsonObject();
            o.addProperty("row", row + 1);
            o.addProperty("predicted", predicted);
            JsonObject probs = new JsonObject();
            for (int c = 0; c < p.classes.size(); c++) {
                probs.addProperty(p.classes.get(c), preds.probs()[row][c]);
            }
            o.add("probabilities", probs);
            if (preds.matrix().labels() != null) {
                o.addProperty("actual", preds.matrix().labels()[row]);
            }
            // The surrogate regresses every class's probability; the predicted class's weights explain it.
            Map<String, List<Pair<String, Double>>> weights = x.getModel().getTopFeatures(top > 0 ? top : -1);
            List<Pair<String, Double>> ws = weights.getOrDefault(predicted, List.of());
            JsonArray features = new JsonArray();
            for (Pair<String, Double> w : ws) {
                if (w.getB() == 0) {
                    continue;
                }
                JsonObject f = new JsonObject();
                f.addProperty("feature", w.getA());
                f.addProperty("weight", Json.num(w.getB()));
                features.add(f);
            }
            o.add("features", features);
            JsonObject values = new JsonObject();
            for (String c : p.pipeline.inputColumns()) {
                if (test.containsColumn(c)) {
                    int tableRow = preds.matrix().rowIds() == null ? row : preds.matrix().rowIds()[row];
                    values.addProperty(c, test.column(c).isMissing(tableRow) ? null : test.column(c).getString(tableRow));
                }
            }
            o.add("values", values);
            o.addProperty("surrogate_r2", Json.num(x.getEvaluation().averageR2()));
            out.add(o);
        }
        return out;
    }
}
