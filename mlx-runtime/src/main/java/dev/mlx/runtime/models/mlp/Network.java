package dev.mlx.runtime.models.mlp;

/**
 * The forward and backward passes of a multi-layer perceptron over the backing arrays of its
 * {@link MlpParameters}. Inputs are sparse rows (feature ids and values): the first layer adds the
 * weight rows of the non-zero features only. Holds no per-row state, so one network serves
 * concurrent predictions; callers pass the activation buffers ({@link #buffers()}).
 */
final class Network {
    private final Activation activation;
    private final int layers;
    private final double[][][] w;
    private final double[][] b;
    private final int[] sizes;

    Network(MlpParameters p, Activation activation) {
        this.activation = activation;
        this.layers = p.layers();
        this.sizes = p.sizes();
        this.w = new double[layers][][];
        this.b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = p.weights(l);
            b[l] = p.biases(l);
        }
    }

    int layers() {
        return layers;
    }

    /** One buffer per layer for its outputs (the last holds the output layer's linear scores). */
    double[][] buffers() {
        double[][] out = new double[layers][];
        for (int l = 0; l < layers; l++) {
            out[l] = new double[sizes[l + 1]];
        }
        return out;
    }

    /**
     * Runs the row ({@code nnz} pairs of feature id and value) through the network, filling every
     * layer's buffer; returns the output layer's linear scores ({@code acts[layers - 1]}).
     */
    double[] forward(int[] idx, double[] val, int nnz, double[][] acts) {
        double[] a = acts[0];
        System.arraycopy(b[0], 0, a, 0, a.length);
        double[][] w0 = w[0];
        for (int k = 0; k < nnz; k++) {
            double x = val[k];
            double[] row = w0[idx[k]];
            for (int j = 0; j < a.length; j++) {
                a[j] += x * row[j];
            }
        }
        for (int l = 1; l < layers; l++) {
            activation.applyInPlace(a);
            double[] prev = a;
            a = acts[l];
            System.arraycopy(b[l], 0, a, 0, a.length);
            double[][] wl = w[l];
            for (int i = 0; i < prev.length; i++) {
                double p = prev[i];
                if (p == 0) {
                    continue;  // ReLU zeros are common; they add nothing
                }
                double[] row = wl[i];
                for (int j = 0; j < a.length; j++) {
                    a[j] += p * row[j];
                }
            }
        }
        return a;
    }

    /**
     * Adds the loss gradients of one row to {@code grad}, after {@link #forward} on the same row
     * filled {@code acts}. {@code deltas[layers - 1]} holds the loss gradient of the output scores
     * (already multiplied by the row's weight); the other delta buffers are scratch.
     */
    void backward(int[] idx, double[] val, int nnz, double[][] acts, double[][] deltas, MlpParameters grad) {
        for (int l = layers - 1; l >= 1; l--) {
            double[] d = deltas[l];
            double[] gb = grad.biases(l);
            for (int j = 0; j < d.length; j++) {
                gb[j] += d[j];
            }
            double[] prev = acts[l - 1];
            double[] dPrev = deltas[l - 1];
            double[][] wl = w[l];
            double[][] gl = grad.weights(l);
            for (int i = 0; i < prev.length; i++) {
                double p = prev[i];
                double slope = activation.slopeAt(p);
                double[] wi = wl[i];
                double s = 0;
                if (p != 0) {
                    double[] gi = gl[i];
                    for (int j = 0; j < d.length; j++) {
                        gi[j] += p * d[j];
                        s += wi[j] * d[j];
                    }
                } else if (slope != 0) {
                    for (int j = 0; j < d.length; j++) {
                        s += wi[j] * d[j];
                    }
                }
                dPrev[i] = s * slope;
            }
        }
        double[] d = deltas[0];
        double[] gb = grad.biases(0);
        for (int j = 0; j < d.length; j++) {
            gb[j] += d[j];
        }
        double[][] g0 = grad.weights(0);
        for (int k = 0; k < nnz; k++) {
            double x = val[k];
            double[] gi = g0[idx[k]];
            for (int j = 0; j < d.length; j++) {
                gi[j] += x * d[j];
            }
        }
    }
}
