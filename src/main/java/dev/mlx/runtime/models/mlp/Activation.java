package dev.mlx.runtime.models.mlp;

/** The non-linearity of the hidden layers, with the weight initialisation that suits it. */
public enum Activation {
    /** max(0, x), He-initialised: N(0, 2 / fan-in). */
    RELU("Relu") {
        @Override
        void applyInPlace(double[] z) {
            for (int i = 0; i < z.length; i++) {
                if (z[i] < 0) {
                    z[i] = 0;
                }
            }
        }

        @Override
        double slopeAt(double out) {
            return out > 0 ? 1 : 0;
        }

        @Override
        double initialSd(int fanIn, int fanOut) {
            return Math.sqrt(2.0 / fanIn);
        }
    },
    /** tanh(x), Xavier-initialised: N(0, 2 / (fan-in + fan-out)). */
    TANH("Tanh") {
        @Override
        void applyInPlace(double[] z) {
            for (int i = 0; i < z.length; i++) {
                z[i] = Math.tanh(z[i]);
            }
        }

        @Override
        double slopeAt(double out) {
            return 1 - out * out;
        }

        @Override
        double initialSd(int fanIn, int fanOut) {
            return Math.sqrt(2.0 / (fanIn + fanOut));
        }
    };

    private final String onnxOp;

    Activation(String onnxOp) {
        this.onnxOp = onnxOp;
    }

    /** The ONNX operator computing it. */
    String onnxOp() {
        return onnxOp;
    }

    abstract void applyInPlace(double[] z);

    /** The derivative, from the activation's output (both have a closed form in it). */
    abstract double slopeAt(double out);

    /** The spread of the initial weights of a layer feeding this activation. */
    abstract double initialSd(int fanIn, int fanOut);

    /** The activation for the catalog word ({@code relu}, {@code tanh}), or null. */
    public static Activation of(String word) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(word)) {
                return a;
            }
        }
        return null;
    }
}
