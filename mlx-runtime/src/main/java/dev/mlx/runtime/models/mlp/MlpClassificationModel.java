package dev.mlx.runtime.models.mlp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;

/** An mlp classifier: softmax probabilities over the labels, the most probable one predicted. */
public final class MlpClassificationModel extends MlpModel<Label> {
    private static final long serialVersionUID = 1L;

    MlpClassificationModel(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                           ImmutableOutputInfo<Label> outputs, MlpParameters parameters, Activation activation,
                           History history) {
        super(name, provenance, features, outputs, parameters, activation, history, true);
    }

    @Override
    Prediction<Label> prediction(double[] scores, int knownFeatures, Example<Label> example) {
        Head.softmax(scores, scores);
        Map<String, Label> distribution = new LinkedHashMap<>();
        Label best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            String name = outputIDInfo.getOutput(i).getLabel();
            Label label = new Label(name, scores[i]);
            distribution.put(name, label);
            if (scores[i] > bestScore) {
                bestScore = scores[i];
                best = label;
            }
        }
        return new Prediction<>(best, distribution, knownFeatures, example, true);
    }

    @Override
    protected MlpClassificationModel copy(String newName, ModelProvenance newProvenance) {
        return new MlpClassificationModel(newName, newProvenance, featureIDMap, outputIDInfo, parameters.copy(), activation,
                history());
    }

    /** Reads the protobuf form; called by Tribuo's {@code ProtoUtil} when a model file names this class. */
    @SuppressWarnings("unchecked")  // checked: every output of the domain is a Label
    public static MlpClassificationModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parts p = parts(version, message);
        ImmutableOutputInfo<?> outputs = p.carrier().outputDomain();
        if (outputs.size() == 0 || !(outputs.getOutput(0) instanceof Label)) {
            throw new IllegalStateException("invalid protobuf: the output domain is not a label domain");
        }
        return new MlpClassificationModel(p.carrier().name(), p.carrier().provenance(), p.carrier().featureDomain(),
                (ImmutableOutputInfo<Label>) outputs, p.parameters(), p.activation(), p.history());
    }

    @Override
    ONNXNode onnxOutput(ONNXNode scores) {
        return scores.apply(ONNXOperators.SOFTMAX);
    }

    @Override
    String onnxName() {
        return "Classification-MlpModel";
    }
}
