package dev.mlx.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlx.runtime.base.RunException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Any bytes as a pipeline file: read back as a pipeline or refused with a {@link RunException},
 * never another exception, a hang or a stack overflow; what is read writes back and reads again
 * to the same thing. Seeds in {@code src/test/resources/dev/mlx/runtime/features/PipelineFileFuzzTestInputs/pipelineFile/};
 * to fuzz: {@code JAZZER_FUZZ=1 mvn test -pl mlx-runtime -Dtest='PipelineFileFuzzTest'}.
 */
class PipelineFileFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void pipelineFile(byte[] data) {
        FittedFeatures p;
        try {
            p = PipelineFile.read(new ByteArrayInputStream(data), "fuzz.pipeline");
        } catch (RunException e) {
            assertNotNull(e.getMessage());
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertNotNull(p.featureNames());
        StringWriter once = new StringWriter();
        try {
            PipelineFile.write(p, once);
            StringWriter twice = new StringWriter();
            PipelineFile.write(PipelineFile.read(once.toString(), "again"), twice);
            assertEquals(once.toString(), twice.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
