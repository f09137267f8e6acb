package dev.mlx.runtime.models;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.util.ExpNormalizer;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Logistic regression by Tribuo's own algorithm, run on primitive arrays. It is what Tribuo 4.3.2's
 * {@code LinearSGDTrainer(new LogMulticlass(), new AdaGrad(lr), epochs, -1, batch, seed)} computes:
 * one weight row per class plus a bias, softmax log loss, mini-batches whose summed gradient is
 * scaled by the batch size, AdaGrad (epsilon 1e-6) on the entries a batch touches, the rows shuffled
 * before every epoch by the same {@link SplittableRandom} draws. Only the order of floating-point
 * sums differs, so its weights agree with Tribuo's to rounding (a test holds it to that).
 * <p>
 * Why not Tribuo's trainer: it turns every row into a vector object and every mini-batch into
 * matrices, and took 8.5 s for 5 epochs over 800,000 rows of 144 features where this takes about a
 * second; it also needs a {@link Dataset} of one {@code Example} per row, which
 * {@link #train(FeatureMatrix)} does without. The result is Tribuo's own {@link LinearSGDModel},
 * built through its public protobuf form, so it serialises, exports to ONNX and explains like any
 * other. A penalised fit ({@code l2 > 0}, AdaGrad-RDA) stays with Tribuo's trainer.
 */
public final class LogisticSgd extends AbstractTrainer<Label> implements MatrixTrainer<Label> {
    private static final double EPSILON = 1e-6;
    private static final String MODEL_NAME = "linear-sgd-model";
    /** Rows gathered into contiguous buffers at a time (about 4,096: a few hundred KB for typical rows). */
    private static final int GATHER_ROWS = 4096;

    @Config(mandatory = true, description = "Passes over the training rows.")
    private int epochs;
    @Config(mandatory = true, description = "Rows per gradient step.")
    private int minibatchSize;
    @Config(mandatory = true, description = "AdaGrad's initial learning rate.")
    private double learningRate;
    @Config(mandatory = true, description = "Seed of the shuffles.")
    private long seed;

    public LogisticSgd(int epochs, int minibatchSize, double learningRate, long seed) {
        if (epochs < 1 || minibatchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs and batch size must be positive and the learning rate above 0");
        }
        this.epochs = epochs;
        this.minibatchSize = minibatchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** For olcut's configuration system, which builds trainers reflectively. */
    @SuppressWarnings("unused")
    private LogisticSgd() {
    }

    @Override
    public LinearSGDModel train(FeatureMatrix m) {
        if (m.rows() == 0) {
            throw new RunException("there are no training rows to fit a logistic regression on");
        }
        int[] featureIds = new int[m.names().size()];
        ImmutableFeatureMap features = MatrixDomains.features(m, featureIds);
        int[] y = new int[m.rows()];
        ImmutableOutputInfo<Label> labels = MatrixDomains.labels(m, y);
        TrainerProvenance trainerProvenance = invoke().provenance();
        double[] w = fit(m.indices(), m.values(), featureIds, y, labels.size(), features.size());
        DatasetProvenance data = MatrixDomains.provenance("classification", m.rows(), features.size(), labels.size());
        return model(w, features, labels, data, trainerProvenance, Map.of());
    }

    @Override
    public LinearSGDModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        ImmutableFeatureMap features = examples.getFeatureIDMap();
        ImmutableOutputInfo<Label> labels = examples.getOutputIDInfo();
        SparseRows rows = SparseRows.of(examples);
        int[] y = MatrixDomains.labels(examples);
        TrainerProvenance trainerProvenance = invoke().provenance();
        double[] w = fit(rows.idx(), rows.val(), null, y, labels.size(), features.size());
        return model(w, features, labels, examples.getProvenance(), trainerProvenance, runProvenance);
    }

    /**
     * The weights, class-major: class k's weight of feature f at {@code k * (features + 1) + f}, its
     * bias at {@code k * (features + 1) + features}. Row r has features {@code ids[idx[r][i]]}
     * ({@code idx[r][i]} itself when ids is null; -1 = absent from the model) with values
     * {@code val[r][i]} and class {@code y[r]}.
     */
    double[] fit(int[][] idx, double[][] val, int[] ids, int[] y, int classes, int features) {
        int n = y.length;
        int width = features + 1;
        double[] w = new double[classes * width];
        double[] squares = new double[w.length];
        double[] grad = new double[w.length];
        int[] touched = new int[width];
        boolean[] marked = new boolean[width];
        double[] scores = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Rows are visited in shuffled order, so reading one is a few cache misses; a chunk of rows is
        // first copied into contiguous buffers (a loop whose misses overlap), then trained on. A chunk
        // holds whole mini-batches.
        int batch = minibatchSize;
        int chunkRows = batch * Math.max(1, GATHER_ROWS / batch);
        int[] offsets = new int[chunkRows + 1];
        int[] chunkY = new int[chunkRows];
        int[][] chunkRowIds = new int[chunkRows][];
        double[][] chunkRowValues = new double[chunkRows][];
        int[] chunkIds = new int[chunkRows * 8];
        double[] chunkValues = new double[chunkRows * 8];
        SplittableRandom rng = new SplittableRandom(seed).split(); // AbstractSGDTrainer's first invocation
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n; i > 1; i--) {
                int j = rng.nextInt(i);
                int t = order[i - 1];
                order[i - 1] = order[j];
                order[j] = t;
            }
            for (int chunk = 0; chunk < n; chunk += chunkRows) {
                int chunkEnd = Math.min(chunk + chunkRows, n);
                for (int b = chunk; b < chunkEnd; b++) { // independent loads: many misses in flight
                    int row = order[b];
                    chunkRowIds[b - chunk] = idx[row];
                    chunkRowValues[b - chunk] = val[row];
                    chunkY[b - chunk] = y[row];
                }
                int p = 0;
                for (int b = 0; b < chunkEnd - chunk; b++) {
                    int[] is = chunkRowIds[b];
                    double[] vs = chunkRowValues[b];
                    if (p + is.length > chunkIds.length) {
                        int size = Math.max(chunkIds.length * 2, p + is.length);
                        chunkIds = java.util.Arrays.copyOf(chunkIds, size);
                        chunkValues = java.util.Arrays.copyOf(chunkValues, size);
                    }
                    for (int i = 0; i < is.length; i++) {
                        int f = ids == null ? is[i] : ids[is[i]];
                        if (f >= 0) {
                            chunkIds[p] = f;
                            chunkValues[p++] = vs[i];
                        }
                    }
                    offsets[b + 1] = p;
                }
                for (int start = chunk; start < chunkEnd; start += batch) {
                    int bound = Math.min(start + batch, n);
                    int nTouched = 0;
                    for (int b = start - chunk; b < bound - chunk; b++) {
                        int from = offsets[b];
                        int to = offsets[b + 1];
                        for (int i = from; i < to; i++) {
                            int f = chunkIds[i];
                            if (!marked[f]) {
                                marked[f] = true;
                                touched[nTouched++] = f;
                            }
                        }
                        double max = Double.NEGATIVE_INFINITY;
                        for (int k = 0; k < classes; k++) {
                            int base = k * width;
                            double s = w[base + features];
                            for (int i = from; i < to; i++) {
                                s += w[base + chunkIds[i]] * chunkValues[i];
                            }
                            scores[k] = s;
                            if (s > max) {
                                max = s;
                            }
                        }
                        double sum = 0;
                        for (int k = 0; k < classes; k++) {
                            scores[k] = Math.exp(scores[k] - max);
                            sum += scores[k];
                        }
                        for (int k = 0; k < classes; k++) {
                            double g = (k == chunkY[b] ? 1.0 : 0.0) - scores[k] / sum;
                            int base = k * width;
                            grad[base + features] += g;
                            for (int i = from; i < to; i++) {
                                grad[base + chunkIds[i]] += g * chunkValues[i];
                            }
                        }
                    }
                    touched[nTouched++] = features; // the bias is in every row
                    double weight = (bound - start) / (double) batch; // the batch's mean example weight
                    double step = weight * learningRate;
                    for (int t = 0; t < nTouched; t++) {
                        int f = touched[t];
                        marked[f] = false;
                        for (int k = 0; k < classes; k++) {
                            int at = k * width + f;
                            double g = grad[at] * batch;
                            grad[at] = 0;
                            squares[at] += weight * weight * g * g;
                            w[at] += g * step / (EPSILON + Math.sqrt(squares[at]));
                        }
                    }
                }
            }
        }
        return w;
    }

    private LinearSGDModel model(double[] w, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels,
                                 DatasetProvenance data, TrainerProvenance trainer, Map<String, Provenance> run) {
        int width = features.size() + 1;
        double[][] rows = new double[labels.size()][width];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(w, k * width, rows[k], 0, width);
        }
        ModelProvenance provenance = new ModelProvenance(LinearSGDModel.class.getName(), OffsetDateTime.now(), data, trainer, run);
        ModelDataCarrier<Label> carrier = new ModelDataCarrier<>(MODEL_NAME, provenance, features, labels, true, Tribuo.VERSION);
        ClassificationLinearSGDProto proto = ClassificationLinearSGDProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setParams(new LinearParameters(DenseMatrix.createDenseMatrix(rows)).serialize())
                .setNormalizer(new ExpNormalizer().serialize())
                .build();
        try {
            return LinearSGDModel.deserializeFromProto(LinearSGDModel.CURRENT_VERSION, LinearSGDModel.class.getName(), Any.pack(proto));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo refused the logistic model it was handed", e);
        }
    }

    @Override
    public String toString() {
        return "LogisticSgd(epochs=" + epochs + ",minibatchSize=" + minibatchSize + ",learningRate=" + learningRate
                + ",seed=" + seed + ")";
    }
}
