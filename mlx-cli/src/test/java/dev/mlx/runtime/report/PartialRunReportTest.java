package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run that stopped early has a report too: every section present, the verdict saying why it
 * stopped, and the sections the run never reached saying so instead of failing to render.
 */
class PartialRunReportTest {
    @Test
    void aRunStoppedByItsChecksStillGetsEveryPageSection() throws Exception {
        JsonObject run = JsonParser.parseString(Files.readString(ExampleRuns.out("iris").resolve("run.json"))).getAsJsonObject();
        for (String key : List.of("split", "features", "inspect", "evaluation", "provenance", "explain", "exports")) {
            run.remove(key);
        }
        run.addProperty("status", "failed checks");
        run.getAsJsonArray("checks").get(0).getAsJsonObject().addProperty("status", "fail");
        Report report = ReportBuilder.build(RunJson.decode(run, RunResult.class));
        assertEquals(ReportGoldenTest.SECTIONS, report.sections().stream().map(Report.Section::id).toList());
        assertEquals("fail", report.tone());
        String html = ReportRenderer.render(report);
        assertTrue(html.contains("Stopped before training: the data failed 1 check."), "the verdict says why");
        assertTrue(html.contains("Nothing was trained"), "the models section says nothing was trained");
        assertTrue(html.contains("not reached"), "unreached sections say so");
    }
}
