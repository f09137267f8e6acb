package dev.mlx.runtime.models.mlp;

import com.google.protobuf.Any;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tribuo.math.Parameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Matrix;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.protos.ParametersProto;
import org.tribuo.math.protos.TensorProto;

/**
 * The weights of a multi-layer perceptron as Tribuo {@link Parameters}: for each layer a weight
 * matrix of shape (inputs x outputs) and a bias vector, in the order
 * {@code [W0, b0, W1, b1, ...]}. Tribuo's optimisers work on these tensors directly; the forward
 * and backward passes ({@link Network}) read their backing arrays, which is why the tensors are
 * small subclasses of {@link DenseMatrix} and {@link DenseVector} that expose them. Weight rows are
 * indexed by input, so a sparse input row touches only the rows of its non-zero features.
 */
public final class MlpParameters implements Parameters {
    private static final long serialVersionUID = 1L;
    /** The version of the protobuf form. */
    public static final int CURRENT_VERSION = 0;

    /** A weight matrix whose backing rows the network reads and writes in place. */
    static final class Weights extends DenseMatrix {
        private static final long serialVersionUID = 1L;

        Weights(int inputs, int outputs) {
            super(inputs, outputs);
        }

        double[][] rows() {
            return values;
        }
    }

    /** A bias vector whose backing array the network reads and writes in place. */
    static final class Biases extends DenseVector {
        private static final long serialVersionUID = 1L;

        Biases(int size) {
            super(size);
        }

        double[] array() {
            return elements;
        }
    }

    private final int[] sizes;
    private final Tensor[] tensors;

    /** Zero weights for layer sizes {@code [features, hidden..., outputs]}. */
    MlpParameters(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output size, got " + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.tensors = new Tensor[2 * (sizes.length - 1)];
        for (int l = 0; l < sizes.length - 1; l++) {
            tensors[2 * l] = new Weights(sizes[l], sizes[l + 1]);
            tensors[2 * l + 1] = new Biases(sizes[l + 1]);
        }
    }

    /**
     * Randomly initialised weights and zero biases: each hidden layer's weights are drawn for its
     * activation (He for ReLU, Xavier for tanh), the output layer's Xavier.
     */
    static MlpParameters initialised(int[] sizes, Activation activation, RandomGenerator rng) {
        MlpParameters p = new MlpParameters(sizes);
        int layers = p.layers();
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double sd = l < layers - 1 ? activation.initialSd(in, out) : Activation.TANH.initialSd(in, out);
            for (double[] row : p.weights(l)) {
                for (int j = 0; j < out; j++) {
                    row[j] = sd * rng.nextGaussian();
                }
            }
        }
        return p;
    }

    /** The number of weight layers (hidden layers + 1). */
    int layers() {
        return sizes.length - 1;
    }

    /** Layer sizes: features, hidden layers, outputs. */
    int[] sizes() {
        return sizes.clone();
    }

    int size(int i) {
        return sizes[i];
    }

    /** The live weight rows of layer {@code l}, indexed [input][output]. */
    double[][] weights(int l) {
        return ((Weights) tensors[2 * l]).rows();
    }

    /** The live biases of layer {@code l}. */
    double[] biases(int l) {
        return ((Biases) tensors[2 * l + 1]).array();
    }

    /** Zero weights of the same shape. */
    MlpParameters zerosLike() {
        return new MlpParameters(sizes);
    }

    /** A deep copy. */
    MlpParameters copy() {
        MlpParameters c = new MlpParameters(sizes);
        copyInto(c);
        return c;
    }

    /** Overwrites {@code other} (of the same shape) with these values. */
    void copyInto(MlpParameters other) {
        for (int l = 0; l < layers(); l++) {
            double[][] from = weights(l);
            double[][] to = other.weights(l);
            for (int i = 0; i < from.length; i++) {
                System.arraycopy(from[i], 0, to[i], 0, from[i].length);
            }
            System.arraycopy(biases(l), 0, other.biases(l), 0, sizes[l + 1]);
        }
    }

    void zero() {
        for (int l = 0; l < layers(); l++) {
            for (double[] row : weights(l)) {
                Arrays.fill(row, 0);
            }
            Arrays.fill(biases(l), 0);
        }
    }

    /**
     * Turns summed loss gradients (held in this object) into the ascent direction Tribuo's optimisers
     * expect: {@code -(g * scale + l2 * w)} for weights, {@code -g * scale} for biases.
     */
    void toAscent(MlpParameters weights, double scale, double l2) {
        for (int l = 0; l < layers(); l++) {
            double[][] g = weights(l);
            double[][] w = weights.weights(l);
            for (int i = 0; i < g.length; i++) {
                double[] gi = g[i];
                double[] wi = w[i];
                for (int j = 0; j < gi.length; j++) {
                    gi[j] = -(gi[j] * scale + l2 * wi[j]);
                }
            }
            double[] gb = biases(l);
            for (int j = 0; j < gb.length; j++) {
                gb[j] = -gb[j] * scale;
            }
        }
    }

    /** Whether every weight and bias is a finite number. */
    boolean isFinite() {
        for (int l = 0; l < layers(); l++) {
            for (double[] row : weights(l)) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
            for (double v : biases(l)) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Tensor[] getEmptyCopy() {
        return zerosLike().tensors;
    }

    @Override
    public Tensor[] get() {
        return tensors;
    }

    @Override
    public void set(Tensor[] newWeights) {
        checkShapes(newWeights);
        for (int t = 0; t < tensors.length; t++) {
            assign(tensors[t], newWeights[t]);
        }
    }

    @Override
    public void update(Tensor[] gradients) {
        checkShapes(gradients);
        for (int t = 0; t < tensors.length; t++) {
            Tensor g = gradients[t];
            if (g instanceof Weights gw) {
                double[][] w = ((Weights) tensors[t]).rows();
                double[][] d = gw.rows();
                for (int i = 0; i < w.length; i++) {
                    double[] wi = w[i];
                    double[] di = d[i];
                    for (int j = 0; j < wi.length; j++) {
                        wi[j] += di[j];
                    }
                }
            } else if (g instanceof Biases gb) {
                double[] b = ((Biases) tensors[t]).array();
                double[] d = gb.array();
                for (int j = 0; j < b.length; j++) {
                    b[j] += d[j];
                }
            } else {
                tensors[t].intersectAndAddInPlace(g);
            }
        }
    }

    @Override
    public Tensor[] merge(Tensor[][] gradients, int size) {
        Tensor[] sum = getEmptyCopy();
        for (int k = 0; k < size; k++) {
            for (int t = 0; t < sum.length; t++) {
                sum[t].intersectAndAddInPlace(gradients[k][t]);
            }
        }
        return sum;
    }

    private void checkShapes(Tensor[] other) {
        if (other.length != tensors.length) {
            throw new IllegalArgumentException("expected " + tensors.length + " tensors, found " + other.length);
        }
        for (int t = 0; t < tensors.length; t++) {
            if (!Arrays.equals(tensors[t].getShape(), other[t].getShape())) {
                throw new IllegalArgumentException("tensor " + t + " has shape " + Arrays.toString(other[t].getShape())
                        + ", expected " + Arrays.toString(tensors[t].getShape()));
            }
        }
    }

    /** Copies the values of {@code from} (any dense or sparse tensor of the same shape) into {@code to}. */
    private static void assign(Tensor to, Tensor from) {
        if (to instanceof Weights w) {
            DenseMatrix m = from instanceof DenseMatrix dm ? dm : new DenseMatrix((Matrix) from);
            double[][] rows = w.rows();
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = m.get(i, j);
                }
            }
        } else {
            double[] a = ((Biases) to).array();
            SGDVector v = (SGDVector) from;
            for (int j = 0; j < a.length; j++) {
                a[j] = v.get(j);
            }
        }
    }

    @Override
    public ParametersProto serialize() {
        DynamicMessage.Builder data = DynamicMessage.newBuilder(MlpProtos.PARAMETERS);
        for (int s : sizes) {
            data.addRepeatedField(MlpProtos.SIZES, s);
        }
        for (Tensor t : tensors) {
            // plain Tribuo tensors on disk (the subclasses serialise as their Tribuo parents anyway)
            Tensor plain = t instanceof Weights w ? new DenseMatrix(w) : DenseVector.createDenseVector(((Biases) t).array());
            data.addRepeatedField(MlpProtos.TENSORS, plain.serialize());
        }
        return ParametersProto.newBuilder()
                .setVersion(CURRENT_VERSION)
                .setClassName(MlpParameters.class.getName())
                .setSerializedData(Any.pack(data.build()))
                .build();
    }

    /**
     * Reads the protobuf form written by {@link #serialize()}; called by Tribuo's
     * {@code ProtoUtil} through {@link Parameters#deserialize}.
     */
    public static MlpParameters deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("unknown version " + version + ", this class supports at most version "
                    + CURRENT_VERSION);
        }
        DynamicMessage data = MlpProtos.unpack(message, MlpProtos.PARAMETERS);
        List<?> sizeList = (List<?>) data.getField(MlpProtos.SIZES);
        int[] sizes = new int[sizeList.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = ((Number) sizeList.get(i)).intValue();
        }
        MlpParameters p = new MlpParameters(sizes);
        List<?> tensorList = (List<?>) data.getField(MlpProtos.TENSORS);
        Tensor[] read = new Tensor[tensorList.size()];
        for (int t = 0; t < read.length; t++) {
            TensorProto proto = TensorProto.newBuilder().mergeFrom(((Message) tensorList.get(t)).toByteString())
                    .build();
            read[t] = Tensor.deserialize(proto);
        }
        p.set(read);
        return p;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MlpParameters other) || !Arrays.equals(sizes, other.sizes)) {
            return false;
        }
        for (int l = 0; l < layers(); l++) {
            if (!Arrays.deepEquals(weights(l), other.weights(l)) || !Arrays.equals(biases(l), other.biases(l))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(sizes);
        for (int l = 0; l < layers(); l++) {
            h = 31 * h + Arrays.deepHashCode(weights(l));
            h = 31 * h + Arrays.hashCode(biases(l));
        }
        return h;
    }

    @Override
    public String toString() {
        return "MlpParameters(sizes=" + Arrays.toString(sizes) + ")";
    }
}
