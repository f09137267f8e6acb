package dev.mlx.runtime.models.mlp;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.Parameters;
import org.tribuo.math.protos.ParametersProto;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A trained multi-layer perceptron. Prediction looks each feature up once, runs the sparse row
 * through the dense layers and allocates only the activation buffers, so a single example costs
 * about one multiply-add per weight it reaches. The model writes Tribuo's protobuf format (see
 * {@link MlpProtos}), Java serialisation, and ONNX (Gemm and Relu or Tanh per layer).
 */
public abstract class MlpModel<T extends Output<T>> extends Model<T> implements ONNXExportable {
    private static final long serialVersionUID = 1L;
    /** The version of the protobuf form. */
    public static final int CURRENT_VERSION = 0;

    final MlpParameters parameters;
    final Activation activation;
    private final History history;
    private transient Network network;

    MlpModel(String name, ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs,
             MlpParameters parameters, Activation activation, History history, boolean probabilities) {
        super(name, provenance, features, outputs, probabilities);
        int[] sizes = parameters.sizes();
        if (sizes[0] != features.size() || sizes[sizes.length - 1] != outputs.size()) {
            throw new IllegalArgumentException("the weights take " + sizes[0] + " features to " + sizes[sizes.length - 1]
                    + " outputs, but the model has " + features.size() + " features and " + outputs.size() + " outputs");
        }
        this.parameters = parameters;
        this.activation = activation;
        this.history = history;
        this.network = new Network(parameters, activation);
    }

    /** How training went: losses per epoch and the epoch whose weights this model holds. */
    public History history() {
        return history;
    }

    /** The layer sizes: features, hidden layers, outputs. */
    public int[] layerSizes() {
        return parameters.sizes();
    }

    @Override
    public Prediction<T> predict(Example<T> example) {
        Rows.Sparse x = Rows.Sparse.of(example, featureIDMap);
        if (x.known() == 0) {
            throw new IllegalArgumentException("No features found in Example " + example);
        }
        double[] scores = network.forward(x.idx(), x.val(), x.nnz(), network.buffers());
        return prediction(scores, x.known(), example);
    }

    /** The prediction for the output layer's linear scores (the buffer may be overwritten). */
    abstract Prediction<T> prediction(double[] scores, int knownFeatures, Example<T> example);

    /**
     * The features by the L2 norm of their first-layer weights, largest first, under
     * {@link Model#ALL_OUTPUTS}: how strongly the network listens to each (standardised) input.
     * {@code n < 0} lists all.
     */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        double[][] w0 = parameters.weights(0);
        List<Pair<String, Double>> all = new ArrayList<>(w0.length);
        for (int i = 0; i < w0.length; i++) {
            double s = 0;
            for (double v : w0[i]) {
                s += v * v;
            }
            all.add(new Pair<>(featureIDMap.get(i).getName(), Math.sqrt(s)));
        }
        all.sort(Comparator.comparing((Pair<String, Double> p) -> -p.getB()).thenComparing(Pair::getA));
        int k = n < 0 ? all.size() : Math.min(n, all.size());
        Map<String, List<Pair<String, Double>>> out = new LinkedHashMap<>();
        out.put(ALL_OUTPUTS, new ArrayList<>(all.subList(0, k)));
        return out;
    }

    /** A neural network has no per-example excuse. */
    @Override
    public Optional<Excuse<T>> getExcuse(Example<T> example) {
        return Optional.empty();
    }

    @Override
    public ModelProto serialize() {
        DynamicMessage.Builder data = DynamicMessage.newBuilder(MlpProtos.MODEL)
                .setField(MlpProtos.METADATA, createDataCarrier().serialize())
                .setField(MlpProtos.PARAMS, parameters.serialize())
                .setField(MlpProtos.ACTIVATION, activation.name())
                .setField(MlpProtos.BEST_EPOCH, history.bestEpoch());
        for (double d : history.trainingLoss()) {
            data.addRepeatedField(MlpProtos.TRAINING_LOSS, d);
        }
        for (double d : history.validationLoss()) {
            data.addRepeatedField(MlpProtos.VALIDATION_LOSS, d);
        }
        return ModelProto.newBuilder()
                .setVersion(CURRENT_VERSION)
                .setClassName(getClass().getName())
                .setSerializedData(Any.pack(data.build()))
                .build();
    }

    /** A model proto taken apart, for the subclasses' {@code deserializeFromProto}. */
    record Parts(ModelDataCarrier<?> carrier, MlpParameters parameters, Activation activation, History history) {
    }

    static Parts parts(int version, Any message) throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("unknown version " + version + ", this class supports at most version "
                    + CURRENT_VERSION);
        }
        DynamicMessage data = MlpProtos.unpack(message, MlpProtos.MODEL);
        ModelDataProto metadata = MlpProtos.field(data, MlpProtos.METADATA, ModelDataProto.newBuilder());
        ParametersProto params = MlpProtos.field(data, MlpProtos.PARAMS, ParametersProto.newBuilder());
        Parameters p = Parameters.deserialize(params);
        if (!(p instanceof MlpParameters mp)) {
            throw new IllegalStateException("invalid protobuf: the parameters are a " + p.getClass().getName());
        }
        Activation a;
        try {
            a = Activation.valueOf((String) data.getField(MlpProtos.ACTIVATION));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid protobuf: unknown activation " + data.getField(MlpProtos.ACTIVATION), e);
        }
        History h = new History(doubles(data, MlpProtos.TRAINING_LOSS), doubles(data, MlpProtos.VALIDATION_LOSS),
                (Integer) data.getField(MlpProtos.BEST_EPOCH));
        return new Parts(ModelDataCarrier.deserialize(metadata), mp, a, h);
    }

    private static List<Double> doubles(DynamicMessage m, FieldDescriptor f) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) m.getField(f)) {
            out.add((Double) o);
        }
        return out;
    }

    // ------------------------------------------------------------------ ONNX

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName(onnxName());
        ONNXPlaceholder input = onnx.floatInput("input", featureIDMap.size());
        ONNXPlaceholder output = onnx.floatOutput("output", outputIDInfo.size());
        writeONNXGraph(input).assignTo(output);
        return ONNXExportable.buildModel(onnx, domain, modelVersion, this);
    }

    /** Gemm per layer (weights are input x output, as stored), the activation between layers. */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        ONNXContext onnx = input.onnxContext();
        ONNXRef<?> x = input;
        ONNXNode node = null;
        for (int l = 0; l < parameters.layers(); l++) {
            double[][] w = parameters.weights(l);
            double[] b = parameters.biases(l);
            ONNXInitializer weights = onnx.floatTensor("mlp_weights_" + l, List.of(w.length, b.length), fb -> {
                for (double[] row : w) {
                    for (double v : row) {
                        fb.put((float) v);
                    }
                }
            });
            ONNXInitializer biases = onnx.floatTensor("mlp_biases_" + l, List.of(b.length), fb -> {
                for (double v : b) {
                    fb.put((float) v);
                }
            });
            node = x.apply(ONNXOperators.GEMM, List.<ONNXRef<?>>of(weights, biases));
            if (l < parameters.layers() - 1) {
                node = node.apply(OnnxActivation.of(activation));
            }
            x = node;
        }
        return onnxOutput(node);
    }

    /** The output transform in ONNX (softmax, or nothing). */
    abstract ONNXNode onnxOutput(ONNXNode scores);

    abstract String onnxName();

    /** The hidden-layer activations as ONNX operators (Tribuo 4.3.2's operator list has neither). */
    private enum OnnxActivation implements ONNXOperator {
        RELU("Relu"), TANH("Tanh"), SIGMOID("Sigmoid");

        private final String op;

        OnnxActivation(String op) {
            this.op = op;
        }

        static OnnxActivation of(Activation a) {
            return switch (a) {
                case RELU -> RELU;
                case TANH -> TANH;
                case SIGMOID -> SIGMOID;
            };
        }

        @Override
        public String getOpName() {
            return op;
        }

        @Override
        public int getNumInputs() {
            return 1;
        }

        @Override
        public int getNumOptionalInputs() {
            return 0;
        }

        @Override
        public int getNumOutputs() {
            return 1;
        }

        @Override
        public Map<String, ONNXAttribute> getAttributes() {
            return Map.of();
        }

        @Override
        public Set<String> getMandatoryAttributeNames() {
            return Set.of();
        }

        /** The opset of Tribuo's own operators, so the model declares one version of the default domain. */
        @Override
        public int getOpVersion() {
            return ONNXOperators.GEMM.getOpVersion();
        }

        @Override
        public String getOpDomain() {
            return ONNXOperators.GEMM.getOpDomain();
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        network = new Network(parameters, activation);
    }
}
