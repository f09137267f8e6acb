package dev.mlx.runtime.models;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.mlx.runtime.base.RunException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableOutputInfo;
import org.tribuo.RealInfo;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.protos.RegressionLinearSGDProto;

/**
 * Models trained by another engine (Spark's MLlib), rebuilt as Tribuo's own model classes from their
 * fitted parameters, so that {@link Export}, {@code serve}, {@code predict} and the embedding API use
 * them as any model this runtime trained. Features are matched by name, so the weights may come in any
 * feature order. The model's provenance says where it came from ({@code trainedBy}) and holds no
 * dataset: the rows stayed on the cluster.
 */
public final class ImportedModels {
    private static final String LINEAR_NAME = "linear-sgd-model";

    private ImportedModels() {
    }

    /**
     * A logistic (softmax) classifier: for each of {@code classes} a row of {@code coefficients} over
     * {@code features} and its intercept; a class's probability is the softmax of the rows' scores. A
     * binary model given as one row (the second class's scores against a first class's zero) is accepted
     * too.
     */
    public static Model<Label> logistic(List<String> features, List<String> classes, double[][] coefficients,
                                        double[] intercepts, String trainedBy) {
        double[][] rows = coefficients;
        double[] bias = intercepts;
        if (classes.size() == 2 && coefficients.length == 1) {
            rows = new double[][] {new double[features.size()], coefficients[0]};
            bias = new double[] {0, intercepts[0]};
        }
        if (rows.length != classes.size() || bias.length != classes.size()) {
            throw new RunException("the imported logistic model has " + rows.length + " rows of weights for "
                    + classes.size() + " classes");
        }
        ImmutableFeatureMap map = features(features);
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (String c : classes) {
            info.observe(new Label(c));
        }
        ImmutableOutputInfo<Label> labels = info.generateImmutableOutputInfo();
        double[][] w = new double[classes.size()][map.size() + 1];
        for (int k = 0; k < classes.size(); k++) {
            int row = labels.getID(new Label(classes.get(k)));
            place(w[row], rows[k], features, map, bias[k]);
        }
        ModelDataCarrier<Label> carrier = new ModelDataCarrier<>(LINEAR_NAME, provenance(
                org.tribuo.classification.sgd.linear.LinearSGDModel.class, trainedBy), map, labels, true, Tribuo.VERSION);
        return LogisticLbfgs.linearSgdModel(carrier, w);
    }

    /** A linear regression: {@code coefficients} over {@code features} and the intercept. */
    public static Model<Regressor> linear(List<String> features, double[] coefficients, double intercept, String trainedBy) {
        ImmutableFeatureMap map = features(features);
        MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
        info.observe(new Regressor(Datasets.TARGET, 0));
        ImmutableOutputInfo<Regressor> outputs = info.generateImmutableOutputInfo();
        double[][] w = new double[1][map.size() + 1];
        place(w[0], coefficients, features, map, intercept);
        ModelDataCarrier<Regressor> carrier = new ModelDataCarrier<>(LINEAR_NAME, provenance(
                org.tribuo.regression.sgd.linear.LinearSGDModel.class, trainedBy), map, outputs, false, Tribuo.VERSION);
        RegressionLinearSGDProto proto = RegressionLinearSGDProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setParams(new LinearParameters(DenseMatrix.createDenseMatrix(w)).serialize())
                .addDimensionNames(Datasets.TARGET)
                .build();
        try {
            return org.tribuo.regression.sgd.linear.LinearSGDModel.deserializeFromProto(
                    org.tribuo.regression.sgd.linear.LinearSGDModel.CURRENT_VERSION,
                    org.tribuo.regression.sgd.linear.LinearSGDModel.class.getName(), Any.pack(proto));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo refused the imported linear model", e);
        }
    }

    /** Every feature, known to the model with no statistics (a linear model uses only their ids). */
    private static ImmutableFeatureMap features(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<VariableInfo> infos = new ArrayList<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new RunException("the imported model names feature `" + n + "` twice");
            }
            infos.add(new RealInfo(n, 0, 0, 0, 0, 0));
        }
        return new ImmutableFeatureMap(infos);
    }

    /** The weights in Tribuo's feature-id order, the intercept last (Tribuo's bias feature). */
    private static void place(double[] row, double[] weights, List<String> features, ImmutableFeatureMap map, double intercept) {
        if (weights.length != features.size()) {
            throw new RunException("the imported model has " + weights.length + " weights for " + features.size() + " features");
        }
        for (int f = 0; f < weights.length; f++) {
            row[map.getID(features.get(f))] = weights[f];
        }
        row[row.length - 1] = intercept;
    }

    private static ModelProvenance provenance(Class<?> model, String trainedBy) {
        return new ModelProvenance(model.getName(), OffsetDateTime.now(), new EmptyDatasetProvenance(),
                new EmptyTrainerProvenance(), Map.of("trained-by", new com.oracle.labs.mlrg.olcut.provenance.primitives
                        .StringProvenance("trained-by", trainedBy)));
    }
}
