package dev.mlx.runtime.models.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.models.SerialFilter;
import dev.mlx.runtime.models.TestData;
import dev.mlx.runtime.models.Trainers;
import dev.mlx.runtime.spec.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.explanations.lime.LIMEBase;
import org.tribuo.classification.explanations.lime.LIMEExplanation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.LARSLassoTrainer;
import tech.tablesaw.api.Table;

/** The trained models: export, serialisation, ONNX, provenance, explanations, and the catalog wiring. */
class MlpModelTest {
    private static final List<String> COLUMNS = List.of("x1", "x2", "x3");

    @TempDir
    Path dir;

    /** Every prediction (output and scores) of {@code b} on the rows equals {@code a}'s. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void samePredictions(org.tribuo.Model<?> a, org.tribuo.Model<?> b, FeatureMatrix rows, Task task) {
        for (int i = 0; i < rows.rows(); i++) {
            Example e = (Example) Datasets.example(rows, i, task);
            Prediction pa = ((org.tribuo.Model) a).predict(e);
            Prediction pb = ((org.tribuo.Model) b).predict(e);
            assertTrue(pa.getOutput().fullEquals(pb.getOutput()), pa + " vs " + pb);
            assertEquals(pa.getOutputScores().toString(), pb.getOutputScores().toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportRoundTripPredictsIdentically() {
        Table c = TestData.classification(150, 3, 5);
        FittedPipeline pc = standardized(c, "label", Task.CLASSIFICATION);
        FeatureMatrix mc = pc.transform(c);
        org.tribuo.Model<Label> classifier = MlpData.classifier("mlp", Map.of("hidden", List.of(16L, 8L)), mc);
        Path file = dir.resolve("c.tribuo");
        Export.tribuo(classifier, pc, file);
        Export.Loaded loaded = Export.load(file);
        MlpClassificationModel back = assertInstanceOf(MlpClassificationModel.class, loaded.model());
        samePredictions(classifier, back, loaded.pipeline().transform(c), Task.CLASSIFICATION);
        assertEquals(classifier.getProvenance(), back.getProvenance());
        assertEquals(((MlpModel<?>) classifier).history(), back.history());
        // the input layer is as wide as the features the model saw (levels never present are not among them)
        assertEquals(toList(((MlpModel<?>) classifier).layerSizes()), toList(back.layerSizes()));
        assertEquals(List.of(16, 8, 3), toList(back.layerSizes()).subList(1, 4));
        assertTrue(back.generatesProbabilities());

        // a target far from zero: the fitted scale lives in the output layer and survives the trip
        Table r = TestData.regression(150, 6);
        FittedPipeline pr = standardized(r, "y", Task.REGRESSION);
        FeatureMatrix mr = pr.transform(r);
        org.tribuo.Model<Regressor> regressor = MlpData.regressor("mlp", Map.of(), mr);
        assertTrue(MlpData.r2(regressor, mr) > 0.95, "R2 " + MlpData.r2(regressor, mr));
        Path rfile = dir.resolve("sub/r.tribuo");
        Export.tribuo(regressor, pr, rfile);
        Export.Loaded rback = Export.load(rfile);
        assertInstanceOf(MlpRegressionModel.class, rback.model());
        samePredictions(regressor, rback.model(), mr, Task.REGRESSION);
        assertTrue(SerialFilter.isInstalled());
    }

    /** A real fitted features block (the only kind written beside a model): the columns standardised. */
    private static FittedPipeline standardized(Table t, String target, Task task) {
        return dev.mlx.runtime.features.Pipeline.fit(List.of(new dev.mlx.runtime.spec.Step.Scale(COLUMNS,
                dev.mlx.runtime.spec.Step.Scaling.STANDARDIZE)), t, target, null, task);
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    /**
     * Java serialisation (Tribuo models are Serializable) passes the process-wide fallback filter;
     * model files never take this path (Tribuo's protobuf form).
     */
    @Test
    void javaSerialisationPassesTheSerialFilter() throws IOException, ClassNotFoundException {
        FeatureMatrix xor = MlpData.xor(120, 1);
        org.tribuo.Model<Label> m = MlpData.classifier("mlp", Map.of("epochs", 5L, "activation", "tanh"), xor);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(SerialFilter.PROCESS_WIDE);
            back = in.readObject();
        }
        samePredictions(m, (org.tribuo.Model<?>) back, xor, Task.CLASSIFICATION);
    }

    @Test
    void onnxHasOneGemmPerLayerAndTheActivationsBetween() throws IOException {
        FeatureMatrix xor = MlpData.xor(120, 1);
        org.tribuo.Model<Label> relu = MlpData.classifier("mlp", Map.of("hidden", List.of(8L, 4L), "epochs", 2L), xor);
        assertNull(Export.whyNoOnnx(relu));
        Path file = dir.resolve("m.onnx");
        assertTrue(Export.onnx(relu, file));
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax"), ops(proto));
        assertEquals(1, proto.getOpsetImportCount(), proto.getOpsetImportList().toString());
        org.tribuo.Model<Regressor> tanh = MlpData.regressor("mlp", Map.of("activation", "tanh", "epochs", 2L),
                MlpData.sine(50, 1));
        OnnxMl.ModelProto r = ((MlpModel<?>) tanh).exportONNXModel(Export.ONNX_DOMAIN, 1);
        assertEquals(List.of("Gemm", "Tanh", "Gemm"), ops(r));
    }

    /** The graph's operators in order, without the final copy to the named output. */
    private static List<String> ops(OnnxMl.ModelProto proto) {
        List<String> out = new ArrayList<>();
        for (OnnxMl.NodeProto n : proto.getGraph().getNodeList()) {
            if (!n.getOpType().equals("Identity")) {
                out.add(n.getOpType());
            }
        }
        return out;
    }

    @Test
    void topFeaturesRankTheInformativeInputsFirst() {
        org.tribuo.Model<Label> m = MlpData.classifier("mlp", Map.of(), MlpData.xor(400, 1));
        List<Pair<String, Double>> all = m.getTopFeatures(-1).get(org.tribuo.Model.ALL_OUTPUTS);
        assertEquals(3, all.size());
        assertEquals("x3", all.get(2).getA(), "the noise column ranks last: " + all);
        assertTrue(all.get(0).getB() >= all.get(1).getB() && all.get(1).getB() >= all.get(2).getB());
        assertEquals(1, m.getTopFeatures(1).get(org.tribuo.Model.ALL_OUTPUTS).size());
        assertTrue(m.getTopFeatures(0).get(org.tribuo.Model.ALL_OUTPUTS).isEmpty());
        assertTrue(m.getExcuse(Datasets.classification(MlpData.xor(4, 1)).getExample(0)).isEmpty());
    }

    /**
     * The trainer provenance is the trainer's configuration: OLCUT rebuilds the trainer from a
     * model's provenance alone, and it trains the same model again.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theProvenanceRebuildsTheTrainer() {
        FeatureMatrix xor = MlpData.xor(100, 1);
        Map<String, Object> params = Map.of("hidden", List.of(6L, 5L), "epochs", 4L, "optimizer", "adagrad",
                "learning_rate", 0.05, "activation", "tanh", "seed", 99L);
        org.tribuo.Model<Label> m = MlpData.classifier("mlp", params, xor);
        var configured = m.getProvenance().getTrainerProvenance().getConfiguredParameters();
        assertEquals("[6, 5]", configured.get("hidden").toString());
        assertEquals("TANH", configured.get("activation").toString());
        assertEquals("99", configured.get("seed").toString());
        assertTrue(configured.get("optimiser").toString().contains("AdaGrad"), configured.get("optimiser").toString());

        List<ConfigurationData> config = ProvenanceUtil.extractConfiguration(m.getProvenance());
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(config);
        Trainer<Label> rebuilt = (Trainer<Label>) cm.lookupAll(Trainer.class).get(0);
        assertInstanceOf(MlpClassificationTrainer.class, rebuilt);
        samePredictions(m, rebuilt.train(Datasets.classification(xor)), xor, Task.CLASSIFICATION);
    }

    @Test
    void limeExplainsAPrediction() {
        org.tribuo.Model<Label> m = MlpData.classifier("mlp", Map.of(), MlpData.xor(400, 1));
        LIMEBase lime = new LIMEBase(new SplittableRandom(1), m, new LARSLassoTrainer(2), 500);
        Example<Label> point = new ArrayExample<>(new Label("same"), new String[] {"x1", "x2", "x3"}, new double[] {0.9, -0.1, 0});
        LIMEExplanation e = lime.explain(point);
        assertTrue(e.getActiveFeatures().stream().anyMatch(f -> f.startsWith("x1") || f.startsWith("x2")), e.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExampleWithoutKnownFeaturesIsRefusedLikeTribuoDoes() {
        org.tribuo.Model<Label> m = MlpData.classifier("mlp", Map.of("epochs", 1L), MlpData.xor(40, 1));
        Example<Label> unknown = new ArrayExample<>(new Label("same"), new String[] {"other"}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> m.predict(unknown));
        // a known feature at 0 is a valid (all-zero) row
        Example<Label> zero = new ArrayExample<>(new Label("same"), new String[] {"x1"}, new double[] {0});
        assertEquals(2, m.predict(zero).getOutputScores().size());
    }

    @Test
    void theCatalogDefaultsAndWordsBecomeSettings() {
        MlpModel<?> m = (MlpModel<?>) MlpData.classifier("mlp", Map.of("epochs", 1L), MlpData.xor(40, 1));
        assertEquals(List.of(3, 32, 2), toList(m.layerSizes()), "the catalog's default hidden [32]");
        assertEquals(List.of(7, 3), MlpSettings.of("n", "[7, 3]", "relu", "sgd", 0.1, 1, 1, 0, 0, 0, 1).hidden());
        assertEquals(List.of(), MlpSettings.of("n", "[]", "relu", "sgd", 0.1, 1, 1, 0, 0, 0, 1).hidden());
        String t = Trainers.trainer(new Model("n", "mlp", Map.of("optimizer", "sgd")), Task.REGRESSION, 1).toString();
        assertTrue(t.startsWith("MlpRegressionTrainer(hidden=[32],activation=RELU"), t);
        RunException e = assertThrows(RunException.class,
                () -> Trainers.trainer(new Model("net", "mlp", Map.of("optimizer", "rmsprop")), Task.CLASSIFICATION, 1));
        assertTrue(e.getMessage().contains("mlp `net`") && e.getMessage().contains("rmsprop"), e.getMessage());
        e = assertThrows(RunException.class,
                () -> Trainers.trainer(new Model("net", "mlp", Map.of("hidden", List.of(0L))), Task.CLASSIFICATION, 1));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
    }

    /** Every optimiser and activation the catalog offers learns XOR. */
    @Test
    void everyOptimiserAndActivationLearns() {
        FeatureMatrix train = MlpData.xor(400, 1);
        FeatureMatrix test = MlpData.xor(200, 2);
        for (String opt : List.of("adam", "adagrad", "sgd")) {
            for (String act : List.of("relu", "tanh")) {
                Map<String, Object> p = Map.of("optimizer", opt, "activation", act, "learning_rate", opt.equals("adam") ? 0.01 : 0.1);
                double acc = MlpData.accuracy(MlpData.classifier("mlp", p, train), test);
                assertTrue(acc >= 0.9, opt + "/" + act + " accuracy " + acc);
            }
        }
    }
}
