package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlx.runtime.base.RunException;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Any bytes as a model file beside a good pipeline: {@link Export#load} gives a model or a
 * {@link RunException}, never another exception (Tribuo's protobuf reader, LIBLINEAR's Java
 * serialisation under the filter, the feature check). Seeds in
 * {@code src/test/resources/dev/mlx/runtime/models/ModelFileFuzzTestInputs/modelFile/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn test -pl mlx-runtime -Dtest='ModelFileFuzzTest'}.
 */
class ModelFileFuzzTest {
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            Path d = Files.createTempDirectory("mlx-model-fuzz");
            Files.copy(Repo.module("src/test/resources/serve/pen/model.tribuo.pipeline"), d.resolve("model.tribuo.pipeline"),
                    StandardCopyOption.REPLACE_EXISTING);
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void modelFile(byte[] data) throws IOException {
        Path file = DIR.resolve("model.tribuo");
        Files.write(file, data);
        try {
            assertNotNull(Export.load(file).model());
        } catch (RunException e) {
            assertNotNull(e.getMessage());
        }
    }
}
