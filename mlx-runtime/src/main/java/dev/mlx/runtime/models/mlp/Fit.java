package dev.mlx.runtime.models.mlp;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

/**
 * One training run: seeded initialisation, a seeded validation slice, shuffled mini-batches, L2 on
 * the weights, and early stopping that keeps the weights of the epoch with the lowest validation
 * loss. Three independent random streams come from the seed (initial weights, the split, the
 * shuffles), so the first k epochs of a run are the same whatever the number of epochs asked for.
 */
final class Fit {
    /** What a run produced. */
    record Result(MlpParameters parameters, History history) {
    }

    private final Activation activation;
    private final StochasticGradientOptimiser optimiser;
    private final int epochs;
    private final int batchSize;
    private final double l2;
    private final int patience;
    private final double validation;

    Fit(Activation activation, StochasticGradientOptimiser optimiser, int epochs, int batchSize, double l2, int patience,
        double validation) {
        this.activation = activation;
        this.optimiser = optimiser;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.l2 = l2;
        this.patience = patience;
        this.validation = validation;
    }

    /** The number of rows held out for early stopping from {@code n}: none when that would leave no training row. */
    static int validationRows(int n, double share) {
        int v = (int) Math.round(n * share);
        return v >= n ? n - 1 : Math.max(0, v);
    }

    Result run(int[] sizes, Rows rows, Head head, SplittableRandom rng) {
        int n = rows.size();
        SplittableRandom initRng = rng.split();
        SplittableRandom splitRng = rng.split();
        SplittableRandom shuffleRng = rng.split();

        MlpParameters params = MlpParameters.initialised(sizes, activation, initRng);
        int[] perm = permutation(n, splitRng);
        int nVal = validationRows(n, validation);
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);  // the shuffles, not the split, decide the order of the rows

        StochasticGradientOptimiser opt = optimiser.copy();
        opt.initialise(params);
        MlpParameters grad = params.zerosLike();
        Network net = new Network(params, activation);
        double[][] acts = net.buffers();
        double[][] deltas = net.buffers();
        double[] outDelta = deltas[deltas.length - 1];
        int batch = Math.max(1, Math.min(batchSize, train.length));

        List<Double> trainLoss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        MlpParameters best = nVal > 0 ? params.copy() : null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int sinceBest = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(train, shuffleRng);
            double lossSum = 0;
            double weightSum = 0;
            for (int start = 0; start < train.length; start += batch) {
                int end = Math.min(train.length, start + batch);
                grad.zero();
                double batchWeight = 0;
                for (int k = start; k < end; k++) {
                    int r = train[k];
                    double w = rows.weight[r];
                    if (w == 0) {
                        continue;
                    }
                    int[] idx = rows.idx[r];
                    double[] v = rows.val[r];
                    double[] scores = net.forward(idx, v, idx.length, acts);
                    lossSum += w * head.loss(scores, r, outDelta);
                    if (w != 1) {
                        for (int j = 0; j < outDelta.length; j++) {
                            outDelta[j] *= w;
                        }
                    }
                    net.backward(idx, v, idx.length, acts, deltas, grad);
                    batchWeight += w;
                }
                if (batchWeight == 0) {
                    continue;
                }
                weightSum += batchWeight;
                grad.toAscent(params, 1 / batchWeight, l2);
                Tensor[] updates = opt.step(grad.get(), 1.0);
                params.update(updates);
            }
            trainLoss.add(weightSum == 0 ? Double.NaN : lossSum / weightSum);
            if (nVal == 0) {
                continue;
            }
            double loss = loss(net, rows, head, val, acts, outDelta);
            valLoss.add(loss);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestEpoch = epoch;
                params.copyInto(best);
                sinceBest = 0;
            } else if (++sinceBest >= patience && patience > 0) {
                break;
            }
        }
        opt.finalise();
        if (best != null && bestEpoch >= 0) {
            best.copyInto(params);
        }
        if (!params.isFinite()) {
            throw new RunException("mlp training diverged (the weights are no longer finite numbers); "
                    + "lower learning_rate");
        }
        return new Result(params, new History(trainLoss, valLoss, bestEpoch));
    }

    /** The weighted mean loss of {@code rows} (NaN when they weigh nothing). */
    private static double loss(Network net, Rows rows, Head head, int[] which, double[][] acts, double[] scratch) {
        double sum = 0;
        double weight = 0;
        for (int r : which) {
            double w = rows.weight[r];
            if (w == 0) {
                continue;
            }
            double[] scores = net.forward(rows.idx[r], rows.val[r], rows.idx[r].length, acts);
            sum += w * head.loss(scores, r, scratch);
            weight += w;
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
