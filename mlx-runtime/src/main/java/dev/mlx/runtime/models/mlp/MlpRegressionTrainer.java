package dev.mlx.runtime.models.mlp;

import java.util.HashMap;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

/**
 * Trains an {@link MlpRegressionModel}. The network fits each target dimension standardised to
 * mean 0 and standard deviation 1 (so the learning rate and the initial weights suit any target
 * scale), and the scale is then folded into the output layer: {@code w * sd} and
 * {@code b * sd + mean}, leaving a model that predicts on the original scale with no extra step.
 */
public final class MlpRegressionTrainer extends MlpTrainer<Regressor> {
    /** For OLCUT. */
    private MlpRegressionTrainer() {
    }

    public MlpRegressionTrainer(MlpSettings settings) {
        super(settings);
    }

    /** Standardised targets and the mean and standard deviation of each output id. */
    static final class Targets extends Head.Targets {
        final double[] mean;
        final double[] sd;

        Targets(double[][] y, double[] mean, double[] sd) {
            super(y);
            this.mean = mean;
            this.sd = sd;
        }
    }

    @Override
    Head head(Dataset<Regressor> examples, ImmutableOutputInfo<Regressor> outputs) {
        String[] byId = MlpRegressionModel.dimensionNames(outputs);
        Map<String, Integer> id = new HashMap<>();
        for (int i = 0; i < byId.length; i++) {
            id.put(byId[i], i);
        }
        int n = examples.size();
        int d = byId.length;
        double[][] y = new double[n][d];
        int r = 0;
        for (Example<Regressor> e : examples) {
            Regressor out = e.getOutput();
            String[] names = out.getNames();
            double[] values = out.getValues();
            for (int k = 0; k < names.length; k++) {
                y[r][id.get(names[k])] = values[k];
            }
            r++;
        }
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : y) {
                sum += row[j];
            }
            mean[j] = sum / n;
            double ss = 0;
            for (double[] row : y) {
                ss += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            sd[j] = ss > 0 ? Math.sqrt(ss / n) : 1;
            for (double[] row : y) {
                row[j] = (row[j] - mean[j]) / sd[j];
            }
        }
        return new Targets(y, mean, sd);
    }

    @Override
    MlpModel<Regressor> model(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Regressor> outputs,
                              MlpParameters parameters, Activation activation, History history, Head head) {
        Targets t = (Targets) head;
        int last = parameters.layers() - 1;
        for (double[] row : parameters.weights(last)) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= t.sd[j];
            }
        }
        double[] b = parameters.biases(last);
        for (int j = 0; j < b.length; j++) {
            b[j] = b[j] * t.sd[j] + t.mean[j];
        }
        return new MlpRegressionModel("mlp-regression-model", provenance, features, outputs, parameters, activation, history);
    }

    @Override
    String modelClassName() {
        return MlpRegressionModel.class.getName();
    }
}
