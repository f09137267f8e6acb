package dev.mlx.runtime.models.mlp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.util.onnx.ONNXNode;

/**
 * An mlp regressor: a linear output layer predicting every target dimension on its original scale
 * (the trainer fits a standardised target and folds the scale into the output layer).
 */
public final class MlpRegressionModel extends MlpModel<Regressor> {
    private static final long serialVersionUID = 1L;

    /** Dimension names in Tribuo's natural (sorted) order, and the output id of each. */
    private final String[] names;
    private final int[] ids;

    MlpRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                       ImmutableOutputInfo<Regressor> outputs, MlpParameters parameters, Activation activation,
                       History history) {
        super(name, provenance, features, outputs, parameters, activation, history, false);
        String[] byId = dimensionNames(outputs);
        names = byId.clone();
        Arrays.sort(names);
        ids = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            ids[k] = Arrays.asList(byId).indexOf(names[k]);
        }
    }

    /** The dimension name of each output id. */
    static String[] dimensionNames(ImmutableOutputInfo<Regressor> outputs) {
        String[] byId = new String[outputs.size()];
        for (int i = 0; i < byId.length; i++) {
            byId[i] = outputs.getOutput(i).getNames()[0];
        }
        return byId;
    }

    @Override
    Prediction<Regressor> prediction(double[] scores, int knownFeatures, Example<Regressor> example) {
        double[] values = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            values[k] = scores[ids[k]];
        }
        return new Prediction<>(new Regressor(names, values), knownFeatures, example);
    }

    @Override
    protected MlpRegressionModel copy(String newName, ModelProvenance newProvenance) {
        return new MlpRegressionModel(newName, newProvenance, featureIDMap, outputIDInfo, parameters.copy(), activation,
                history());
    }

    /** Reads the protobuf form; called by Tribuo's {@code ProtoUtil} when a model file names this class. */
    @SuppressWarnings("unchecked")  // checked: every output of the domain is a Regressor
    public static MlpRegressionModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parts p = parts(version, message);
        ImmutableOutputInfo<?> outputs = p.carrier().outputDomain();
        if (outputs.size() == 0 || !(outputs.getOutput(0) instanceof Regressor)) {
            throw new IllegalStateException("invalid protobuf: the output domain is not a regression domain");
        }
        return new MlpRegressionModel(p.carrier().name(), p.carrier().provenance(), p.carrier().featureDomain(),
                (ImmutableOutputInfo<Regressor>) outputs, p.parameters(), p.activation(), p.history());
    }

    @Override
    ONNXNode onnxOutput(ONNXNode scores) {
        return scores;
    }

    @Override
    String onnxName() {
        return "Regression-MlpModel";
    }
}
