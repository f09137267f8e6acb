package dev.mlx.runtime.models.tree;

import com.google.protobuf.Any;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.protos.core.EnsembleCombinerProto;

/**
 * The vote of boosted classification trees: each member's leaf holds its (already weighted) contribution
 * to every class's score, the scores are summed over the members and a softmax turns them into
 * probabilities. A binary booster whose trees add {@code m} to the second class and {@code -m} to the
 * first gives {@code 1 / (1 + e^(-2 F))} for the second class, {@code F} the summed margin: MLlib's
 * gradient-boosted trees under its logistic loss. Tribuo has no combiner that is not an average.
 */
public final class BoostedMarginCombiner implements EnsembleCombiner<Label> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 0;

    public BoostedMarginCombiner() {
    }

    @Override
    public Prediction<Label> combine(ImmutableOutputInfo<Label> outputInfo, List<Prediction<Label>> predictions) {
        float[] ones = new float[predictions.size()];
        java.util.Arrays.fill(ones, 1f);
        return combine(outputInfo, predictions, ones);
    }

    @Override
    public Prediction<Label> combine(ImmutableOutputInfo<Label> outputInfo, List<Prediction<Label>> predictions, float[] weights) {
        if (predictions.size() != weights.length) {
            throw new IllegalArgumentException(predictions.size() + " predictions and " + weights.length + " weights");
        }
        double[] score = new double[outputInfo.size()];
        int used = 0;
        for (int i = 0; i < weights.length; i++) {
            Prediction<Label> p = predictions.get(i);
            used = Math.max(used, p.getNumActiveFeatures());
            for (Label l : p.getOutputScores().values()) {
                score[outputInfo.getID(l)] += weights[i] * l.getScore();
            }
        }
        dev.mlx.runtime.models.base.Softmax.of(score, score);
        Map<String, Label> distribution = new LinkedHashMap<>();
        Label best = null;
        for (int k = 0; k < score.length; k++) {
            String name = outputInfo.getOutput(k).getLabel();
            Label label = new Label(name, score[k]);
            distribution.put(name, label);
            if (best == null || label.getScore() > best.getScore()) {
                best = label;
            }
        }
        return new Prediction<>(best, distribution, used, predictions.get(0).getExample(), true);
    }

    @Override
    public Class<Label> getTypeWitness() {
        return Label.class;
    }

    @Override
    public EnsembleCombinerProto serialize() {
        return EnsembleCombinerProto.newBuilder().setClassName(getClass().getName()).setVersion(CURRENT_VERSION).build();
    }

    /** Reads the protobuf form; called by Tribuo when a model file names this class. */
    public static BoostedMarginCombiner deserializeFromProto(int version, String className, Any message) {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("unknown version " + version + ", this class supports at most version "
                    + CURRENT_VERSION);
        }
        return new BoostedMarginCombiner();
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "EnsembleCombiner");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoostedMarginCombiner;
    }

    @Override
    public int hashCode() {
        return BoostedMarginCombiner.class.hashCode();
    }

    @Override
    public String toString() {
        return "BoostedMarginCombiner()";
    }
}
