package dev.mlx.runtime.models;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.IntFunction;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.common.sgd.AbstractSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;

/**
 * Least-squares SGD on a standardised target. AdaGrad moves each weight by about the learning rate
 * per step, so the intercept of an uncentred target (a mean of 200,000, say) or the slopes of a
 * widely spread one would take thousands of epochs to reach. The trainer fits
 * (y - mean) / sd and then rescales the fitted weights (w * sd, intercept * sd + mean) inside the
 * model, so the result is a plain Tribuo {@link LinearSGDModel} predicting on the original scale:
 * it serialises and exports to ONNX like any other.
 * <p>
 * Tribuo 4.3.2 has no public way to build or change a {@code LinearSGDModel}'s weights
 * ({@code getModelParameters()} returns a copy), so the weights are reached by reflection on
 * {@code AbstractSGDModel.modelParameters}; a test pins the behaviour to the Tribuo version.
 */
final class CentredLinearTrainer extends AbstractTrainer<Regressor> {
    private static final Field PARAMETERS;

    static {
        try {
            PARAMETERS = AbstractSGDModel.class.getDeclaredField("modelParameters");
            PARAMETERS.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Builds the SGD trainer for a dataset of n rows (the L2 penalty is spread over one epoch's steps). */
    private final IntFunction<LinearSGDTrainer> inner;

    /** Described by the SGD trainer for one row, as it is before it sees data. */
    CentredLinearTrainer(IntFunction<LinearSGDTrainer> inner) {
        super(() -> inner.apply(1));
        this.inner = inner;
    }

    @Override
    public LinearSGDModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        double sum = 0;
        int n = 0;
        for (Example<Regressor> e : examples) {
            sum += e.getOutput().getValues()[0];
            n++;
        }
        double mean = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (Example<Regressor> e : examples) {
            double d = e.getOutput().getValues()[0] - mean;
            ss += d * d;
        }
        double sd = n == 0 || ss == 0 ? 1 : Math.sqrt(ss / n);
        MutableDataset<Regressor> scaled = new MutableDataset<>(examples.getProvenance(), new RegressionFactory());
        for (Example<Regressor> e : examples) {
            Regressor y = e.getOutput();
            scaled.add(new ArrayExample<>(new Regressor(y.getNames()[0], (y.getValues()[0] - mean) / sd), e, e.getWeight()));
        }
        Dataset<Regressor> data = SgdTrainer.uniformDensity(scaled);
        LinearSGDModel model = inner.apply(n).train(data, runProvenance);
        count();
        // The intercept is the last column of the weight matrix (the bias feature is appended last).
        DenseMatrix w = weights(model);
        int bias = w.getDimension2Size() - 1;
        for (int j = 0; j < bias; j++) {
            w.set(0, j, w.get(0, j) * sd);
        }
        w.set(0, bias, w.get(0, bias) * sd + mean);
        return model;
    }

    /** The live weight matrix of the model. */
    static DenseMatrix weights(LinearSGDModel model) {
        try {
            return ((LinearParameters) PARAMETERS.get(model)).getWeightMatrix();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the weights of a Tribuo linear model", e);
        }
    }

    @Override
    public String toString() {
        return "CentredLinearTrainer(" + inner.apply(1) + ")";
    }
}
