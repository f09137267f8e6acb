package dev.mlx.runtime.models.mlp;

/**
 * The non-linearity of the hidden layers, with the weight initialisation that suits it. The
 * constants have no bodies: OLCUT records an enum setting by its class, and a constant with a body
 * is an anonymous subclass that it cannot read back.
 */
public enum Activation {
    /** max(0, x), He-initialised: N(0, 2 / fan-in). */
    RELU,
    /** tanh(x), Xavier-initialised: N(0, 2 / (fan-in + fan-out)). */
    TANH,
    /**
     * 1 / (1 + e^-x), Xavier-initialised. The catalog does not offer it to mlx's own trainer: it is the
     * hidden activation of MLlib's perceptron, which a Spark-trained mlp keeps when it is served here.
     */
    SIGMOID;

    void applyInPlace(double[] z) {
        if (this == RELU) {
            for (int i = 0; i < z.length; i++) {
                if (z[i] < 0) {
                    z[i] = 0;
                }
            }
        } else if (this == SIGMOID) {
            for (int i = 0; i < z.length; i++) {
                z[i] = 1 / (1 + Math.exp(-z[i]));
            }
        } else {
            // JDK 17's Math.tanh is not an intrinsic (about 10x slower than this); exp is, and
            // 1 - 2 / (e^2x + 1) saturates cleanly at +-1 when e^2x overflows or underflows
            for (int i = 0; i < z.length; i++) {
                z[i] = 1 - 2 / (Math.exp(2 * z[i]) + 1);
            }
        }
    }

    /** The derivative, from the activation's output (both have a closed form in it). */
    double slopeAt(double out) {
        return switch (this) {
            case RELU -> out > 0 ? 1 : 0;
            case TANH -> 1 - out * out;
            case SIGMOID -> out * (1 - out);
        };
    }

    /** The spread of the initial weights of a layer feeding this activation. */
    double initialSd(int fanIn, int fanOut) {
        return this == RELU ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
    }

    /** The activation for the catalog word ({@code relu}, {@code tanh}), or null. */
    public static Activation of(String word) {
        for (Activation a : values()) {
            if (a != SIGMOID && a.name().equalsIgnoreCase(word)) {
                return a;
            }
        }
        return null;
    }
}
