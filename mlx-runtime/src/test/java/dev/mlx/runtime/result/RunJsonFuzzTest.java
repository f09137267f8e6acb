package dev.mlx.runtime.result;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.report.ReportRenderer;
import java.nio.charset.StandardCharsets;

/**
 * Any text as run.json, the way {@code mlx report} reads it: a run read strictly and rendered as
 * the report, or a {@link RunException} naming the problem, never another exception. Seeds in
 * {@code src/test/resources/dev/mlx/runtime/result/RunJsonFuzzTestInputs/runJson/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn test -pl mlx-runtime -Dtest='RunJsonFuzzTest'}.
 */
class RunJsonFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void runJson(byte[] data) {
        RunResult run;
        try {
            run = RunJson.read(new String(data, StandardCharsets.UTF_8));
        } catch (InvalidRunJson | RunException e) {
            // what `mlx report` shows as `error: FILE: $.path: problem`
            assertNotNull(e.getMessage());
            return;
        }
        assertFalse(ReportRenderer.render(run).isEmpty());
    }
}
