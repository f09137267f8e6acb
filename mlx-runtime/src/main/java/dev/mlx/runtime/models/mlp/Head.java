package dev.mlx.runtime.models.mlp;

/**
 * The output layer's loss for one training row: writes the gradient of the loss with respect to the
 * output scores into {@code delta} and returns the loss.
 */
abstract class Head {
    abstract double loss(double[] scores, int row, double[] delta);

    /** Softmax with cross entropy against the row's class id. */
    static final class Labels extends Head {
        private final int[] ids;

        Labels(int[] ids) {
            this.ids = ids;
        }

        @Override
        double loss(double[] scores, int row, double[] delta) {
            softmax(scores, delta);
            int y = ids[row];
            double p = delta[y];
            delta[y] -= 1;
            return -Math.log(Math.max(p, 1e-300));
        }
    }

    /** Identity output with half the squared error against the row's (standardised) targets. */
    static class Targets extends Head {
        private final double[][] y;

        Targets(double[][] y) {
            this.y = y;
        }

        @Override
        double loss(double[] scores, int row, double[] delta) {
            double[] t = y[row];
            double sum = 0;
            for (int j = 0; j < scores.length; j++) {
                double d = scores[j] - t[j];
                delta[j] = d;
                sum += d * d;
            }
            return 0.5 * sum;
        }
    }

    /** The softmax of {@code scores} into {@code out}, shifted by the maximum so exp cannot overflow. */
    static void softmax(double[] scores, double[] out) {
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
