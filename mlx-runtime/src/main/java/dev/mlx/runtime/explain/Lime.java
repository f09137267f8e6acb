package dev.mlx.runtime.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.spec.Explain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.SparseModel;
import org.tribuo.SparseTrainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.explanations.lime.LIMEExplanation;
import org.tribuo.classification.explanations.lime.LIMEText;
import org.tribuo.data.text.TextFeatureExtractor;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.LARSLassoTrainer;
import org.tribuo.regression.slm.SLMTrainer;
import org.tribuo.util.tokens.Tokenizer;
import org.tribuo.util.tokens.impl.SplitPatternTokenizer;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * LIME explanations of single holdout rows of a probabilistic classifier, in the columns and words
 * the user wrote: Tribuo's {@code LIMEColumnar} ({@link ColumnarLime}) perturbs the raw numeric and category columns
 * (sampling from the training rows' statistics) and {@link LIMEText} blanks out words of each text
 * column; both ask the selected model behind its fitted pipeline and fit a sparse
 * {@link LARSLassoTrainer} surrogate to its probabilities. Samples are seeded, so the same run gives
 * the same explanation.
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
            case ROWS -> {
                for (int r : spec.limeRows()) {
                    if (r >= 1 && r <= n && !out.contains(r - 1)) {
                        out.add(r - 1);
                    }
                }
            }
            case UNCERTAIN -> {
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    all.add(i);
                }
                all.sort(Comparator.comparingDouble((Integer i) -> max(preds.probs()[i])).thenComparing(i -> i));
                out.addAll(all.subList(0, Math.min(count(spec), n)));
            }
            case FIRST -> {
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

    /**
     * One explanation per row: Tribuo's {@code LIMEColumnar} over the raw numeric, category and
     * true/false columns (through {@link RawColumns}), and {@link LIMEText} over each text column's
     * words (the other columns held at the row's values). Both fit a sparse LARS-lasso surrogate to
     * the model's class probabilities; the predicted class's weights are reported, with the
     * surrogate's R² on its samples.
     */
    @SuppressWarnings("unchecked")
    static JsonArray explain(Predictor p, RawColumns raw, Table test, Predictor.Preds preds,
                             List<Integer> rows, int top, long seed) {
        RawColumns view = raw;
        List<String> tabular = view == null ? List.of() : view.columns();
        if (tabular.isEmpty()) {
            view = null;
        }
        List<String> text = new ArrayList<>();
        for (String c : p.pipeline.textColumns()) {
            if (test.containsColumn(c)) {
                text.add(c);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        JsonArray out = new JsonArray();
        for (int row : rows) {
            int tableRow = preds.matrix().rowIds() == null ? row : preds.matrix().rowIds()[row];
            JsonObject o = new JsonObject();
            o.addProperty("row", row + 1);
            o.addProperty("predicted", preds.labels()[row]);
            JsonObject probs = new JsonObject();
            for (int c = 0; c < p.classes.size(); c++) {
                probs.addProperty(p.classes.get(c), preds.probs()[row][c]);
            }
            o.add("probabilities", probs);
            if (preds.matrix().labels() != null) {
                o.addProperty("actual", preds.matrix().labels()[row]);
            }
            JsonArray features = new JsonArray();
            Double r2 = null;
            if (view != null) {
                RawColumns at = view.at(test, tableRow);
                ColumnarLime lime = new ColumnarLime(rng.split(), at, surrogate(tabular.size()), SAMPLES,
                        at.rowProcessor(tabular), tokenizer(), at.input(tabular));
                LIMEExplanation x = lime.explain();
                String predicted = x.getPrediction().getOutput().getLabel();
                for (Pair<String, Double> w : weights(x, predicted, top)) {
                    Pair<String, String> cv = at.decode(w.getA());
                    JsonObject f = new JsonObject();
                    f.addProperty("feature", cv == null ? w.getA()
                            : cv.getB() == null ? cv.getA() : cv.getA() + "@" + cv.getB());
                    f.addProperty("column", cv == null ? null : cv.getA());
                    f.addProperty("weight", Json.num(w.getB()));
                    features.add(f);
                }
                r2 = lime.fit(predicted);
            }
            o.add("features", features);
            JsonArray words = new JsonArray();
            Double wordsR2 = null;
            for (String column : text) {
                Column<?> col = test.column(column);
                if (col.isMissing(tableRow) || col.getString(tableRow).isBlank()) {
                    continue;
                }
                String doc = col.getString(tableRow);
                TextLime lime = new TextLime(rng.split(), (Model<Label>) p.model, surrogate(tokenizer().tokenize(doc).size()),
                        SAMPLES, new TextRow(p, test, tableRow, column), tokenizer());
                LIMEExplanation x = lime.explain(col.getString(tableRow));
                String predicted = x.getPrediction().getOutput().getLabel();
                // the surrogate's features are word@idxN, one per position: a word's weight is their sum
                Map<String, Double> byWord = new LinkedHashMap<>();
                for (Pair<String, Double> w : weights(x, predicted, -1)) {
                    int at = w.getA().lastIndexOf("@idx");
                    String word = (at < 0 ? w.getA() : w.getA().substring(0, at)).toLowerCase(Locale.ROOT);
                    byWord.merge(word, w.getB(), Double::sum);
                }
                List<Map.Entry<String, Double>> ranked = new ArrayList<>(byWord.entrySet());
                ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                        .thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, Double> e : ranked.subList(0, top > 0 ? Math.min(top, ranked.size()) : ranked.size())) {
                    if (e.getValue() == 0) {
                        continue;
                    }
                    JsonObject w = new JsonObject();
                    w.addProperty("column", column);
                    w.addProperty("word", e.getKey());
                    w.addProperty("weight", Json.num(e.getValue()));
                    words.add(w);
                }
                wordsR2 = lime.fit(predicted);
            }
            o.add("words", text.isEmpty() ? null : words);
            JsonObject values = new JsonObject();
            for (String c : p.pipeline.inputColumns()) {
                if (test.containsColumn(c)) {
                    values.addProperty(c, test.column(c).isMissing(tableRow) ? null : test.column(c).getString(tableRow));
                }
            }
            o.add("values", values);
            o.addProperty("surrogate_r2", r2 == null ? null : Json.num(r2));
            o.addProperty("words_surrogate_r2", wordsR2 == null ? null : Json.num(wordsR2));
            out.add(o);
        }
        return out;
    }

    /**
     * The sparse surrogate: LARS-lasso keeping at most {@link #SURROGATE_FEATURES}. Tribuo's LARS
     * step needs a second candidate feature, so with a single one the surrogate is the forward
     * selection it reduces to (ordinary least squares on that feature).
     */
    private static SparseTrainer<Regressor> surrogate(int features) {
        return features >= 2 ? new LARSLassoTrainer(Math.min(SURROGATE_FEATURES, features)) : new SLMTrainer(true, -1);
    }

    /** The surrogate's non-zero weights for {@code label}, largest magnitude first. */
    private static List<Pair<String, Double>> weights(LIMEExplanation x, String label, int top) {
        Map<String, List<Pair<String, Double>>> all = x.getModel().getTopFeatures(top > 0 ? top : -1);
        List<Pair<String, Double>> out = new ArrayList<>();
        for (Pair<String, Double> w : all.getOrDefault(label, List.of())) {
            if (w.getB() != 0 && Double.isFinite(w.getB())) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * How well a surrogate fits its samples for one class's probability: R² weighted by each
     * sample's weight (its closeness to the explained row), as LIME scores its local model.
     * NaN when the probability does not vary among the samples.
     */
    static double weightedR2(SparseModel<Regressor> surrogate, List<Example<Regressor>> samples, String label) {
        int n = samples.size();
        double[] y = new double[n];
        double[] f = new double[n];
        double[] w = new double[n];
        double sw = 0;
        double sy = 0;
        List<Prediction<Regressor>> preds = surrogate.predict(samples);
        for (int i = 0; i < n; i++) {
            y[i] = value(samples.get(i).getOutput(), label);
            f[i] = value(preds.get(i).getOutput(), label);
            w[i] = samples.get(i).getWeight();
            sw += w[i];
            sy += w[i] * y[i];
        }
        double mean = sy / sw;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            res += w[i] * (y[i] - f[i]) * (y[i] - f[i]);
            tot += w[i] * (y[i] - mean) * (y[i] - mean);
        }
        return tot > 0 ? 1 - res / tot : Double.NaN;
    }

    private static double value(Regressor r, String dimension) {
        String[] names = r.getNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(dimension)) {
                return r.getValues()[i];
            }
        }
        return Double.NaN;
    }

    /** Tribuo's {@link LIMEText}, keeping its surrogate and samples so the fit can be scored per class. */
    private static final class TextLime extends LIMEText {
        private List<Example<Regressor>> fitted;
        private SparseModel<Regressor> surrogate;

        TextLime(SplittableRandom rng, Model<Label> model, SparseTrainer<Regressor> trainer, int samples,
                 TextFeatureExtractor<Label> extractor, Tokenizer tokenizer) {
            super(rng, model, trainer, samples, extractor, tokenizer);
        }

        @Override
        protected SparseModel<Regressor> trainExplainer(Example<Regressor> target, List<Example<Regressor>> samples) {
            fitted = new ArrayList<>();
            fitted.add(target);
            fitted.addAll(samples);
            surrogate = super.trainExplainer(target, samples);
            return surrogate;
        }

        double fit(String label) {
            return weightedR2(surrogate, fitted, label);
        }
    }

    /** Words as the text vectorizer sees them: runs of letters and digits. */
    private static Tokenizer tokenizer() {
        return new SplitPatternTokenizer("[^\\p{L}\\p{N}]+");
    }

    /**
     * Turns a perturbed text back into the model's features: the explained row with its text
     * replaced, through the fitted pipeline. Used by {@link LIMEText}.
     */
    private static final class TextRow implements TextFeatureExtractor<Label> {
        private final Predictor p;
        private final Table row;
        private final String column;

        TextRow(Predictor p, Table test, int tableRow, String column) {
            this.p = p;
            this.row = test.inRange(tableRow, tableRow + 1);
            this.column = column;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Example<Label> extract(Label output, String text) {
            Table t = row.copy();
            ((StringColumn) t.column(column)).set(0, text);
            FeatureMatrix m = p.pipeline.transform(t);
            Example<Label> e = (Example<Label>) p.example(m, 0);
            return e;
        }

        @Override
        public ConfiguredObjectProvenance getProvenance() {
            return new ConfiguredObjectProvenanceImpl(this, "TextFeatureExtractor");
        }
    }
}
