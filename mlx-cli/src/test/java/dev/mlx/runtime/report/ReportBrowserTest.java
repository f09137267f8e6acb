package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            assertTrue(captions.stream().anyMatch(c -> c.startsWith("Cross-validated macro_f1 of") && c.contains("by training rows")),
                    "the learning curve is drawn: " + captions);
            String page = Files.readString(html);
            assertTrue(page.contains("Business KPI: check_minutes"), "the KPI's table");
            assertTrue(page.contains("What the columns mean") && page.contains("length of the upper bill (culmen)"),
                    "the described columns");
            assertTrue(page.contains("Intended use and limitations") && page.contains("Intended use: help field teams")
                    && page.contains("<li>measured in 2007–2009"), "the model card's intended use and limitations");
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
        layout(chromium, playwright, name, html);
        return result;
    }

    /**
     * What a careful reader sees at a wide window (1,400 px) and a narrow one (800 px): no text cut off
     * by its box or its chart, chart text at least 11 px once the chart is scaled to the page, the page
     * never wider than the window, and at 1,400 px the leaderboard whole, without scrolling sideways.
     */
    private static void layout(Path chromium, Path playwright, String name, Path html) throws Exception {
        Tools.Result r = Tools.run(List.of("node", Repo.module("src/test/browser/check-layout.cjs").toAbsolutePath().toString(),
                chromium.toString(), html.toString(), SHOTS.resolve(name).toAbsolutePath().toString(), "1400", "800"),
                Map.of("NODE_PATH", playwright.getParent().getParent().toString()), 180);
        assertEquals(0, r.exit(), "the layout check ran: " + r.err());
        for (JsonElement e : JsonParser.parseString(r.out()).getAsJsonArray()) {
            JsonObject w = e.getAsJsonObject();
            String at = name + " at " + w.get("width").getAsInt() + " px: ";
            assertEquals(0, w.get("pageOverflow").getAsInt(), at + "the page scrolls sideways");
            assertEquals(0, w.getAsJsonArray("clipped").size(), at + "text cut off: " + w.get("clipped"));
            assertEquals(0, w.getAsJsonArray("smallText").size(), at + "chart text under 11 px: " + w.get("smallText"));
            if (w.get("width").getAsInt() >= 1400) {
                for (JsonElement s : w.getAsJsonArray("scrolled")) {
                    assertFalse(s.getAsString().startsWith("models: Leaderboard"), at + "the leaderboard scrolls sideways");
                }
            }
            assertTrue(Files.size(SHOTS.resolve(name + "-" + w.get("width").getAsInt() + ".png")) > 10_000, at + "screenshot");
        }
    }
}
