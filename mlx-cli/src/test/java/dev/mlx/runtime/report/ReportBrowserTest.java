package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.testing.Repo;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example's report opened in a real browser: Debian's headless Chromium, driven by
 * playwright-core (src/test/browser/check-report.cjs), from file:// with the network cut off. No
 * console errors, no failed or outside requests, every section and nav entry there, every chart
 * drawn with visible shapes; a full-page screenshot lands in target/report-screenshots/.
 */
class ReportBrowserTest {
    static final Path SHOTS = Repo.module("target/report-screenshots");

    @TestFactory
    Stream<DynamicTest> everyExampleReportRendersInChromiumOffline() throws Exception {
        Path chromium = Tools.chromium();
        Path playwright = Tools.npmPackage("playwright-core", "package.json");
        Files.createDirectories(SHOTS);
        Stream<DynamicTest> examples = ExampleRuns.names().stream().map(name -> DynamicTest.dynamicTest(name,
                () -> check(chromium, playwright, name, ExampleRuns.out(name).resolve("report.html"))));
        // the flagship once served: online results, drift and a retrain decision, as report and retrain add them
        DynamicTest served = DynamicTest.dynamicTest("penguins, served", () -> {
            Path dir = Files.createDirectories(ExampleRuns.ROOT.resolve("penguins-served"));
            RunResult run = RunJson.read(ExampleRuns.out("penguins").resolve("run.json"));
            Path html = dir.resolve("report.html");
            Files.writeString(html, ReportRenderer.render(ServedRun.of(run)));
            JsonObject result = check(chromium, playwright, "penguins-served", html);
            List<String> captions = new ArrayList<>();
            for (JsonElement c : result.getAsJsonArray("charts")) {
                captions.add(c.getAsJsonObject().get("caption").getAsString());
            }
            assertTrue(captions.stream().anyMatch(c -> c.startsWith("PSI per input column")), "the drift chart is drawn: " + captions);
        });
        return Stream.concat(examples, Stream.of(served));
    }

    private static JsonObject check(Path chromium, Path playwright, String name, Path report) throws Exception {
        Path html = report.toAbsolutePath();
        Path shot = SHOTS.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Tools.Result r = Tools.run(List.of("node", Repo.module("src/test/browser/check-report.cjs").toAbsolutePath().toString(),
                chromium.toString(), html.toString(), shot.toString()),
                Map.of("NODE_PATH", playwright.getParent().getParent().toString()), 180);
        assertEquals(0, r.exit(), "the browser check ran: " + r.err());
        JsonObject result = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(0, result.getAsJsonArray("console").size(), "console errors: " + result.get("console"));
        assertEquals(0, result.getAsJsonArray("pageErrors").size(), "page errors: " + result.get("pageErrors"));
        assertEquals(0, result.getAsJsonArray("failed").size(), "failed requests: " + result.get("failed"));
        assertEquals(0, result.getAsJsonArray("external").size(), "requests off the page: " + result.get("external"));
        List<String> ids = new ArrayList<>();
        for (JsonElement s : result.getAsJsonArray("sections")) {
            ids.add(s.getAsJsonObject().get("id").getAsString());
            assertTrue(s.getAsJsonObject().get("text").getAsInt() > 20, "section has content: " + s);
        }
        assertEquals(ReportGoldenTest.SECTIONS, ids, "every section, in order");
        List<String> nav = new ArrayList<>();
        result.getAsJsonArray("nav").forEach(n -> nav.add(n.getAsString().substring(1)));
        assertEquals(ReportGoldenTest.SECTIONS, nav, "the nav links every section");
        assertEquals(0, result.get("stillHidden").getAsInt(), "every folded table opens with its toggle ("
                + result.get("folded") + " folded)");
        assertTrue(result.getAsJsonArray("charts").size() >= 4, name + " draws its charts: " + result.get("charts"));
        for (JsonElement c : result.getAsJsonArray("charts")) {
            JsonObject chart = c.getAsJsonObject();
            assertTrue(chart.get("width").getAsDouble() > 0 && chart.get("height").getAsDouble() > 0, "chart laid out: " + chart);
            assertTrue(chart.get("shapes").getAsInt() > 0, "chart drawn, not empty: " + chart);
        }
        assertTrue(Files.size(shot) > 10_000, "full-page screenshot saved: " + shot);
        return result;
    }
}
