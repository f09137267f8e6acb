package dev.mlx.spark;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.runtime.base.JsonFiles;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.features.FittedFeatures;
import dev.mlx.runtime.features.LearnedPipeline;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.models.ImportedModels;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.serve.Profile;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.tribuo.Model;

/**
 * The selected model leaves Spark: its fitted parameters become a Tribuo model and the fitted features
 * the runtime's own pipeline ({@link LearnedPipeline}), written as {@code model.tribuo} and its pipeline
 * file, with {@code serving.json} from the training rows ({@link SparkProfile}). {@code serve},
 * {@code predict} and the embedding API then score the Spark-trained model in the ordinary runtime, without
 * Spark. Linear models (logistic, linear, lasso, elastic_net) and the baseline are exported; for any other
 * model the run says why not, and nothing stale is left to be served.
 */
final class SparkExport {
    static final String MODEL_FILE = "model.tribuo";

    /** What a fitted baseline learned: the class shares (classification) or the mean (regression). */
    record Baseline(double[] shares, double mean) {
    }

    /** The files written, or why there are none. */
    record Outcome(List<RunResult.ExportedFile> exports, String notExported) {
        Outcome {
            exports = List.copyOf(exports);
        }
    }

    private SparkExport() {
    }

    /** Removes a previous run's served files, so a run that exports nothing cannot leave an older model served. */
    static void clear(Path outDir) {
        for (String name : List.of(MODEL_FILE, MODEL_FILE + ".pipeline", Profile.FILE, "predictions.csv")) {
            try {
                Files.deleteIfExists(outDir.resolve(name));
            } catch (IOException x) {
                throw new RunException("cannot clear " + outDir.resolve(name) + ": " + x.getMessage(), x);
            }
        }
    }

    /**
     * Writes the model {@code name} of kind {@code kind}, fitted on Spark as {@code fitted} over the feature
     * vector {@code features}, with the pipeline {@code learned}.
     */
    static Outcome write(Experiment e, String name, String kind, Object fitted, List<String> features, FeaturesLearned learned,
                         List<String> classes, JsonArray columns, Map<String, Double> holdout, Path outDir, String trainedBy) {
        Model<?> model = tribuo(kind, fitted, features, classes, trainedBy);
        if (model == null) {
            return new Outcome(List.of(), "`" + kind + "` trained on Spark is not exported to the runtime's formats yet: "
                    + "select a linear model or the baseline to serve it without Spark");
        }
        FittedFeatures pipeline = LearnedPipeline.rebuild(learned, e.data().columns(), e.scope().target(), e.data().id(),
                e.scope().task());
        if (!new HashSet<>(pipeline.featureNames()).equals(new HashSet<>(features))) {
            throw new RunException("the features rebuilt for the runtime (" + pipeline.featureNames()
                    + ") are not the ones Spark trained on (" + features + ")");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException x) {
            throw new RunException("cannot create " + outDir + ": " + x.getMessage(), x);
        }
        Path file = outDir.resolve(MODEL_FILE);
        Export.tribuo(model, pipeline, file);
        List<Profile.Variant> variants = List.of(new Profile.Variant(name, MODEL_FILE, Export.sha256(file),
                Export.sha256(Export.pipelinePath(file))));
        JsonObject metrics = new JsonObject();
        holdout.forEach((k, v) -> metrics.addProperty(k, v));
        JsonFiles.write(outDir.resolve(Profile.FILE), Profile.build(e, columns, classes, name, variants, metrics));
        List<RunResult.ExportedFile> out = new ArrayList<>();
        try {
            out.add(new RunResult.ExportedFile("tribuo", file.toString(), true, Files.size(file), DataLoader.sha256(file),
                    DataLoader.sha256(Export.pipelinePath(file)), null, null));
        } catch (IOException x) {
            throw new RunException("cannot read back " + file + ": " + x.getMessage(), x);
        }
        return new Outcome(out, null);
    }

    /** The Tribuo model for a fitted Spark model, or null when this kind is not exported. */
    static Model<?> tribuo(String kind, Object fitted, List<String> features, List<String> classes, String by) {
        if (fitted instanceof Baseline b) {
            if (b.shares() != null) {
                double[][] zero = new double[classes.size()][features.size()];
                double[] intercepts = new double[classes.size()];
                for (int k = 0; k < intercepts.length; k++) {
                    // softmax of log shares gives back the shares: the majority class, with the training shares
                    intercepts[k] = Math.log(Math.max(b.shares()[k], Double.MIN_NORMAL));
                }
                return ImportedModels.logistic(features, classes, zero, intercepts, by);
            }
            return ImportedModels.linear(features, new double[features.size()], b.mean(), by);
        }
        if (fitted instanceof LogisticRegressionModel lr) {
            Matrix m = lr.coefficientMatrix();
            double[][] w = new double[m.numRows()][m.numCols()];
            for (int k = 0; k < m.numRows(); k++) {
                for (int f = 0; f < m.numCols(); f++) {
                    w[k][f] = m.apply(k, f);
                }
            }
            return ImportedModels.logistic(features, classes, w, lr.interceptVector().toArray(), by);
        }
        if (fitted instanceof LinearRegressionModel lin) {
            return ImportedModels.linear(features, lin.coefficients().toArray(), lin.intercept(), by);
        }
        return null;
    }
}
