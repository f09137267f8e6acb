package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run that stopped early has a report too: every section present, the verdict saying why it
 * stopped, and the sections the run never reached saying so instead of failing to render.
 */
class PartialRunReportTest {
    @Test
    void aRunStoppedByItsChecksStillGetsEveryPageSection() throws Exception {
        JsonObject run = Reports.read(ExampleRuns.out("iris").resolve("run.json"));
        for (String key : List.of("split", "features", "inspect", "evaluation", "provenance", "explain", "exports")) {
            run.remove(key);
        }
        run.addProperty("status", "failed checks");
        run.getAsJsonArray("checks").get(0).getAsJsonObject().addProperty("status", "fail");
        Report report = ReportBuilder.build(run);
        assertEquals(ReportGoldenTest.SECTIONS, report.sections().stream().map(Report.Section::id).toList());
        assertEquals("fail", report.tone());
        String html = Reports.render(report);
        assertTrue(html.contains("Stopped before training: the data failed 1 check."), "the verdict says why");
        assertTrue(html.contains("Nothing was trained"), "the models section says nothing was trained");
        assertTrue(html.contains("not reached"), "unreached sections say so");
    }
}
