package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.features.Pipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.models.TestData;
import dev.mlx.runtime.models.Trainers;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Step;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Trainer;
import tech.tablesaw.api.Table;

/**
 * A model folder's files are checked against each other before anything is served (issue 15,
 * failure 6): one flipped bit in the model or the pipeline, or another experiment's model beside
 * this pipeline, is a clear error when the folder is loaded, never a 500 per request.
 */
class ArtifactsTest {
    @TempDir
    Path dir;

    private Path copyOfPen() throws IOException {
        Path src = Repo.module("src/test/resources/serve/pen");
        for (String f : List.of("serving.json", "model.tribuo", "model.tribuo.pipeline")) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static void flipABit(Path file, int at) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= 0x04;
        Files.write(file, b);
    }

    @Test
    void anIntactFolderLoads() throws IOException {
        Served.load(copyOfPen());
    }

    @Test
    void oneFlippedBitInTheModelIsRefused() throws IOException {
        Path d = copyOfPen();
        flipABit(d.resolve("model.tribuo"), 3000);
        RunException e = assertThrows(RunException.class, () -> Served.load(d));
        assertTrue(e.getMessage().contains("model file") && e.getMessage().contains("not the one its run wrote"), e.getMessage());
    }

    @Test
    void oneFlippedBitInThePipelineIsRefused() throws IOException {
        Path d = copyOfPen();
        flipABit(d.resolve("model.tribuo.pipeline"), 200);
        RunException e = assertThrows(RunException.class, () -> Served.load(d));
        assertTrue(e.getMessage().contains("pipeline file") && e.getMessage().contains("changed or replaced"), e.getMessage());
    }

    @Test
    void anotherExperimentsModelBesideThisPipelineIsRefused() throws IOException {
        Path d = copyOfPen();
        // another experiment: its own features (x1, x2, x3) and model, written the way a run writes them
        Table t = TestData.classification(90, 3, 5);
        FittedPipeline other = Pipeline.fit(List.of(new Step.Scale(List.of("x1", "x2", "x3"), Step.Scaling.STANDARDIZE)), t,
                "label", null, Task.CLASSIFICATION);
        @SuppressWarnings({"unchecked", "rawtypes"})
        org.tribuo.Model<?> m = ((Trainer) Trainers.trainer(new Model("logistic", "logistic", Map.of()), Task.CLASSIFICATION, 3))
                .train(Datasets.dataset(other.transform(t), Task.CLASSIFICATION));
        Path elsewhere = dir.resolve("other").resolve("model.tribuo");
        Export.tribuo(m, other, elsewhere);
        Files.copy(elsewhere, d.resolve("model.tribuo"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // against the recorded hashes
        RunException hashed = assertThrows(RunException.class, () -> Served.load(d));
        assertTrue(hashed.getMessage().contains("not the one its run wrote"), hashed.getMessage());
        // and without them (a user who copied files around and rewrote serving.json): the features disagree
        RunException features = assertThrows(RunException.class, () -> Export.load(d.resolve("model.tribuo")));
        assertTrue(features.getMessage().contains("are from different runs"), features.getMessage());
    }

    @Test
    void aFolderWithoutChecksumsIsRefused() throws IOException {
        Path d = copyOfPen();
        String json = Files.readString(d.resolve("serving.json")).replaceAll(",\\s*\"(pipeline_)?sha256\": \"[0-9a-f]+\"", "");
        Files.writeString(d.resolve("serving.json"), json);
        RunException e = assertThrows(RunException.class, () -> Served.load(d));
        assertTrue(e.getMessage().contains("records no checksums"), e.getMessage());
    }
}
