package dev.mlx.runtime.models;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Tribuo;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.protos.RegressionLinearSGDProto;

/**
 * Linear regression solved exactly, as scikit-learn's {@code LinearRegression()} (ridge = 0) or
 * {@code Ridge(alpha=ridge)} fit it: the intercept is left unpenalised by centring the features and
 * the target, and the weights solve {@code (Xc'Xc + ridge I) w = Xc'yc}. The Gram matrix is built from
 * the sparse rows (a row costs its non-zeros squared) and solved through its eigendecomposition,
 * dropping directions whose eigenvalue is below 1e-10 of the largest: with collinear features (every
 * level of a one-hot column, say) this gives the minimum-norm solution, as scikit-learn's
 * {@code lstsq} does. Past {@value #GRAM_LIMIT} features the Gram matrix would not fit comfortably,
 * and the same objective is minimised by L-BFGS instead.
 * <p>
 * The result is Tribuo's own regression {@link LinearSGDModel}, built through its protobuf form, so
 * it serialises, exports to ONNX and explains like any other.
 */
public final class LeastSquares extends AbstractTrainer<Regressor> {
    private static final String MODEL_NAME = "linear-sgd-model";
    /** Features beyond which the d x d Gram matrix (128 MB at 4,096) is not built. */
    static final int GRAM_LIMIT = 4096;
    private static final double EIGEN_CUTOFF = 1e-10;

    @Config(mandatory = true, description = "L2 penalty on the weights (scikit-learn's Ridge alpha; 0 is plain least squares).")
    private double ridge;

    public LeastSquares(double ridge) {
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("the ridge penalty must be at least 0");
        }
        this.ridge = ridge;
    }

    /** For olcut's configuration system, which builds trainers reflectively. */
    @SuppressWarnings("unused")
    private LeastSquares() {
    }

    @Override
    public LinearSGDModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        if (examples.size() == 0) {
            throw new RunException("there are no training rows to fit a linear regression on");
        }
        double[] y = new double[examples.size()];
        int r = 0;
        for (Example<Regressor> e : examples) {
            y[r++] = e.getOutput().getValues()[0];
        }
        TrainerProvenance trainer = invoke().provenance();
        double[] w = fit(SparseRows.of(examples), y);
        ImmutableOutputInfo<Regressor> outputs = examples.getOutputIDInfo();
        ModelProvenance provenance = new ModelProvenance(LinearSGDModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainer, runProvenance);
        ImmutableFeatureMap features = examples.getFeatureIDMap();
        ModelDataCarrier<Regressor> carrier = new ModelDataCarrier<>(MODEL_NAME, provenance, features, outputs, false,
                Tribuo.VERSION);
        RegressionLinearSGDProto.Builder proto = RegressionLinearSGDProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setParams(new LinearParameters(DenseMatrix.createDenseMatrix(new double[][] {w})).serialize());
        for (Regressor dimension : outputs.getDomain()) {
            proto.addDimensionNames(dimension.getNames()[0]);
        }
        try {
            return LinearSGDModel.deserializeFromProto(LinearSGDModel.CURRENT_VERSION, LinearSGDModel.class.getName(),
                    Any.pack(proto.build()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo refused the linear model it was handed", e);
        }
    }

    /** The weights (feature id f at f) and the intercept last. */
    double[] fit(SparseRows rows, double[] y) {
        int d = rows.features();
        int n = rows.rows();
        double[] mean = new double[d];
        for (int r = 0; r < n; r++) {
            int[] is = rows.idx()[r];
            double[] vs = rows.val()[r];
            for (int i = 0; i < is.length; i++) {
                int f = rows.id(is[i]);
                if (f >= 0) {
                    mean[f] += vs[i];
                }
            }
        }
        double yMean = 0;
        for (int r = 0; r < n; r++) {
            yMean += y[r];
        }
        yMean /= n;
        for (int f = 0; f < d; f++) {
            mean[f] /= n;
        }
        double[] w = d <= GRAM_LIMIT ? byGram(rows, y, mean, yMean) : byLbfgs(rows, y, mean, yMean);
        double[] out = new double[d + 1];
        System.arraycopy(w, 0, out, 0, d);
        double intercept = yMean;
        for (int f = 0; f < d; f++) {
            intercept -= w[f] * mean[f];
        }
        out[d] = intercept;
        return out;
    }

    private double[] byGram(SparseRows rows, double[] y, double[] mean, double yMean) {
        int d = mean.length;
        int n = rows.rows();
        double[] gram = new double[d * d]; // upper triangle of X'X, then of the centred Gram
        double[] xy = new double[d];
        for (int r = 0; r < n; r++) {
            int[] is = rows.idx()[r];
            double[] vs = rows.val()[r];
            double target = y[r] - yMean;
            for (int i = 0; i < is.length; i++) {
                int a = rows.id(is[i]);
                if (a < 0) {
                    continue;
                }
                double va = vs[i];
                xy[a] += va * target;
                for (int j = 0; j < is.length; j++) {
                    int b = rows.id(is[j]);
                    if (b >= a) {
                        gram[a * d + b] += va * vs[j];
                    }
                }
            }
        }
        double[][] centred = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = gram[a * d + b] - n * mean[a] * mean[b] + (a == b ? ridge : 0);
                centred[a][b] = v;
                centred[b][a] = v;
            }
        }
        // The features were summed against the centred target, so X'yc is already Xc'yc.
        Optional<DenseMatrix.EigenDecomposition> eigen = DenseMatrix.createDenseMatrix(centred).eigenDecomposition();
        if (eigen.isEmpty()) {
            throw new IllegalStateException("the Gram matrix of a linear regression has no eigendecomposition");
        }
        DenseMatrix vectors = eigen.get().eigenvectors();
        double[] values = eigen.get().eigenvalues().toArray();
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        double[] w = new double[d];
        for (int k = 0; k < d; k++) {
            if (values[k] <= EIGEN_CUTOFF * largest) {
                continue;
            }
            double projection = 0;
            for (int f = 0; f < d; f++) {
                projection += vectors.get(f, k) * xy[f];
            }
            double coefficient = projection / values[k];
            for (int f = 0; f < d; f++) {
                w[f] += coefficient * vectors.get(f, k);
            }
        }
        return w;
    }

    /** Half the centred squared error plus half the ridge penalty, by L-BFGS to a tight tolerance. */
    private double[] byLbfgs(SparseRows rows, double[] y, double[] mean, double yMean) {
        int d = mean.length;
        double[] w = new double[d];
        Lbfgs.minimise((x, gradient) -> {
            double offset = 0; // the centring, folded into each row's prediction
            for (int f = 0; f < d; f++) {
                offset += x[f] * mean[f];
            }
            double shift = offset;
            double loss = rows.sum(d, gradient, (from, to, g) -> {
                double sum = 0;
                for (int r = from; r < to; r++) {
                    int[] is = rows.idx()[r];
                    double[] vs = rows.val()[r];
                    double p = -shift;
                    for (int i = 0; i < is.length; i++) {
                        int f = rows.id(is[i]);
                        if (f >= 0) {
                            p += x[f] * vs[i];
                        }
                    }
                    double residual = p - (y[r] - yMean);
                    sum += 0.5 * residual * residual;
                    for (int i = 0; i < is.length; i++) {
                        int f = rows.id(is[i]);
                        if (f >= 0) {
                            g[f] += residual * vs[i];
                        }
                    }
                }
                return sum;
            });
            // The centring term adds -mean * (sum of residuals) to the gradient, and the residuals of
            // centred rows against a centred target sum to 0: it vanishes.
            double penalty = 0;
            for (int f = 0; f < d; f++) {
                gradient[f] += ridge * x[f];
                penalty += x[f] * x[f];
            }
            return loss + 0.5 * ridge * penalty;
        }, w, 1e-8 * Math.max(1, rows.rows()), 10_000);
        return w;
    }

    @Override
    public String toString() {
        return "LeastSquares(ridge=" + ridge + ")";
    }
}
