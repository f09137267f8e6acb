package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every example's report is valid HTML by the Nu Html Checker (vnu.jar, from the npm package vnu-jar). */
class ReportValidityTest {
    @Test
    void everyExampleReportIsValidHtml() throws Exception {
        Path vnu = Tools.npmPackage("vnu-jar", "build/dist/vnu.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                vnu.toString(), "--errors-only", "--format", "gnu"));
        for (String name : ExampleRuns.names()) {
            cmd.add(ExampleRuns.out(name).resolve("report.html").toAbsolutePath().toString());
        }
        Tools.Result r = Tools.run(cmd, Map.of(), 300);
        assertEquals(0, r.exit(), "vnu found errors:\n" + r.out() + r.err());
    }
}
