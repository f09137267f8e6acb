package dev.mlx.runtime.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.SparseModel;
import org.tribuo.SparseTrainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.explanations.lime.LIMEColumnar;
import org.tribuo.classification.explanations.lime.LIMEExplanation;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.SparseVector;
import org.tribuo.regression.Regressor;
import org.tribuo.util.tokens.Tokenizer;

/**
 * Tribuo's {@link LIMEColumnar} for one raw row, with the sample weights it means to use. In Tribuo
 * 4.3.2 a row processor with binarised category fields but no text field gives every sample the
 * weight NaN (the text distance is 0 tokens / 0 tokens), and the LARS surrogate then fails. Here
 * the samples keep Tribuo's sampling, and each is weighted as {@code LIMEBase} weighs a tabular
 * sample: its distance to the explained row (Euclidean over range-scaled numbers, Hamming over
 * categories) through the exponential kernel of LIMEBase's width. As in the original LIME, the
 * surrogate sees a category as one indicator, "has the explained row's level", so its weight reads
 * "being {@code color@red} pushed the prediction by w". The explained row's own category features
 * join the surrogate's anchor example, which Tribuo leaves out.
 */
final class ColumnarLime extends LIMEColumnar {
    private final Map<String, String> input;
    private final RowProcessor<Label> rows;
    private final RawColumns view;
    /** The surrogate's training samples (anchor first) and the surrogate, from the last explanation. */
    private List<Example<Regressor>> fitted;
    private SparseModel<Regressor> surrogate;

    ColumnarLime(SplittableRandom rng, RawColumns view, SparseTrainer<Regressor> surrogate, int samples,
                 RowProcessor<Label> rows, Tokenizer tokenizer, Map<String, String> input) {
        super(rng, view, surrogate, samples, rows, tokenizer);
        this.view = view;
        this.rows = rows;
        this.input = input;
    }

    LIMEExplanation explain() {
        return explain(input);
    }

    @Override
    protected SparseModel<Regressor> trainExplainer(Example<Regressor> target, List<Example<Regressor>> samples) {
        ImmutableFeatureMap domain = view.getFeatureIDMap();
        Example<Label> row = rows.generateExample(input, false)
                .orElseThrow(() -> new IllegalStateException("the explained row has no features"));
        ArrayExample<Regressor> anchor = new ArrayExample<>(target.getOutput(), 1.0f);
        for (Feature f : row) {
            if (domain.getID(f.getName()) >= 0) {
                anchor.add(f);
            }
        }
        SparseVector at = SparseVector.createSparseVector(anchor, domain, false);
        long n = numTrainingExamples;
        List<Example<Regressor>> weighted = new ArrayList<>(samples.size());
        for (Example<Regressor> s : samples) {
            double distance = measureDistance(domain, n, at, SparseVector.createSparseVector(s, domain, false));
            ArrayExample<Regressor> w = new ArrayExample<>(s.getOutput(), (float) kernelDist(distance, kernelWidth));
            for (Feature f : s) {
                // a category is "the row's level or not": the levels of a column always sum to one, and as
                // separate features they are collinear with the surrogate's intercept
                if (domain.getID(f.getName()) >= 0 && (!view.isLevel(f.getName()) || anchor.lookup(f.getName()) != null)) {
                    w.add(f);
                }
            }
            weighted.add(w);
        }
        boolean anyWeight = false;
        for (Example<Regressor> w : weighted) {
            anyWeight |= w.getWeight() > 0;
        }
        if (!anyWeight) {
            // every sample lies so far from the row that its kernel weight is 0 in float: no surrogate to fit
            throw new Explainer.Unexplainable("the row lies too far from the training data for LIME: "
                    + "every sample drawn around it weighs nothing");
        }
        fitted = new ArrayList<>();
        fitted.add(anchor);
        fitted.addAll(weighted);
        surrogate = super.trainExplainer(anchor, weighted);
        return surrogate;
    }

    /** The kernel-weighted R² of the last surrogate on its samples, for the probability of {@code label}. */
    double fit(String label) {
        return Lime.weightedR2(surrogate, fitted, label);
    }
}
