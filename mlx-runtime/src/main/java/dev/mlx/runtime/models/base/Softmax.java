package dev.mlx.runtime.models.base;

/** The softmax the perceptron's output layer and the boosted trees' combiner both take. */
public final class Softmax {
    private Softmax() {
    }

    /** The softmax of {@code scores} into {@code out} (may be the same array), shifted by the maximum so exp cannot overflow. */
    public static void of(double[] scores, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < scores.length; j++) {
            out[j] = Math.exp(scores[j] - max);
            sum += out[j];
        }
        for (int j = 0; j < scores.length; j++) {
            out[j] /= sum;
        }
    }
}
