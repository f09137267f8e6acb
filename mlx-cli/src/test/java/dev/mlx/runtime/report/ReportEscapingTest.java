package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.cli.Main;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile experiment end to end: a column, category values and strings of the .mlx file that are
 * {@code <script>alert(1)</script>} must show as text in the report, never become markup. And
 * {@code mlx report} re-renders a run, and refuses what is not a run.json with a message.
 */
class ReportEscapingTest {
    static final String EVIL = "<script>alert(1)</script>";

    @Test
    void scriptInColumnsCategoriesAndStringsShowsAsText(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("id,\"" + EVIL + "\",colour,label\n");
        for (int r = 0; r < 80; r++) {
            String colour = r % 4 == 0 ? EVIL : r % 4 == 1 ? "red & \"blue\"" : r % 4 == 2 ? "green" : "it's";
            csv.append(r).append(',').append(r % 10 + (r % 2) * 3).append(',').append('"').append(colour.replace("\"", "\"\""))
                    .append('"').append(',').append(r % 2 == 0 ? EVIL : "plain").append('\n');
        }
        Files.writeString(dir.resolve("evil.csv"), csv.toString());
        String mlx = """
                experiment evil "Does %1$s stay text?" {
                  scope { task classification; target label; positive "%1$s" }
                  data { source csv "evil.csv"; id id; split holdout 25%% stratified seed 3 }
                  review { summary; balance; sample 5; plot bar colour }
                  checks { label in {"%1$s", "plain"}; rows >= 10 }
                  features { onehot colour; standardize `%1$s` }
                  models { baseline; logistic { epochs 5 } }
                  evaluate { cv 3 folds stratified; metrics accuracy, f1; select best by f1 }
                  explain { importance permutation; lime rows 1, 2 }
                }
                """.formatted(EVIL);
        Files.writeString(dir.resolve("evil.mlx"), mlx);
        SourceFile file = SourceFile.read(dir.resolve("evil.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult r = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        ExperimentCompiler.Compiled c = ExperimentCompiler.compile(Planner.plan(file, r, "test"));
        Path out = dir.resolve("out");
        int exit = ExperimentCompiler.runInProcess(c, dir, new String[] {"--out", out.toString()});
        assertTrue(exit == 0 || exit == 1, "the run reached a status: " + exit);
        String runJson = Files.readString(out.resolve("run.json"));
        assertTrue(runJson.contains(EVIL), "the hostile text reaches run.json");
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains(EVIL), "no hostile text unescaped in the page");
        assertFalse(html.contains("<script>alert"), "no script element from the data");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile text is shown, escaped");
        assertEquals(1, html.split("<script", -1).length - 1, "the page's only script is its own print helper");
        assertTrue(html.contains("red &amp; &quot;blue&quot;") || html.contains("red &amp; \"blue\""), "quotes and ampersands escaped");

        // mlx report re-renders the same page from run.json.
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Path again = dir.resolve("again.html");
        int code = Main.run(new String[] {"report", out.resolve("run.json").toString(), "-o", again.toString()},
                new PrintWriter(o), new PrintWriter(e));
        assertEquals(0, code, e.toString());
        assertEquals(html, Files.readString(again, StandardCharsets.UTF_8));
    }

    @Test
    void reportRefusesWhatIsNotARunJson(@TempDir Path dir) throws Exception {
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{ not json");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"hello\": 1}");
        for (Path p : new Path[] {notJson, other, dir.resolve("missing.json")}) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = Main.run(new String[] {"report", p.toString(), "-o", dir.resolve("x.html").toString()}, new PrintWriter(o),
                    new PrintWriter(e));
            assertEquals(1, code, e.toString());
            assertTrue(e.toString().startsWith("error: "), e.toString());
            assertFalse(e.toString().contains("\tat ") || e.toString().contains("internal error"), e.toString());
        }
        assertFalse(Files.exists(dir.resolve("x.html")));
    }
}
