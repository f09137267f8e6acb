package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 columns of data stay readable: the column table folds after its first rows, the correlation
 * heatmap keeps the most correlated columns, and the page stays small.
 */
class WideDataReportTest {
    @Test
    void fiveHundredColumnsFoldAndStaySmall(@TempDir Path dir) throws Exception {
        int columns = 500;
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            csv.append("x").append(c).append(',');
        }
        csv.append("label\n");
        for (int r = 0; r < 120; r++) {
            double signal = random.nextGaussian();
            for (int c = 0; c < columns; c++) {
                double v = c % 50 == 0 ? signal + random.nextGaussian() * 0.1 : random.nextGaussian();
                csv.append(String.format(java.util.Locale.ROOT, "%.3f", v)).append(',');
            }
            csv.append(signal > 0 ? "up" : "down").append('\n');
        }
        Files.writeString(dir.resolve("wide.csv"), csv.toString());
        Files.writeString(dir.resolve("wide.mlx"), """
                experiment wide "Do 500 columns fit on one page?" {
                  scope { task classification; target label }
                  data { source csv "wide.csv"; split holdout 25% stratified seed 1 }
                  review { summary; correlations pearson; balance }
                  models { baseline }
                  evaluate { cv 2 folds; metrics accuracy; select best by accuracy }
                }
                """);
        SourceFile file = SourceFile.read(dir.resolve("wide.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult r = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        Path out = dir.resolve("out");
        int exit = ExperimentCompiler.runInProcess(ExperimentCompiler.compile(Planner.plan(file, r, "test")), dir,
                new String[] {"--out", out.toString()});
        assertEquals(0, exit);
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 3_000_000, "under 3 MB: " + html.length());
        assertTrue(html.contains("Show all " + (columns + 1) + " rows"), "the column table folds");
        assertTrue(html.contains("The " + DataSections.MAX_HEATMAP + " of " + columns + " numeric columns"),
                "the heatmap keeps the most correlated columns and says so");
        Report model = ReportBuilder.build(dev.mlx.runtime.result.RunJson.read(out.resolve("run.json")));
        Chart.Heatmap heatmap = model.sections().get(2).blocks().stream().filter(b -> b instanceof Report.ChartBlock)
                .map(b -> ((Report.ChartBlock) b).chart()).filter(c -> c instanceof Chart.Heatmap).map(c -> (Chart.Heatmap) c)
                .findFirst().orElseThrow();
        assertEquals(DataSections.MAX_HEATMAP, heatmap.rows().size());
        assertTrue(heatmap.rows().stream().anyMatch(l -> l.text().equals("x0")) && heatmap.rows().stream()
                .anyMatch(l -> l.text().equals("x450")), "the correlated columns are the ones kept");
    }
}
