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
import org.tribuo.Dataset;
import org.tribuo.Example;
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
 * Logistic regression as scikit-learn's {@code LogisticRegression()} fits it: the log loss summed over
 * the rows plus an L2 penalty of {@code ||W||^2 / (2C)} on the weights (not the intercepts), minimised
 * by L-BFGS ({@link Lbfgs}) with scikit-learn's stopping rules ({@code tol}, {@code max_iter}). Two
 * classes fit one weight vector with the logistic function; more fit the multinomial (softmax) model
 * with one weight row per class, as scikit-learn's default {@code lbfgs} solver does. The loss and
 * its gradient are computed on primitive arrays in parallel blocks, added in a fixed order, so the
 * weights do not depend on the number of threads.
 * <p>
 * The result is Tribuo's own {@link LinearSGDModel} (softmax over one score per class), built through
 * its protobuf form: a binary fit's vector w becomes the rows -w/2 and +w/2, whose softmax is the
 * logistic function of w. It serialises, exports to ONNX and explains like any other Tribuo model.
 */
public final class LogisticLbfgs extends AbstractTrainer<Label> implements MatrixTrainer<Label> {
    private static final String MODEL_NAME = "linear-sgd-model";

    @Config(mandatory = true, description = "Inverse strength of the L2 penalty (scikit-learn's C).")
    private double c;
    @Config(mandatory = true, description = "Stop when no entry of the gradient exceeds this (scikit-learn's tol).")
    private double tolerance;
    @Config(mandatory = true, description = "Most L-BFGS iterations (scikit-learn's max_iter).")
    private int maxIterations;

    public LogisticLbfgs(double c, double tolerance, int maxIterations) {
        if (!(c > 0) || !(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("C and the tolerance must be above 0 and the iterations at least 1");
        }
        this.c = c;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** For olcut's configuration system, which builds trainers reflectively. */
    @SuppressWarnings("unused")
    private LogisticLbfgs() {
    }

    @Override
    public LinearSGDModel train(FeatureMatrix m) {
        if (m.rows() == 0) {
            throw new RunException("there are no training rows to fit a logistic regression on");
        }
        int[] featureIds = new int[m.names().size()];
        ImmutableFeatureMap features = MatrixDomains.features(m, featureIds, true);
        int[] y = new int[m.rows()];
        ImmutableOutputInfo<Label> labels = MatrixDomains.labels(m, y);
        TrainerProvenance trainerProvenance = invoke().provenance();
        double[][] w = fit(SparseRows.of(m, featureIds, features.size()), y, labels.size());
        DatasetProvenance data = MatrixDomains.provenance("classification", m.rows(), features.size(), labels.size());
        return model(w, features, labels, data, trainerProvenance, Map.of());
    }

    @Override
    public LinearSGDModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        if (examples.size() == 0) {
            throw new RunException("there are no training rows to fit a logistic regression on");
        }
        ImmutableOutputInfo<Label> labels = examples.getOutputIDInfo();
        int[] y = MatrixDomains.labels(examples);
        TrainerProvenance trainerProvenance = invoke().provenance();
        double[][] w = fit(SparseRows.of(examples), y, labels.size());
        return model(w, examples.getFeatureIDMap(), labels, examples.getProvenance(), trainerProvenance, runProvenance);
    }

    /**
     * The weight rows, one per class (feature id f at f, the intercept last), of the fit to rows whose
     * classes are {@code y} (ids 0..classes-1).
     */
    double[][] fit(SparseRows rows, int[] y, int classes) {
        int width = rows.features() + 1;
        double[][] w = new double[classes][width];
        if (classes < 2) {
            return w; // one class: every score equal, the softmax gives it probability 1
        }
        if (classes == 2) {
            double[] v = new double[width];
            Lbfgs.minimise((x, g) -> binary(rows, y, x, g), v, tolerance, maxIterations);
            for (int f = 0; f < width; f++) {
                w[0][f] = -v[f] / 2;
                w[1][f] = v[f] / 2;
            }
            return w;
        }
        double[] flat = new double[classes * width];
        Lbfgs.minimise((x, g) -> multinomial(rows, y, classes, x, g), flat, tolerance, maxIterations);
        for (int k = 0; k < classes; k++) {
            System.arraycopy(flat, k * width, w[k], 0, width);
        }
        return w;
    }

    /** Loss and gradient of the binary fit at v: class id 1 is the positive class. */
    private double binary(SparseRows rows, int[] y, double[] v, double[] gradient) {
        int features = rows.features();
        double loss = rows.sum(v.length, gradient, (from, to, g) -> {
            double sum = 0;
            for (int r = from; r < to; r++) {
                int[] is = rows.idx()[r];
                double[] vs = rows.val()[r];
                double z = v[features];
                for (int i = 0; i < is.length; i++) {
                    int f = rows.id(is[i]);
                    if (f >= 0) {
                        z += v[f] * vs[i];
                    }
                }
                // log(1 + exp(-z)) for the positive class, log(1 + exp(z)) for the other, computed stably
                double signed = y[r] == 1 ? -z : z;
                sum += signed > 0 ? signed + Math.log1p(Math.exp(-signed)) : Math.log1p(Math.exp(signed));
                double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                double d = p - (y[r] == 1 ? 1 : 0);
                g[features] += d;
                for (int i = 0; i < is.length; i++) {
                    int f = rows.id(is[i]);
                    if (f >= 0) {
                        g[f] += d * vs[i];
                    }
                }
            }
            return sum;
        });
        return loss + penalty(v, gradient, 1, features + 1);
    }

    /** Loss and gradient of the multinomial fit at the class-major weights x. */
    private double multinomial(SparseRows rows, int[] y, int classes, double[] x, double[] gradient) {
        int features = rows.features();
        int width = features + 1;
        double loss = rows.sum(x.length, gradient, (from, to, g) -> {
            double[] scores = new double[classes];
            double sum = 0;
            for (int r = from; r < to; r++) {
                int[] is = rows.idx()[r];
                double[] vs = rows.val()[r];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    int base = k * width;
                    double s = x[base + features];
                    for (int i = 0; i < is.length; i++) {
                        int f = rows.id(is[i]);
                        if (f >= 0) {
                            s += x[base + f] * vs[i];
                        }
                    }
                    scores[k] = s;
                    max = Math.max(max, s);
                }
                double total = 0;
                for (int k = 0; k < classes; k++) {
                    total += Math.exp(scores[k] - max);
                }
                double logTotal = max + Math.log(total);
                sum += logTotal - scores[y[r]];
                for (int k = 0; k < classes; k++) {
                    double d = Math.exp(scores[k] - logTotal) - (k == y[r] ? 1 : 0);
                    int base = k * width;
                    g[base + features] += d;
                    for (int i = 0; i < is.length; i++) {
                        int f = rows.id(is[i]);
                        if (f >= 0) {
                            g[base + f] += d * vs[i];
                        }
                    }
                }
            }
            return sum;
        });
        return loss + penalty(x, gradient, classes, width);
    }

    /** Adds the L2 penalty's gradient to {@code gradient} and returns its value; the last entry of each row is an intercept. */
    private double penalty(double[] x, double[] gradient, int rowsOfWeights, int width) {
        double strength = 1.0 / c;
        double sum = 0;
        for (int k = 0; k < rowsOfWeights; k++) {
            for (int f = k * width; f < (k + 1) * width - 1; f++) {
                sum += x[f] * x[f];
                gradient[f] += strength * x[f];
            }
        }
        return 0.5 * strength * sum;
    }

    private LinearSGDModel model(double[][] w, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels,
                                 DatasetProvenance data, TrainerProvenance trainer, Map<String, Provenance> run) {
        ModelProvenance provenance = new ModelProvenance(LinearSGDModel.class.getName(), OffsetDateTime.now(), data, trainer, run);
        return linearSgdModel(new ModelDataCarrier<>(MODEL_NAME, provenance, features, labels, true, Tribuo.VERSION), w);
    }

    /**
     * Tribuo's own logistic model with the weights {@code w} (a row per class in the label map's order,
     * the features' weights then the bias), built through its protobuf form, the only way in from outside.
     */
    static LinearSGDModel linearSgdModel(ModelDataCarrier<Label> carrier, double[][] w) {
        ClassificationLinearSGDProto proto = ClassificationLinearSGDProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setParams(new LinearParameters(DenseMatrix.createDenseMatrix(w)).serialize())
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
        return "LogisticLbfgs(c=" + c + ",tolerance=" + tolerance + ",maxIterations=" + maxIterations + ")";
    }
}
