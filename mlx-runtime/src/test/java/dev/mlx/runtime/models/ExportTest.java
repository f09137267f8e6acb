package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.spec.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import tech.tablesaw.api.Table;

class ExportTest {
    @TempDir
    Path dir;

    private static final List<String> COLUMNS = List.of("x1", "x2", "x3");

    /** A real fitted features block (the only kind written beside a model): the columns standardised. */
    private static FittedPipeline standardized(Table t, String target, Task task) {
        return dev.mlx.runtime.features.Pipeline.fit(List.of(new dev.mlx.runtime.spec.Step.Scale(COLUMNS,
                dev.mlx.runtime.spec.Step.Scaling.STANDARDIZE)), t, target, null, task);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.tribuo.Model<?> train(String kind, Map<String, Object> params, Task task, Table t, FittedPipeline p) {
        Trainer trainer = Trainers.trainer(new Model(kind, kind, params), task, 3);
        return trainer.train(Datasets.dataset(p.transform(t), task));
    }

    /** Every prediction (output and scores) of the loaded model and pipeline equals the original's. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void samePredictions(org.tribuo.Model<?> a, FittedPipeline pa, Export.Loaded b, Table rows, Task task) {
        FeatureMatrix ma = pa.transform(rows);
        FeatureMatrix mb = b.pipeline().transform(rows);
        for (int i = 0; i < rows.rowCount(); i++) {
            Prediction pa1 = ((org.tribuo.Model) a).predict((Example) Datasets.example(ma, i, task));
            Prediction pb1 = ((org.tribuo.Model) b.model()).predict((Example) Datasets.example(mb, i, task));
            assertTrue(pa1.getOutput().fullEquals(pb1.getOutput()), pa1 + " vs " + pb1);
            assertEquals(pa1.getOutputScores().toString(), pb1.getOutputScores().toString());
        }
    }

    @Test
    void tribuoRoundTripPredictsIdentically() {
        Table c = TestData.classification(120, 3, 5);
        FittedPipeline pc = standardized(c, "label", Task.CLASSIFICATION);
        // linear_svm goes through LIBLINEAR's Java serialisation inside Tribuo's protobuf: the filtered path
        for (String kind : List.of("logistic", "linear_svm", "xgboost", "forest", "svm", "knn")) {
            org.tribuo.Model<?> m = train(kind, Map.of("trees", 5L), Task.CLASSIFICATION, c, pc);
            Path file = dir.resolve("c-" + kind + ".tribuo");
            Export.tribuo(m, pc, file);
            assertTrue(Files.exists(Export.pipelinePath(file)));
            samePredictions(m, pc, Export.load(file), c, Task.CLASSIFICATION);
        }
        Table r = TestData.regression(120, 6);
        FittedPipeline pr = standardized(r, "y", Task.REGRESSION);
        for (String kind : List.of("linear", "linear_svm", "lasso", "xgboost")) {
            org.tribuo.Model<?> m = train(kind, Map.of("trees", 5L), Task.REGRESSION, r, pr);
            Path file = dir.resolve("sub/r-" + kind + ".tribuo");
            Export.tribuo(m, pr, file);
            samePredictions(m, pr, Export.load(file), r, Task.REGRESSION);
        }
        assertTrue(SerialFilter.isInstalled(), "loading installs the serial filter");
    }

    @Test
    void onnxWhereTribuoCan() throws IOException {
        Table c = TestData.classification(90, 3, 5);
        FittedPipeline pc = standardized(c, "label", Task.CLASSIFICATION);
        org.tribuo.Model<?> logistic = train("logistic", Map.of(), Task.CLASSIFICATION, c, pc);
        Path file = dir.resolve("m.onnx");
        assertNull(Export.whyNoOnnx(logistic));
        assertTrue(Export.onnx(logistic, file));
        assertTrue(Files.size(file) > 100);
        org.tribuo.Model<?> forest = train("forest", Map.of("trees", 3L), Task.CLASSIFICATION, c, pc);
        Path none = dir.resolve("forest.onnx");
        assertFalse(Export.onnx(forest, none));
        assertFalse(Files.exists(none));
        assertNotNull(Export.whyNoOnnx(forest));
        Table r = TestData.regression(90, 6);
        FittedPipeline pr = standardized(r, "y", Task.REGRESSION);
        assertTrue(Export.onnx(train("linear", Map.of(), Task.REGRESSION, r, pr), dir.resolve("linear.onnx")));
    }

    @Test
    void aFileThatIsNotAModelIsAClearError() throws IOException {
        Path junk = dir.resolve("junk.tribuo");
        Files.writeString(junk, "not a model");
        assertThrows(RunException.class, () -> Export.load(junk));
        assertThrows(RunException.class, () -> Export.load(dir.resolve("missing.tribuo")));
    }
}
