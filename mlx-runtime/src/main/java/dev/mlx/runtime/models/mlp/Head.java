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
            dev.mlx.runtime.models.base.Softmax.of(scores, delta);
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
}
