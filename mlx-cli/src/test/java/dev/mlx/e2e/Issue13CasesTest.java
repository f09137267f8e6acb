package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per case of issue 13 ("what `mlx check` passes runs"), each named for its case: a file
 * the checker passes runs to the end, and one the run could not finish is refused by the checker
 * with the code the issue asks for. All in process, on tables written by the test.
 */
class Issue13CasesTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run mlx(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path table(String name, String header, int rows, IntFunction<String> row) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** check must be clean; then the run, whose run.json is returned after asserting its status. */
    private JsonObject checkAndRun(Path mlx, String status) throws IOException {
        Run c = mlx("check", mlx.toString());
        assertEquals(Main.OK, c.code(), "check:\n" + c.all() + "\n" + Files.readString(mlx));
        Path out = dir.resolve("out-" + mlx.getFileName());
        Run r = mlx("run", mlx.toString(), "--out", out.toString());
        assertTrue(Files.exists(out.resolve("run.json")), "no run.json:\n" + r.all());
        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        assertEquals(status, run.get("status").getAsString(), "run:\n" + r.all());
        return run;
    }

    private static Run refused(Path mlx, String code) {
        Run c = mlx("check", "--format", "short", mlx.toString());
        assertEquals(Main.ERRORS, c.code(), c.all());
        assertTrue(c.all().contains("error[" + code + "]"), "expected " + code + ":\n" + c.all());
        return c;
    }

    private static Path out(Path mlx, Path dir) {
        return dir.resolve("out-" + mlx.getFileName());
    }

    @Test
    void initOnPenguinsWithAnIdChecksAndRunsWithoutADropIdConflict() throws IOException {
        Path mlx = dir.resolve("penguins.mlx");
        Run i = mlx("init", Path.of("examples/penguins/data/penguins.csv").toAbsolutePath().toString(), "--target", "species",
                "-o", mlx.toString());
        assertEquals(Main.OK, i.code(), i.all());
        String text = Files.readString(mlx);
        assertTrue(text.contains("id penguin_id"), text);
        assertFalse(text.matches("(?s).*drop[^\n]*penguin_id.*"), "the id is not dropped as well:\n" + text);
        JsonObject run = checkAndRun(mlx, "passed");
        assertEquals(344, run.getAsJsonObject("data").get("rows").getAsInt(), "every row read");
    }

    @Test
    void aPercentParameterStandsForThatShareInTheSplit() throws IOException {
        table("p.csv", "x,y", 100, i -> i + "," + (i % 2 == 0 ? "a" : "b"));
        Path mlx = file("percent.mlx", """
                experiment percent {
                  params { holdout = 20% }
                  scope { task classification; target y }
                  data { source csv "p.csv"; split holdout $holdout seed 3 }
                  models { baseline }
                  evaluate { holdout }
                }
                """);
        JsonObject split = checkAndRun(mlx, "passed").getAsJsonObject("split");
        assertEquals(20, split.get("holdout").getAsInt(), "20% of 100 rows, not 2000%");
        assertEquals(80, split.get("train").getAsInt());
    }

    @Test
    void aTableOfFiveThousandColumnsCompilesAndRuns() throws IOException {
        int columns = 5_000;
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            header.append("feature_").append(c).append(',');
        }
        header.append("label");
        Random random = new Random(13);
        table("wide.csv", header.toString(), 30, i -> {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                row.append(random.nextInt(10)).append(',');
            }
            return row.append(i % 2 == 0 ? "even" : "odd").toString();
        });
        Path mlx = file("wide.mlx", """
                experiment wide {
                  scope { task classification; target label }
                  data { source csv "wide.csv"; split holdout 20% stratified }
                  features { standardize all numeric }
                  models { baseline; logistic }
                  evaluate { holdout }
                }
                """);
        JsonObject run = checkAndRun(mlx, "passed");
        assertEquals(columns + 1, run.getAsJsonObject("data").get("columns").getAsInt());
    }

    @Test
    void aTargetWithOneRowPerClassIsRefusedWithOrWithoutAHoldout() throws IOException {
        table("one.csv", "name,age", 6, i -> "person" + i + "," + (30 + i));
        Path stratified = file("stratified.mlx", """
                experiment one {
                  scope { task classification; target name }
                  data { source csv "one.csv"; split holdout 20% stratified }
                  models { baseline }
                  evaluate { holdout }
                }
                """);
        assertTrue(refused(stratified, "MLX0508").all().contains("stratified holdout"));
        Path none = file("none.mlx", """
                experiment one {
                  scope { task classification; target name }
                  data { source csv "one.csv"; split none }
                  models { baseline }
                  evaluate { cv 3 folds }
                }
                """);
        assertTrue(refused(none, "MLX0508").all().contains("single row"));
    }

    @Test
    void aTargetMissingInEveryRowIsMlx0501() throws IOException {
        table("blank.csv", "x,y", 20, i -> i + ",");
        Path mlx = file("blank.mlx", """
                experiment blank {
                  scope { task regression; target y }
                  data { source csv "blank.csv" }
                  models { baseline }
                }
                """);
        assertTrue(refused(mlx, "MLX0501").all().contains("missing in every row"));
    }

    @Test
    void mlx0603ComparesWithTheMajorityBaselineAndSparesABalancedFiveClassTarget() throws IOException {
        // 18% in the smallest of five classes: balanced enough, no warning
        table("five.csv", "x,y", 100, i -> i + "," + "abcde".charAt(i < 18 ? 0 : 1 + (i - 18) % 4));
        Path balanced = file("five.mlx", """
                experiment five {
                  scope { task classification; target y; metric accuracy }
                  data { source csv "five.csv" }
                  models { baseline }
                }
                """);
        Run c = mlx("check", "--format", "short", balanced.toString());
        assertEquals(Main.OK, c.code(), c.all());
        assertFalse(c.all().contains("MLX0603"), c.all());
        // 4% in one class: the warning names the majority class and what always predicting it scores
        table("skewed.csv", "x,y", 100, i -> i + "," + (i < 4 ? "rare" : i < 52 ? "big" : "mid"));
        Path skewed = file("skewed.mlx", """
                experiment skewed {
                  scope { task classification; target y; metric accuracy }
                  data { source csv "skewed.csv" }
                  models { baseline }
                }
                """);
        Run w = mlx("check", skewed.toString());
        assertTrue(w.all().contains("warning[MLX0603]"), w.all());
        assertTrue(w.all().contains("always predicting the most common class \"big\" scores 48.0% accuracy"), w.all());
        assertFalse(w.all().contains("always predicting the others"), w.all());
    }

    @Test
    void aYesNoTargetKeepsItsWordsFromCheckToPredictions() throws IOException {
        Random random = new Random(21);
        table("churn.csv", "tenure,charges,churned", 200, i -> {
            int tenure = random.nextInt(60);
            boolean churned = tenure < 12 ? random.nextInt(10) < 7 : random.nextInt(10) < 1;
            return tenure + "," + String.format(Locale.ROOT, "%.2f", 20 + random.nextDouble() * 80) + "," + (churned ? "yes" : "no");
        });
        Path mlx = file("churn.mlx", """
                experiment churn {
                  scope { task classification; target churned; positive "yes"; metric f1 }
                  data { source csv "churn.csv"; split holdout 25% stratified seed 5 }
                  checks { share(churned == "yes") >= 5% }
                  features { standardize tenure, charges }
                  models { baseline; logistic }
                  evaluate { cv 3 folds; metrics f1, accuracy }
                }
                """);
        long yes = Files.readAllLines(dir.resolve("churn.csv")).stream().filter(l -> l.endsWith(",yes")).count();
        JsonObject run = checkAndRun(mlx, "passed");
        JsonObject check = run.getAsJsonArray("checks").get(0).getAsJsonObject();
        assertEquals("pass", check.get("status").getAsString(), check.toString());
        double percent = 100.0 * yes / 200;
        String share = percent == Math.rint(percent) ? (long) percent + "%" : String.format(Locale.ROOT, "%.1f%%", percent);
        assertEquals("observed " + share, check.get("observed").getAsString(), "the run counts the rows written yes");
        assertEquals("yes", run.getAsJsonObject("evaluation").get("positive").getAsString());
        Set<String> predicted = new TreeSet<>();
        List<String> lines = Files.readAllLines(out(mlx, dir).resolve("predictions.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int column = header.indexOf("predicted");
        for (String line : lines.subList(1, lines.size())) {
            predicted.add(line.split(",")[column]);
        }
        assertTrue(Set.of("yes", "no").containsAll(predicted) && !predicted.isEmpty(), "predictions spell yes/no: " + predicted);
    }

    @Test
    void cartWithMinChildWeightZeroIsRefusedBeforeItCouldPass() throws IOException {
        table("t.csv", "x,y", 40, i -> i + "," + (i % 2));
        Path mlx = file("cart.mlx", """
                experiment cart {
                  scope { task regression; target y }
                  data { source csv "t.csv" }
                  models { baseline; cart tree { min_child_weight 0 } }
                }
                """);
        assertTrue(refused(mlx, "MLX0313").all().contains("min_child_weight"));
    }

    @Test
    void knnAsksForAtMostTheRowsOfTheSmallestFold() throws IOException {
        // 12 rows, no holdout, 3 folds: every fold trains on 8 rows
        table("small.csv", "x,y", 12, i -> i + "," + (i % 3 == 0 ? "a" : "b"));
        String text = """
                experiment small {
                  scope { task classification; target y }
                  data { source csv "small.csv"; split none }
                  features { standardize x }
                  models { baseline; knn near { k K } }
                  evaluate { cv 3 folds }
                }
                """;
        assertTrue(refused(file("k9.mlx", text.replace("k K", "k 9")), "MLX0313").all().contains("8 rows"));
        checkAndRun(file("k8.mlx", text.replace("k K", "k 8")), "passed");
    }

    @Test
    void tuningKOfKnnStaysWithinTheRowsOfTheSmallestFold() throws IOException {
        // 12 rows, no holdout, 3 folds for the search and the evaluation: every fit has 8 rows
        table("tuned.csv", "x,y", 12, i -> i + "," + (i % 3 == 0 ? "a" : "b"));
        String text = """
                experiment tuned {
                  scope { task classification; target y }
                  data { source csv "tuned.csv"; split none }
                  features { standardize x }
                  models { baseline; knn near; tune near { k in RANGE } trials 4 search grid cv 3 folds }
                  evaluate { cv 3 folds }
                }
                """;
        assertTrue(refused(file("t9.mlx", text.replace("RANGE", "1..9")), "MLX0313").all().contains("8 rows"));
        assertTrue(refused(file("c9.mlx", text.replace("RANGE", "[2, 9]")), "MLX0313").all().contains("8 rows"));
        checkAndRun(file("t8.mlx", text.replace("RANGE", "5..8")), "passed");
    }

    @Test
    void splitNoneCrossValidatesAllRowsAndFitsTheFinalModelOnThem() throws IOException {
        Random random = new Random(8);
        table("cv.csv", "a,b,y", 90, i -> String.format(Locale.ROOT, "%.3f,%.3f,%s", i % 3 + random.nextGaussian() * 0.4,
                random.nextGaussian(), "pqr".charAt(i % 3)));
        Path mlx = file("cv.mlx", """
                experiment cv {
                  scope { task classification; target y; metric accuracy; require accuracy >= 0.5 }
                  data { source csv "cv.csv"; split none }
                  features { standardize a, b }
                  models { baseline; logistic }
                  evaluate { cv 5 folds stratified; metrics accuracy }
                  explain { importance permutation }
                }
                """);
        JsonObject run = checkAndRun(mlx, "passed");
        JsonObject split = run.getAsJsonObject("split");
        assertEquals("none", split.get("how").getAsString());
        assertEquals(0, split.get("holdout").getAsInt());
        JsonObject evaluation = run.getAsJsonObject("evaluation");
        assertEquals(90, evaluation.get("train_rows").getAsInt(), "the final models are fitted on every row");
        int validated = 0;
        for (JsonElement f : evaluation.getAsJsonObject("cv").getAsJsonArray("sizes")) {
            validated += f.getAsJsonObject().get("validation_rows").getAsInt();
        }
        assertEquals(90, validated, "every row is validated once");
        String selected = evaluation.getAsJsonObject("selection").get("selected").getAsString();
        JsonObject model = null;
        for (JsonElement m : evaluation.getAsJsonArray("models")) {
            if (m.getAsJsonObject().get("name").getAsString().equals(selected)) {
                model = m.getAsJsonObject();
            }
        }
        assertTrue(model != null && model.getAsJsonObject("holdout").size() == 0, "no holdout scores: " + model);
        double mean = model.getAsJsonObject("cv").getAsJsonObject("accuracy").get("mean").getAsDouble();
        JsonArray gates = evaluation.getAsJsonArray("gates");
        assertEquals("cv", gates.get(0).getAsJsonObject().get("on").getAsString());
        assertEquals(mean, gates.get(0).getAsJsonObject().get("observed").getAsDouble(), 1e-12, "the gate reads the CV mean");
        Path out = out(mlx, dir);
        assertTrue(Files.exists(out.resolve("model.tribuo")));
        // Out of fold: every row once, predicted by the fold model that held it out. The folds are equal
        // (90 rows, 5 stratified folds of 6 per class), so the accuracy of the file is the CV mean exactly;
        // the final model, fitted on every row, would score its own training rows instead.
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("row,actual,predicted,p(p),p(q),p(r)", lines.get(0));
        Set<String> rows = new TreeSet<>();
        int right = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            rows.add(cells[0]);
            right += cells[1].equals(cells[2]) ? 1 : 0;
        }
        assertEquals(90, rows.size(), "every row once: " + rows);
        assertEquals(90, lines.size() - 1);
        assertEquals(mean, right / 90.0, 1e-9, "predictions.csv is the folds' predictions");
        int confused = 0;
        for (JsonElement r : model.getAsJsonObject("confusion").getAsJsonArray("matrix")) {
            for (JsonElement n : r.getAsJsonArray()) {
                confused += n.getAsInt();
            }
        }
        assertEquals(90, confused, "run.json's confusion matrix counts every row, out of fold");
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("No holdout"), "the report says there is no holdout");
        assertFalse(report.contains("holdout rows it never saw"), "and shows no holdout section");
        assertTrue(report.contains("Confusion matrix out of fold"), "the report shows the out-of-fold confusion matrix");
        // the run's console (the in-process jar prints to System.out): the leaderboard has no holdout column
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            mlx("run", mlx.toString(), "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        String leaderboard = console.toString(StandardCharsets.UTF_8);
        assertTrue(leaderboard.contains("accuracy (cv, no holdout)"), leaderboard);
        assertFalse(leaderboard.matches("(?s).*\\(cv\\)\\s+holdout.*"), "no empty holdout column:\n" + leaderboard);
    }

    @Test
    void splitNoneOnARegressionWritesOutOfFoldPredictionsAndResiduals() throws IOException {
        Random random = new Random(3);
        table("reg.csv", "a,b,y", 60, i -> {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            return String.format(Locale.ROOT, "%.4f,%.4f,%.4f", a, b, 3 * a - b + random.nextGaussian() * 0.3);
        });
        Path mlx = file("reg.mlx", """
                experiment reg {
                  scope { task regression; target y; metric rmse }
                  data { source csv "reg.csv"; split none }
                  features { standardize a, b }
                  models { baseline; linear }
                  evaluate { cv 4 folds; metrics rmse }
                }
                """);
        JsonObject run = checkAndRun(mlx, "passed");
        JsonObject linear = null;
        for (JsonElement m : run.getAsJsonObject("evaluation").getAsJsonArray("models")) {
            if (m.getAsJsonObject().get("name").getAsString().equals("linear")) {
                linear = m.getAsJsonObject();
            }
        }
        assertTrue(linear != null && linear.has("residuals") && linear.getAsJsonArray("pairs").size() == 60, "" + linear);
        List<String> lines = Files.readAllLines(out(mlx, dir).resolve("predictions.csv"));
        assertEquals("row,actual,predicted", lines.get(0));
        assertEquals(61, lines.size(), "every row once");
        String report = Files.readString(out(mlx, dir).resolve("report.html"));
        assertTrue(report.contains("Residuals out of fold"), "the report shows the out-of-fold residuals");
    }
}
