package dev.mlx.runtime.models.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Trainers;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.math.Parameters;
import org.tribuo.math.la.Tensor;
import org.tribuo.regression.Regressor;

/** The training core: gradients, the optimiser, early stopping, seeding. */
class MlpTrainingTest {
    /** Backpropagation agrees with central differences, for both activations and both heads. */
    @Test
    void gradientsMatchFiniteDifferences() {
        for (Activation act : Activation.values()) {
            for (boolean classify : new boolean[] {true, false}) {
                int[] sizes = {5, 4, 3, classify ? 3 : 2};
                MlpParameters p = MlpParameters.initialised(sizes, act, new SplittableRandom(3));
                Network net = new Network(p, act);
                int[] idx = {0, 2, 4};
                double[] val = {0.7, -1.3, 0.4};
                Head head = classify ? new Head.Labels(new int[] {2}) : new Head.Targets(new double[][] {{0.5, -1}});
                double[][] acts = net.buffers();
                double[][] deltas = net.buffers();
                net.forward(idx, val, 3, acts);
                head.loss(acts[acts.length - 1], 0, deltas[deltas.length - 1]);
                MlpParameters grad = p.zerosLike();
                net.backward(idx, val, 3, acts, deltas, grad);
                double eps = 1e-6;
                for (int l = 0; l < p.layers(); l++) {
                    List<double[]> cells = new ArrayList<>(List.of(p.weights(l)));
                    List<double[]> gcells = new ArrayList<>(List.of(grad.weights(l)));
                    cells.add(p.biases(l));
                    gcells.add(grad.biases(l));
                    for (int c = 0; c < cells.size(); c++) {
                        double[] w = cells.get(c);
                        for (int j = 0; j < w.length; j++) {
                            double keep = w[j];
                            w[j] = keep + eps;
                            double up = head.loss(net.forward(idx, val, 3, net.buffers()), 0, new double[sizes[3]]);
                            w[j] = keep - eps;
                            double down = head.loss(net.forward(idx, val, 3, net.buffers()), 0, new double[sizes[3]]);
                            w[j] = keep;
                            double numeric = (up - down) / (2 * eps);
                            assertEquals(numeric, gcells.get(c)[j], 1e-6, act + (classify ? " softmax" : " linear")
                                    + " layer " + l + " row " + c + " col " + j);
                        }
                    }
                }
            }
        }
    }

    /**
     * Adam's first step has the size of the learning rate whatever the gradient's scale (the moments'
     * ratio is its sign). Tribuo 4.3.2's Adam multiplies by the second moment instead and would move
     * this weight by about a thousand times more.
     */
    @Test
    void adamsFirstStepIsTheLearningRate() {
        MlpParameters p = new MlpParameters(new int[] {1, 1});
        AdamOptimiser adam = new AdamOptimiser(0.1);
        adam.initialise(p);
        Tensor[] g = p.getEmptyCopy();
        ((MlpParameters.Weights) g[0]).rows()[0][0] = 1000;
        ((MlpParameters.Biases) g[1]).array()[0] = -0.001;
        Tensor[] step = adam.step(g, 1);
        p.update(step);
        assertEquals(0.1, p.weights(0)[0][0], 1e-6);
        assertEquals(-0.1, p.biases(0)[0], 1e-3);
        assertTrue(adam.copy().toString().contains("learningRate=0.1"));
    }

    /** y = x + loud noise on few rows: a large network overfits, so the validation loss turns back up. */
    private static FeatureMatrix noisy() {
        Random rnd = new Random(5);
        double[][] x = new double[80][];
        double[] y = new double[80];
        for (int i = 0; i < 80; i++) {
            double v = rnd.nextGaussian();
            x[i] = new double[] {v, rnd.nextGaussian()};
            y[i] = v + rnd.nextGaussian();
        }
        return MlpData.matrix(x, null, y);
    }

    private static MlpModel<Regressor> overfit(long epochs, long patience) {
        Map<String, Object> p = Map.of("hidden", List.of(64L, 64L), "epochs", epochs, "patience", patience,
                "batch_size", 8L, "validation", 0.3, "l2", 0.0);
        return (MlpModel<Regressor>) MlpData.regressor("mlp", p, noisy());
    }

    @SuppressWarnings("unchecked")
    private static List<Double> predictions(org.tribuo.Model<?> m, FeatureMatrix rows, Task task) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < rows.rows(); i++) {
            Prediction<?> p = ((org.tribuo.Model) m).predict((Example) Datasets.example(rows, i, task));
            if (p.getOutput() instanceof Regressor r) {
                out.add(r.getValues()[0]);
            } else {
                for (Object l : p.getOutputScores().values()) {
                    out.add(((Label) l).getScore());
                }
            }
        }
        return out;
    }

    /**
     * With patience 0 training runs every epoch, past the best one; the model must hold the best
     * epoch's weights, which a run asked for exactly that many epochs ends with.
     */
    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        MlpModel<Regressor> full = overfit(120, 0);
        History h = full.history();
        int best = h.bestEpoch();
        assertEquals(120, h.epochs());
        assertTrue(best >= 0 && best < 100, "the network should overfit well before the end; best epoch " + best);
        double bestLoss = h.validationLoss().get(best);
        assertEquals(bestLoss, h.validationLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        assertTrue(h.validationLoss().get(119) > bestLoss * 1.05, "validation loss went back up: " + h.validationLoss());

        MlpModel<Regressor> upToBest = overfit(best + 1, 0);
        assertEquals(best, upToBest.history().bestEpoch());
        FeatureMatrix rows = MlpData.matrix(new double[][] {{0.5, -1}, {-2, 0.3}, {1.5, 1.5}}, null, new double[3]);
        assertEquals(predictions(upToBest, rows, Task.REGRESSION), predictions(full, rows, Task.REGRESSION));
    }

    @Test
    void patienceStopsTrainingAfterTheBestEpoch() {
        MlpModel<Regressor> m = overfit(300, 5);
        History h = m.history();
        assertTrue(h.epochs() < 300, "stopped early: " + h.epochs());
        assertEquals(h.bestEpoch() + 5 + 1, h.epochs());
        assertEquals(h.epochs(), h.validationLoss().size());
    }

    @Test
    void withoutValidationEveryEpochRunsAndTheLastIsKept() {
        MlpModel<?> m = (MlpModel<?>) MlpData.classifier("mlp", Map.of("validation", 0.0, "epochs", 7L), MlpData.xor(100, 1));
        assertEquals(7, m.history().epochs());
        assertEquals(-1, m.history().bestEpoch());
        assertTrue(m.history().validationLoss().isEmpty());
        assertEquals(3, Fit.validationRows(30, 0.1));
        assertEquals(0, Fit.validationRows(1, 0.1));
        assertEquals(1, Fit.validationRows(2, 0.5));
    }

    @Test
    void theSameSeedGivesTheSamePredictions() {
        FeatureMatrix train = MlpData.xor(200, 1);
        FeatureMatrix test = MlpData.xor(40, 2);
        List<Double> a = predictions(MlpData.classifier("mlp", Map.of("seed", 5L), train), test, Task.CLASSIFICATION);
        List<Double> b = predictions(MlpData.classifier("mlp", Map.of("seed", 5L), train), test, Task.CLASSIFICATION);
        List<Double> c = predictions(MlpData.classifier("mlp", Map.of("seed", 6L), train), test, Task.CLASSIFICATION);
        assertEquals(a, b);
        assertNotEquals(a, c);
        FeatureMatrix sine = MlpData.sine(100, 1);
        assertEquals(predictions(MlpData.regressor("mlp", Map.of(), sine), sine, Task.REGRESSION),
                predictions(MlpData.regressor("mlp", Map.of(), sine), sine, Task.REGRESSION));
    }

    /** Like Tribuo's trainers: each call of one trainer differs, and the invocation count replays one. */
    @Test
    @SuppressWarnings("unchecked")
    void theInvocationCountReplaysACall() {
        MlpTrainer<Label> t = (MlpTrainer<Label>) Trainers.trainer(new Model("m", "mlp", Map.of("epochs", 3L)),
                Task.CLASSIFICATION, 1);
        var data = Datasets.classification(MlpData.xor(100, 1));
        FeatureMatrix test = MlpData.xor(20, 2);
        List<Double> first = predictions(t.train(data), test, Task.CLASSIFICATION);
        List<Double> second = predictions(t.train(data), test, Task.CLASSIFICATION);
        assertNotEquals(first, second);
        assertEquals(2, t.getInvocationCount());
        assertEquals(first, predictions(t.train(data, Map.of(), 0), test, Task.CLASSIFICATION));
    }

    @Test
    void parametersSetMergeAndCompare() {
        MlpParameters a = MlpParameters.initialised(new int[] {3, 2, 2}, Activation.RELU, new SplittableRandom(1));
        MlpParameters b = a.zerosLike();
        assertNotEquals(a, b);
        b.set(a.get());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Tensor[] sum = a.merge(new Tensor[][] {a.get(), b.get()}, 2);
        b.update(sum);
        assertEquals(3 * a.weights(0)[1][1], b.weights(0)[1][1], 1e-12);
        assertTrue(Parameters.class.isInstance(a));
        assertFalse(a.copy() == a);
        assertEquals(a, a.copy());
    }
}
