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

    /**
     * A classifier with weights learned elsewhere (MLlib's perceptron): {@code weights[l][i][j]} takes
     * input {@code i} of layer {@code l} (a feature id of {@code features} in the first layer) to its output
     * {@code j} (a label id of {@code outputs} in the last), {@code biases[l][j]} is added, {@code activation}
     * follows every layer but the last, and a softmax the last. It holds no training history.
     */
    public static MlpClassificationModel of(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                                            ImmutableOutputInfo<Label> outputs, double[][][] weights, double[][] biases,
                                            Activation activation) {
        if (weights.length == 0 || weights.length != biases.length) {
            throw new IllegalArgumentException(weights.length + " weight layers and " + biases.length + " bias layers");
        }
        int[] sizes = new int[weights.length + 1];
        sizes[0] = weights[0].length;
        for (int l = 0; l < weights.length; l++) {
            sizes[l + 1] = biases[l].length;
        }
        MlpParameters parameters = new MlpParameters(sizes);
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != sizes[l]) {
                throw new IllegalArgumentException("layer " + l + " has " + weights[l].length + " inputs, expected " + sizes[l]);
            }
            double[][] to = parameters.weights(l);
            for (int i = 0; i < sizes[l]; i++) {
                if (weights[l][i].length != sizes[l + 1]) {
                    throw new IllegalArgumentException("layer " + l + " has " + weights[l][i].length + " outputs, expected "
                            + sizes[l + 1]);
                }
                System.arraycopy(weights[l][i], 0, to[i], 0, sizes[l + 1]);
            }
            System.arraycopy(biases[l], 0, parameters.biases(l), 0, sizes[l + 1]);
        }
        return new MlpClassificationModel(name, provenance, features, outputs, parameters, activation,
                new History(java.util.List.of(), java.util.List.of(), -1));
    }

    @Override
    Prediction<Label> prediction(double[] scores, int knownFeatures, Example<Label> example) {
        dev.mlx.runtime.models.base.Softmax.of(scores, scores);
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
