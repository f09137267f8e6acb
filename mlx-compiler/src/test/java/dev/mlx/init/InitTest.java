package dev.mlx.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.catalog.Task;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class InitTest {
    /** The column to predict in each example; a new example without an entry predicts its last column. */
    private static final Map<String, String> TARGETS = Map.of("penguins", "species", "cars", "miles_per_gallon",
            "iris", "species", "breast-cancer", "diagnosis", "seattle-weather", "weather", "text", "party");

    @TempDir
    Path dir;

    private Starter.Result init(Path csv, String target, Task task) throws Exception {
        return Starter.write(new Starter.Request(csv, target, task, dir));
    }

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** Parses the text as a file in the temp folder: zero diagnostics of any kind, or the test fails with them. */
    private static ExperimentNode parseClean(String text, Path at) {
        SourceFile file = new SourceFile(at.toString(), at, text);
        List<Diagnostic> found = new ArrayList<>();
        Parsing.Result r = Parsing.parse(file, found::add);
        if (!found.isEmpty()) {
            fail("init output does not parse cleanly:\n" + render(found) + "\n" + text);
        }
        assertNotNull(r.experiment());
        return r.experiment();
    }

    /** Runs the full checker, data included: no errors and no warnings. */
    private static void checkClean(String text, Path at) {
        SourceFile file = new SourceFile(at.toString(), at, text);
        Diagnostics diags = new Diagnostics(file);
        Checker.check(file, CheckOptions.defaults(), diags);
        if (!diags.isEmpty()) {
            fail("init output does not check cleanly:\n" + render(diags.sorted()) + "\n" + text);
        }
    }

    private static String render(List<Diagnostic> ds) {
        HumanRenderer h = new HumanRenderer(false);
        StringBuilder sb = new StringBuilder();
        ds.forEach(d -> sb.append(h.render(d)));
        return sb.toString();
    }

    // ------------------------------------------------------------------ every example

    @TestFactory
    Stream<DynamicTest> everyExampleCsvInitsToAFileThatChecksClean() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            files = s.filter(Files::isDirectory).flatMap(d -> {
                try (Stream<Path> data = Files.list(d.resolve("data"))) {
                    return data.filter(p -> p.toString().endsWith(".csv")).toList().stream();
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no example data found: run the tests from the project folder");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String example = f.getParent().getParent().getFileName().toString();
            tests.add(DynamicTest.dynamicTest(example, () -> {
                String target = TARGETS.get(example);
                if (target == null) {
                    List<String> header = List.of(Files.readAllLines(f).get(0).split(","));
                    target = header.get(header.size() - 1);
                }
                Path out = dir.resolve(example + ".mlx");
                String text = init(f, target, null).text();
                parseClean(text, out);
                checkClean(text, out);
            }));
            tests.add(DynamicTest.dynamicTest(example + " (clustering)", () -> {
                Path out = dir.resolve(example + "-clusters.mlx");
                String text = init(f, null, Task.CLUSTERING).text();
                ExperimentNode e = parseClean(text, out);
                assertNotNull(e.first(BlockKind.MODELS, Stmt.class));
                checkClean(text, out);
            }));
        }
        return tests.stream();
    }

    @Test
    void theSourcePathIsRelativeToTheOutputFolder() throws Exception {
        Path data = Files.createDirectories(dir.resolve("project/data"));
        Path csv = data.resolve("sales.csv");
        Files.writeString(csv, "region,amount\nnorth,10\nsouth,12\nnorth,9\nsouth,30\nnorth,7\nsouth,11\n");
        Starter.Result r = Starter.write(new Starter.Request(csv, "amount", null, dir.resolve("project")));
        ExperimentNode e = parseClean(r.text(), dir.resolve("project/sales.mlx"));
        assertEquals("data/sales.csv", e.first(BlockKind.DATA, Stmt.CsvSource.class).path().value());
        Starter.Result up = Starter.write(new Starter.Request(csv, "amount", null, dir.resolve("elsewhere")));
        assertTrue(up.text().contains("source csv \"../project/data/sales.csv\""), up.text());
        checkClean(r.text(), dir.resolve("project/sales.mlx"));
    }

    // ------------------------------------------------------------------ awkward names

    @Test
    void awkwardColumnNamesAreQuotedAndRoundTrip() throws Exception {
        List<String> columns = List.of("monthly charges", "a/b", "x.y", "na\u00efve", "nai\u0308ve", "2nd", "rows",
                "\"quoted\"", "back`tick", "back\\slash", "true", "false", "source", "unique", "in", "with", "top",
                "s", "day", "when", "churned?");
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ",").append('"').append(c.replace("\"", "\"\"")).append('"');
        }
        sb.append('\n');
        for (int i = 0; i < 40; i++) {
            sb.append(50 + i * 1.5).append(',').append(i % 7).append(',').append(i % 3 == 0 ? "p.q" : "r s")
                    .append(',').append(i).append(',').append(i * 2).append(',').append(i / 2.0).append(',')
                    .append(i % 5).append(',').append(i % 2 == 0 ? "\"say \"\"hi\"\"\"" : "plain").append(',')
                    .append(i % 4).append(',').append(i % 6).append(',').append(i).append(',').append(i % 3)
                    .append(',').append(i).append(',').append(i % 9).append(',').append(i).append(',')
                    .append(i % 8 == 0 ? "" : String.valueOf(i)).append(',').append(i).append(',').append(i)
                    .append(',').append(2000 + i % 20).append("-01-0").append(1 + i % 9).append(',').append(i % 2)
                    .append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path csv = csv("awkward data.csv", sb.toString());
        Starter.Result r = init(csv, "churned?", null);
        Path out = dir.resolve("awkward.mlx");
        ExperimentNode e = parseClean(r.text(), out);

        assertEquals("awkward_data", e.name().text());
        Set<String> named = new LinkedHashSet<>();
        collectNames(e, named);
        for (String c : columns) {
            assertTrue(named.contains(c), "column `" + c + "` does not round-trip; names read back: " + named
                    + "\n" + r.text());
        }
        assertTrue(r.text().contains("`monthly charges`"), r.text());
        assertTrue(r.text().contains("`back\\`tick`"), r.text());
        assertTrue(r.text().contains("`back\\\\slash`"), r.text());
        assertTrue(r.text().contains(" na\u00efve"), "a Unicode letter needs no backticks");
        assertTrue(r.text().contains("`nai\u0308ve`"), "a combining mark is not a letter");
        assertTrue(r.text().contains("`rows` in "), r.text());
        assertTrue(r.text().contains("\"say \\\"hi\\\"\""), "string values escape their quotes");
        checkClean(r.text(), out);
    }

    @Test
    void everyKeywordAsAColumnNameRoundTrips() throws Exception {
        List<String> keywords = Parsing.keywords();
        StringBuilder sb = new StringBuilder(String.join(",", keywords)).append(",label\n");
        for (int i = 0; i < 30; i++) {
            for (int k = 0; k < keywords.size(); k++) {
                sb.append((i * (k + 1)) % 7).append(',');
            }
            sb.append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Path csv = csv("keywords.csv", sb.toString());
        String text = init(csv, "label", null).text();
        Path out = dir.resolve("keywords.mlx");
        ExperimentNode e = parseClean(text, out);
        Set<String> named = new LinkedHashSet<>();
        collectNames(e, named);
        // Past the first few, numeric columns are named by no statement but picked by `all numeric`.
        SourceFile file = new SourceFile(out.toString(), out, text);
        Checker.check(file, CheckOptions.defaults(), new Diagnostics(file)).selections().values()
                .forEach(named::addAll);
        for (String k : keywords) {
            assertTrue(named.contains(k), "keyword column `" + k + "` does not round-trip:\n" + text);
        }
        checkClean(text, out);
    }

    /** The columns the selector of the first {@code kind} statement picked, as the checker resolved them. */
    private static List<String> selected(String text, Path at, String kind) {
        SourceFile file = new SourceFile(at.toString(), at, text);
        CheckResult r = Checker.check(file, CheckOptions.defaults(), new Diagnostics(file));
        for (Stmt st : r.experiment().section(BlockKind.FEATURES).statements()) {
            if (st instanceof Stmt.Transform t && t.kind().text().equals(kind) && t.selector() != null) {
                return r.selected(t.selector());
            }
        }
        return fail("no `" + kind + " all ...` in:\n" + text);
    }

    /** Every name anywhere in the tree, unquoted, plus string values in sets (they name categories). */
    private static void collectNames(Object node, Set<String> out) throws Exception {
        if (node instanceof Name n) {
            out.add(n.text());
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                collectNames(o, out);
            }
        } else if (node != null && node.getClass().isRecord() && !(node instanceof Value.Str)) {
            for (RecordComponent rc : node.getClass().getRecordComponents()) {
                collectNames(rc.getAccessor().invoke(node), out);
            }
        }
    }

    // ------------------------------------------------------------------ task guessing

    private static final String MIXED = """
            id,plan,churned,stars,spend,tenure,joined,flag
            1,basic,no,1,10.5,3,2024-01-01,true
            2,pro,yes,2,20.25,40,2024-01-02,false
            3,basic,no,3,30,77,2024-01-03,true
            4,plus,no,4,15.5,12,2024-01-04,false
            5,basic,yes,5,12,90,2024-01-05,false
            6,pro,no,1,80,23,2024-01-06,true
            7,basic,no,2,44.5,61,2024-01-07,false
            8,plus,no,3,9.75,15,2024-01-08,false
            9,pro,yes,4,60,8,2024-01-09,false
            10,basic,no,5,21,31,2024-01-10,false
            11,plus,no,1,33,45,2024-01-11,false
            12,basic,no,2,17,52,2024-01-12,true
            """;

    private String scope(String text, Class<? extends Stmt> type) {
        ExperimentNode e = parseClean(text, dir.resolve("x.mlx"));
        Stmt s = e.first(BlockKind.SCOPE, type);
        if (s instanceof Stmt.Task t) {
            return t.task().text();
        }
        if (s instanceof Stmt.Metric m) {
            return m.metric().text();
        }
        if (s instanceof Stmt.Positive p) {
            return ((Value.Str) p.value()).value();
        }
        return s == null ? null : s.toString();
    }

    @Test
    void theTaskIsGuessedFromTheTarget() throws Exception {
        Path csv = csv("mixed.csv", MIXED);
        String category = init(csv, "plan", null).text();
        assertEquals("classification", scope(category, Stmt.Task.class));
        assertEquals("macro_f1", scope(category, Stmt.Metric.class));
        assertEquals(null, scope(category, Stmt.Positive.class), "no positive class for three classes");

        String binary = init(csv, "churned", null).text();
        assertEquals("classification", scope(binary, Stmt.Task.class));
        assertEquals("f1", scope(binary, Stmt.Metric.class));
        assertEquals("yes", scope(binary, Stmt.Positive.class), "the minority class is the positive one");

        String fewIntegers = init(csv, "stars", null).text();
        assertEquals("classification", scope(fewIntegers, Stmt.Task.class));
        assertTrue(fewIntegers.contains("stars: category"), "a label written as numbers is declared a category");

        String bool = init(csv, "flag", null).text();
        assertEquals("classification", scope(bool, Stmt.Task.class));
        assertEquals("true", scope(bool, Stmt.Positive.class));

        String number = init(csv, "spend", null).text();
        assertEquals("regression", scope(number, Stmt.Task.class));
        assertEquals("rmse", scope(number, Stmt.Metric.class));
        assertFalse(number.contains("stratified"), "no stratified split or folds for regression");
        assertFalse(number.contains("balance"));
        assertTrue(number.contains("linear lr") && !number.contains("logistic"), number);

        String manyIntegers = init(csv, "tenure", null).text();
        assertEquals("regression", scope(manyIntegers, Stmt.Task.class));

        String forced = init(csv, "stars", Task.REGRESSION).text();
        assertEquals("regression", scope(forced, Stmt.Task.class));

        for (String text : List.of(category, binary, fewIntegers, bool, number, manyIntegers, forced)) {
            assertTrue(text.contains("id id") && !text.contains("drop id") && text.contains("unique id"),
                    "the id is set aside by `id`, not dropped as well: " + text);
            assertTrue(text.contains("joined: date \"yyyy-MM-dd\""), text);
            checkClean(text, dir.resolve("x.mlx"));
        }
    }

    @Test
    void clusteringNeedsNoTarget() throws Exception {
        String text = init(csv("mixed.csv", MIXED), null, Task.CLUSTERING).text();
        assertEquals("clustering", scope(text, Stmt.Task.class));
        assertEquals("silhouette", scope(text, Stmt.Metric.class));
        assertTrue(text.contains("kmeans km { k 2..8 }"), text);
        assertTrue(text.contains("metrics silhouette, wcss"), text);
        assertFalse(text.contains("leakage"), "leakage needs a target");
        checkClean(text, dir.resolve("x.mlx"));
    }

    @Test
    void targetsThatFitNoTaskAreClearErrors() throws Exception {
        Path csv = csv("mixed.csv", MIXED);
        assertEquals("no column `Plan` in `mixed.csv`; did you mean `plan`? (columns: id, plan, churned, stars, "
                        + "spend, tenure, joined, flag)",
                assertThrows(Starter.InitException.class, () -> init(csv, "Plan", null)).getMessage());
        assertTrue(assertThrows(Starter.InitException.class, () -> init(csv, "joined", null)).getMessage()
                .contains("is a date"));
        assertTrue(assertThrows(Starter.InitException.class, () -> init(csv, "plan", Task.REGRESSION)).getMessage()
                .startsWith("regression needs a numeric target"));
        assertTrue(assertThrows(Starter.InitException.class, () -> init(csv, null, null)).getMessage()
                .startsWith("--target is required"));
        assertTrue(assertThrows(Starter.InitException.class, () -> init(csv("one.csv", "a,b\nx,1\nx,2\n"), "a", null))
                .getMessage().contains("only one value"));
    }

    @Test
    void markersSeenInTheDataAreDeclaredMissing() throws Exception {
        Path csv = csv("q.csv", "a,b,y\n1,x,0.5\n?,y,1.5\n3,x,2.5\n4,?,3.5\n5,y,4\n");
        String text = init(csv, "y", null).text();
        assertTrue(text.contains("missing \"\", \"NA\", \"?\""), text);
        assertTrue(text.contains("missing(a) <= "), "`a` is numeric once `?` is missing:\n" + text);
        assertTrue(text.contains("impute all numeric with median") && text.contains("impute all categorical with mode"),
                text);
        checkClean(text, dir.resolve("x.mlx"));
    }

    @Test
    void gapsInEveryKindOfColumnAreFilledAndTheDelimiterKept() throws Exception {
        StringBuilder sb = new StringBuilder("note;active;seen;shop;price;label\n");
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
        for (int i = 0; i < 60; i++) {
            String note = i % 10 == 0 ? "" : words[i % 8] + " " + words[(i * 3) % 8] + " " + words[(i * 5) % 8] + " again";
            sb.append(note).append(';').append(i % 11 == 0 ? "" : i % 2 == 0 ? "true" : "false").append(';')
                    .append(i % 13 == 0 ? "" : "2023-0" + (1 + i % 9) + "-1" + (i % 10)).append(';')
                    .append("shop").append(i % 30).append(';').append((i * 37) % 100 / 10.0).append(';')
                    .append("abc".charAt(i % 3)).append('\n');
        }
        String text = init(csv("gaps.csv", sb.toString()), "label", null).text();
        assertTrue(text.contains("source csv \"gaps.csv\" delimiter \";\""), text);
        assertTrue(text.contains("impute active, seen with mode"), text);
        assertTrue(text.contains("impute all text with \"\""), text);
        assertTrue(text.contains("dateparts seen -> year, month, weekday"), text);
        assertTrue(text.indexOf("standardize all numeric") > text.indexOf("dateparts seen"),
                "the date's parts are scaled with the other numbers:\n" + text);
        assertTrue(text.contains("onehot shop top 20"), text);
        assertTrue(text.contains("tfidf note max 500"), text);
        assertEquals(List.of("price", "seen_year", "seen_month", "seen_weekday"),
                selected(text, dir.resolve("gaps.mlx"), "standardize"));
        checkClean(text, dir.resolve("gaps.mlx"));
    }

    @Test
    void tinyDataIsCrossValidatedOnEveryRowWithFewerFolds() throws Exception {
        String text = init(csv("tiny.csv", "x,y\n1,2.5\n2,3.5\n3,1.5\n4,0.5\n"), "y", null).text();
        assertTrue(text.contains("split none"), text);
        assertTrue(text.contains("cv 4 folds"), text);
        checkClean(text, dir.resolve("tiny.mlx"));
    }

    @Test
    void theSplitFollowsTheTableSizeCrossValidationBelowAThousandRows() throws Exception {
        StringBuilder small = new StringBuilder("x,y\n");
        StringBuilder large = new StringBuilder("x,y\n");
        for (int i = 0; i < 1_000; i++) {
            (i < 999 ? small : large).append(i).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        large.append(small.substring(4)); // the same 999 rows and one more
        String below = init(csv("below.csv", small.toString()), "y", null).text();
        assertTrue(below.contains("split none"), below);
        assertTrue(below.contains("cv 5 folds stratified"), below);
        checkClean(below, dir.resolve("below.mlx"));
        String from = init(csv("from.csv", large.toString()), "y", null).text();
        assertTrue(from.contains("split holdout 20% stratified seed 42"), from);
        assertFalse(from.contains("split none"), from);
        // a target whose every class has one row keeps a holdout: no fold could learn the class it scores
        String unique = init(csv("unique.csv", "name,age\nada,36\nbob,41\ncy,29\ndee,52\neve,33\nfay,47\n"), "name", null).text();
        assertFalse(unique.contains("split none"), unique);
    }

    @Test
    void rangesAreWidenedAndRounded() {
        assertEquals(170, ChecksBlock.roughHalf(344));
        assertEquals(1600, ChecksBlock.roughHalf(3232));
        assertEquals(75, ChecksBlock.roughHalf(150));
        assertEquals(1, ChecksBlock.roughHalf(1));
    }

    // ------------------------------------------------------------------ tables nobody tuned for

    /** A seeded table: {@code rows} rows of {@code columns.apply(row)}, a header first. */
    private Path table(String name, String header, int rows, java.util.function.IntFunction<String> row)
            throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        return csv(name, sb.toString());
    }

    @Test
    void theLeakageGateStopsOnlyANearPerfectFeature() throws Exception {
        // 3 classes, one strong feature (wine's flavanoids scores AUC 0.952 and must not stop the run).
        java.util.Random r = new java.util.Random(7);
        Path csv = table("chem.csv", "a,b,cultivar", 300, i -> (i % 3 + r.nextGaussian() * 0.4) + ","
                + r.nextGaussian() + "," + "xyz".charAt(i % 3));
        String text = init(csv, "cultivar", null).text();
        assertTrue(text.contains("leakage below 0.999"), text);
        assertFalse(text.contains("leakage below 0.95\n"), text);
        checkClean(text, dir.resolve("chem.mlx"));

        // On a small table even a perfect score can be chance: no leakage gate at all.
        String small = init(table("small.csv", "a,y", 60, i -> i + "," + (i % 2 == 0 ? "p" : "q")), "y", null).text();
        assertFalse(small.contains("leakage"), small);
        // Clustering has no target to leak.
        assertFalse(init(csv, null, Task.CLUSTERING).text().contains("leakage"));
    }

    @Test
    void constantColumnsAreDroppedNotScaledOrChecked() throws Exception {
        // Image-like: blank pixel columns (all 0), one with nothing at all, and ink in the others.
        Path csv = table("pixels.csv", "pixel_0_0,pixel_0_1,pixel_1_0,pixel_1_1,blank,digit", 120,
                i -> "0," + (i * 7 % 16) + ",0," + (i * 5 % 16) + ",," + i % 4);
        String text = init(csv, "digit", null).text();
        assertTrue(text.contains("drop blank, pixel_0_0, pixel_1_0"), "the all-missing column, then the constant ones:\n" + text);
        assertFalse(text.contains("pixel_0_0 in"), "no range check on a constant column:\n" + text);
        assertFalse(text.contains("no constant"), text);
        assertEquals(List.of("pixel_0_1", "pixel_1_1"), selected(text, dir.resolve("pixels.mlx"), "standardize"));
        checkClean(text, dir.resolve("pixels.mlx"));
    }

    @Test
    void manyDateColumnsAreSplitByOneSelector() throws Exception {
        Path few = table("few.csv", "opened,closed,amount,kind", 120,
                i -> "2020-01-" + (10 + i % 18) + ",2021-03-" + (10 + i % 17) + "," + (i * 7 % 50) + "," + "AB".charAt(i % 2));
        String fewText = init(few, "kind", null).text();
        assertTrue(fewText.contains("dateparts opened -> year, month, weekday")
                && fewText.contains("dateparts closed -> year, month, weekday"), fewText);
        Path many = table("many.csv", "d1,d2,d3,d4,d5,amount,kind", 120,
                i -> "2020-01-1" + i % 9 + ",2020-02-1" + i % 7 + ",2020-03-1" + i % 5 + ",2020-04-1" + i % 8 + ",2020-05-1"
                        + i % 6 + "," + (i * 7 % 50) + "," + "AB".charAt(i % 2));
        String text = init(many, "kind", null).text();
        assertTrue(text.contains("dateparts all date -> year, month, weekday"), text);
        assertFalse(text.contains("dateparts d1"), text);
        assertEquals(List.of("amount", "d1_year", "d1_month", "d1_weekday", "d2_year", "d2_month", "d2_weekday",
                "d3_year", "d3_month", "d3_weekday", "d4_year", "d4_month", "d4_weekday", "d5_year", "d5_month", "d5_weekday")
                .stream().sorted().toList(), selected(text, dir.resolve("many.mlx"), "standardize").stream().sorted().toList());
        checkClean(text, dir.resolve("many.mlx"));
    }

    @Test
    void aUniqueNameColumnIsAnIdHoweverManyValuesItHas() throws Exception {
        // 1,500 distinct package names: past the profile's cap of distinct values, still all different.
        Path csv = table("packages.csv", "package,description,downloads,license", 1500,
                i -> "pkg" + Integer.toString(i * 7919 % 100_000, 36) + ",\"a tool for " + (i % 17) + " and "
                        + (i % 13) + " things\"," + (i * 31 % 997) + "," + "ABC".charAt(i % 3));
        String text = init(csv, "license", null).text();
        assertFalse(text.contains("onehot package"), text);
        assertTrue(text.contains("id package") && text.contains("unique package"), text);
        checkClean(text, dir.resolve("packages.mlx"));
    }

    @Test
    void theNetworkFitsItsInputs() {
        assertEquals("{hidden=[32]}", ModelBlocks.network(1_200, 2).params().toString()); // at least 32 units
        assertEquals("{hidden=[100]}", ModelBlocks.network(1_797, 61).params().toString()); // digits: scikit-learn's 100
        assertEquals("{hidden=[80]}", ModelBlocks.network(5_000, 40).params().toString());
        assertEquals("{hidden=[100], epochs=50}", ModelBlocks.network(15_000, 300).params().toString()); // 4.5 million cells
    }

    @Test
    void theLadderFitsTheTablesShape() throws Exception {
        // Text: the linear model and a tree, no ensembles over thousands of sparse terms.
        Path text = table("reviews.csv", "review,stars", 300, i -> "\"great " + (i % 11) + " item, would "
                + (i % 2 == 0 ? "buy" : "return") + " again " + (i % 7) + "\"," + (i % 2 == 0 ? "good" : "bad"));
        String t = init(text, "stars", null).text();
        assertTrue(t.contains("logistic lr") && t.contains("tfidf review max 500"), t);
        assertFalse(t.contains("forest") || t.contains("xgboost") || t.contains("mlp"), t);
        checkClean(t, dir.resolve("reviews.mlx"));

        // Wide: lighter forests, no network.
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < 600; c++) {
            header.append("g").append(c).append(',');
        }
        Path wide = table("wide.csv", header + "tissue", 80, i -> {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < 600; c++) {
                row.append((i * 31 + c * 17) % 101 / 10.0).append(',');
            }
            return row.append("kl".charAt(i % 2)).toString();
        });
        String w = init(wide, "tissue", null).text();
        assertTrue(w.contains("forest rf { trees 50 }") && !w.contains("mlp"), w);
        assertTrue(w.contains("// and 570 more numeric columns, left unchecked"), w);
        checkClean(w, dir.resolve("wide.mlx"));

        // Enough rows and few columns: the whole ladder with the network, 5 folds.
        Path mid = table("mid.csv", "x,z,y", 1200, i -> (i % 37) + "," + (i * 13 % 101) + "," + (i % 5 == 0 ? "a" : "b"));
        String m = init(mid, "y", null).text();
        assertTrue(m.contains("forest rf { trees 100 }") && m.contains("mlp net { hidden [32] }") && m.contains("cv 5 folds"), m);

        // Tall: 3 folds, no network.
        Path tall = table("tall.csv", "x,y", 25_000, i -> (i % 101) + "," + (i % 97) / 10.0);
        String tl = init(tall, "y", null).text();
        assertTrue(tl.contains("cv 3 folds") && !tl.contains("mlp") && tl.contains("forest rf { trees 50 }"), tl);
        checkClean(tl, dir.resolve("tall.mlx"));
    }
}
