package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion and hover in context, in process: `|` marks the position. The files are deliberately
 * half-written (blocks left open, statements cut off), as they are while someone types.
 */
class CompletionTest {
    static final String HEAD = """
            experiment churn "Which customers will cancel?" {
              scope {
                task classification
                target churned
              }
              data {
                source csv "DATA"
                id customer_id
              }
            """;

    @TempDir
    Path dir;

    private Path data() throws IOException {
        Path csv = dir.resolve("customers.csv");
        Files.writeString(csv, "customer_id,age,monthly fee,plan,churned\n1,30,10.5,basic,yes\n2,,20.25,pro,no\n"
                + "3,45,15,basic,no\n4,52,30,family,yes\n", StandardCharsets.UTF_8);
        return csv;
    }

    private record At(SourceFile file, Snapshot snap, Facts facts, int offset) {
    }

    private At at(String text) throws IOException {
        data();
        String full = text.replace("DATA", "customers.csv");
        int offset = full.indexOf('|');
        full = full.substring(0, offset) + full.substring(offset + 1);
        SourceFile file = new SourceFile("t.mlx", dir.resolve("t.mlx"), full);
        Snapshot snap = new Snapshot(1, file);
        Analysis a = new Analyzer(new ProfileStore(4, 60_000)).analyze(snap, null);
        return new At(file, snap, Facts.of(snap.tree() != null ? snap.tree() : a.tree(), a.data(),
                a.result() == null ? java.util.Map.of() : a.result().selections()), offset);
    }

    private List<String> complete(String text) throws IOException {
        At at = at(text);
        return Completions.at(at.file, at.offset, at.snap, at.facts, false).stream().map(CompletionItem::getLabel).toList();
    }

    private String hover(String text) throws IOException {
        At at = at(text);
        Hover h = Hovers.at(at.file, at.offset, at.snap, at.facts);
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void blockNamesAtTheTopLevel() throws IOException {
        List<String> labels = complete(HEAD + "  |\n");
        assertTrue(labels.containsAll(List.of("params", "review", "features", "models", "evaluate", "report")), labels.toString());
        assertFalse(labels.contains("xgboost"));
    }

    @Test
    void modelKindsForTheTaskInAnOpenModelsBlock() throws IOException {
        List<String> labels = complete(HEAD + "  models {\n    base|");
        assertTrue(labels.containsAll(List.of("baseline", "logistic", "xgboost", "tune")), labels.toString());
        assertFalse(labels.contains("linear"), "regression only");
        assertFalse(labels.contains("kmeans"), "clustering only");
    }

    @Test
    void hyperparametersWithTypeRangeDefault() throws IOException {
        At at = at(HEAD + "  models {\n    xgboost xgb { trees 100, |\n");
        List<CompletionItem> items = Completions.at(at.file, at.offset, at.snap, at.facts, false);
        CompletionItem eta = items.stream().filter(i -> i.getLabel().equals("eta")).findFirst().orElseThrow();
        assertEquals("a number in 0.0001..1, default 0.3", eta.getDetail());
        assertTrue(items.stream().noneMatch(i -> i.getLabel().equals("trees")), "already set");
        assertEquals(List.of("relu", "tanh"), complete(HEAD + "  models {\n    mlp net { activation |"));
    }

    @Test
    void tunedModelsHyperparametersAndNames() throws IOException {
        String models = HEAD + "  models {\n    forest rf { trees 50 }\n    cart tree\n";
        List<String> labels = complete(models + "    tune rf { |");
        assertTrue(labels.contains("fraction_features") && labels.contains("trees"), labels.toString());
        assertEquals(List.of("rf", "tree"), complete(models + "    tune |"));
        assertEquals(List.of("rf", "tree"), complete(models + "  }\n  feedback { abtest rf vs |"));
    }

    @Test
    void metricsForTheTask() throws IOException {
        List<String> labels = complete(HEAD + "  evaluate { metrics accuracy, |");
        assertTrue(labels.containsAll(List.of("f1", "auc", "log_loss")), labels.toString());
        assertFalse(labels.contains("rmse"));
        String regression = HEAD.replace("task classification", "task regression").replace("target churned", "target age");
        labels = complete(regression.replace("  }\n  data", "    metric |\n  }\n  data"));
        assertTrue(labels.contains("rmse") && !labels.contains("f1"), labels.toString());
    }

    @Test
    void columnsQuotedWhenNeeded() throws IOException {
        At at = at(HEAD + "  features {\n    impute age, |\n  }\n}\n");
        List<CompletionItem> items = Completions.at(at.file, at.offset, at.snap, at.facts, false);
        assertEquals(List.of("age", "monthly fee", "plan"), items.stream().map(CompletionItem::getLabel).toList(),
                "impute takes a column of any type, but not the id or the target");
        CompletionItem fee = items.get(1);
        assertEquals("`monthly fee`", fee.getTextEdit().getLeft().getNewText());
        assertEquals("number · no missing", fee.getDetail());
        assertEquals("integer · 25.0% missing", items.get(0).getDetail());
    }

    @Test
    void afterATransformOnlyTheColumnsItAccepts() throws IOException {
        assertEquals(List.of("age", "monthly fee", "all"), complete(HEAD + "  features {\n    standardize |\n"),
                "numbers only: not the category, the id or the target");
        assertEquals(List.of("age", "plan", "all"), complete(HEAD + "  features {\n    onehot |\n"),
                "categories and whole numbers: not the fee, the id or the target");
        assertEquals(List.of("age", "monthly fee"), complete(HEAD + "  features {\n    log age, |\n"));
        List<String> dropped = complete(HEAD + "  features {\n    drop |\n");
        assertTrue(dropped.containsAll(List.of("customer_id", "plan")), "drop is not a transform: every column " + dropped);
    }

    @Test
    void columnsInChecksCallsAndSets() throws IOException {
        assertTrue(complete(HEAD + "  checks {\n    missing(|) <= 5%\n  }\n}\n").contains("age"));
        assertEquals(List.of("\"basic\"", "\"family\"", "\"pro\""),
                complete(HEAD + "  checks {\n    plan in {|}\n  }\n}\n").stream().sorted().toList());
    }

    @Test
    void valuesWithLineBreaksTabsAndQuotesAreWrittenAsTheLanguageReadsThem() throws IOException {
        Files.writeString(dir.resolve("odd.csv"), "id,plan,churned\n1,\"two\nlines\",yes\n2,tab\there,no\n"
                + "3,\"say \"\"hi\"\"\",no\n4,back\\slash,yes\n", StandardCharsets.UTF_8);
        String text = HEAD.replace("\"DATA\"", "\"odd.csv\"").replace("id customer_id", "id id")
                + "  checks {\n    plan in {|}\n  }\n}\n";
        At at = at(text);
        List<String> inserted = Completions.at(at.file, at.offset, at.snap, at.facts, false).stream()
                .map(i -> i.getTextEdit().getLeft().getNewText()).sorted().toList();
        assertEquals(List.of("\"back\\\\slash\"", "\"say \\\"hi\\\"\"", "\"tab\\there\"", "\"two\\nlines\""), inserted);
    }

    @Test
    void transformsOptionsAndChoices() throws IOException {
        assertEquals(List.of("mean", "median", "mode"), complete(HEAD + "  features {\n    impute age with |"));
        assertTrue(complete(HEAD + "  features {\n    |").containsAll(List.of("drop", "derive", "impute", "onehot")));
        assertEquals(List.of("top", "min"), complete(HEAD + "  features {\n    onehot plan |").stream().sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertEquals(List.of("grid", "random", "tpe"),
                complete(HEAD + "  models {\n    cart t\n    tune t { max_depth in 2..8 } trials 5 search |"));
    }

    @Test
    void settingsOfScopeAndData() throws IOException {
        assertEquals(List.of("classification", "regression", "clustering"),
                complete(HEAD.replace("task classification", "task |")));
        assertEquals(List.of("\"no\"", "\"yes\""),
                complete(HEAD.replace("target churned", "target churned\n    positive |")).stream().sorted().toList());
        assertEquals(List.of("number", "integer", "category", "text", "date", "boolean"),
                complete(HEAD.replace("id customer_id", "types { plan: category, age: |")));
        assertEquals(List.of("customer_id", "age", "monthly fee", "plan", "churned"),
                complete(HEAD.replace("id customer_id", "types { plan: category, |")).stream().toList().subList(0, 5));
        assertEquals(List.of("stratified", "ordered"),
                complete(HEAD.replace("id customer_id", "split holdout 20% seed 3 |")));
        List<String> require = complete(HEAD.replace("target churned", "require |"));
        assertTrue(require.contains("latency") && require.contains("auc"), require.toString());
        assertEquals(List.of("cv", "holdout"), complete(HEAD.replace("target churned", "require f1 >= 0.8 on |")));
    }

    @Test
    void blocksAlreadyWrittenAreNotOfferedAgain() throws IOException {
        List<String> labels = complete(HEAD + "  |\n}\n");
        assertFalse(labels.contains("scope") || labels.contains("data"), labels.toString());
        assertTrue(labels.contains("models"));
    }

    @Test
    void aSyntaxErrorElsewhereDoesNotStopCompletion() throws IOException {
        String broken = HEAD.replace("target churned", "target churned ==== (").replace("id customer_id", "id 12 ,,") + "  features {\n    drop |\n";
        assertTrue(complete(broken).contains("monthly fee"), complete(broken).toString());
    }

    @Test
    void nothingInsideStringsOrComments() throws IOException {
        assertEquals(List.of(), complete(HEAD + "  report \"out/|\"\n}\n"));
        assertEquals(List.of(), complete(HEAD + "  // models {|\n}\n"));
    }

    @Test
    void hoverKnowsWhatAWordIsFromWhereItStands() throws IOException {
        String models = HEAD + "  models {\n    xgboost xgb { max_depth 4 }\n    tune xgb { e|ta in 0.01..0.3 }\n  }\n}\n";
        String h = hover(models);
        assertNotNull(h);
        assertTrue(h.startsWith("**eta** (hyperparameter of `xgboost`)"), h);
        h = hover(HEAD + "  models {\n    xgboost xgb { max_d|epth 4 }\n  }\n}\n");
        assertTrue(h.contains("An integer in 1..32, default 6"), h);
        h = hover(HEAD + "  features {\n    standardize a|ge\n  }\n}\n");
        assertTrue(h.contains("missing: 1 of 4 (25.0%)") && h.contains("min 30 · max 52 · mean 42.33"), h);
        assertTrue(h.contains("integer column of `customers.csv`"), h);
        h = hover(HEAD + "  features {\n    onehot pl|an\n  }\n}\n");
        assertTrue(h.contains("top values: `basic` (2)"), h);
        h = hover(HEAD + "  mod|els {\n  }\n}\n");
        assertTrue(h.startsWith("**models** block"), h);
        h = hover(HEAD + "  evaluate { metrics a|uc }\n}\n");
        assertTrue(h.startsWith("**auc** (metric)") && h.contains("needs class probabilities"), h);
        assertNull(hover(HEAD + "  // a comm|ent\n}\n"));
        h = hover(HEAD.replace("id customer_id", "split holdout 20% strat|ified"));
        assertTrue(h.contains("split holdout 20% [stratified]") && h.contains("The holdout test set"), h);
        h = hover(HEAD + "  evaluate { cv 5 fo|lds }\n}\n");
        assertTrue(h.contains("cv 5 folds [stratified]"), h);
    }

    @Test
    void describedColumnsSayWhatTheyMeanOnHoverAndDescribeCompletesColumns() throws IOException {
        String described = HEAD.replace("id customer_id", "id customer_id\n    describe {\n      age: \"age at sign-up\" in \"years\""
                + "\n      plan: \"the plan bought\"\n    }");
        String h = hover(described + "  features {\n    standardize a|ge\n  }\n}\n");
        assertTrue(h.contains("integer column of `customers.csv`"), h);
        assertTrue(h.contains("age at sign-up (unit: years)"), h);
        assertTrue(h.contains("missing: 1 of 4 (25.0%)"), "the statistics stay: " + h);
        h = hover(described + "  features {\n    onehot pl|an\n  }\n}\n");
        assertTrue(h.contains("the plan bought") && !h.contains("unit:"), h);
        h = hover(described + "  features {\n    drop `monthly| fee`\n  }\n}\n");
        assertFalse(h.contains("age at sign-up"), "an undescribed column: " + h);
        List<String> labels = complete(HEAD.replace("id customer_id", "id customer_id\n    describe {\n      |"));
        assertTrue(labels.containsAll(List.of("age", "plan", "churned")), labels.toString());
        labels = complete(HEAD.replace("id customer_id", "id customer_id\n    describe {\n      age: \"age at sign-up\" |"));
        assertEquals(List.of("in"), labels);
        labels = complete(HEAD + "  evaluate {\n    learning |");
        assertEquals(List.of("curve"), labels);
        labels = complete(HEAD + "  evaluate {\n    learning curve 10%, 100% by |");
        assertTrue(labels.contains("f1") && !labels.contains("rmse"), labels.toString());
        labels = complete(HEAD + "  feedback {\n    online f1, |");
        assertEquals(List.of("kpi"), labels);
        labels = complete(HEAD + "  feedback {\n    online f1, kpi revenue |");
        assertEquals(List.of("max", "min", "window"), labels);
    }

    @Test
    void selectorsCompleteTheirKindsAndHoverListsTheColumnsTheyPick() throws IOException {
        List<String> labels = complete(HEAD + "  features {\n    standardize |\n");
        assertTrue(labels.contains("all") && labels.contains("age"), labels.toString());
        assertEquals(dev.mlx.check.Selectors.names(), complete(HEAD + "  features {\n    standardize all |\n"));
        labels = complete(HEAD + "  features {\n    standardize all numeric except |\n");
        assertTrue(labels.contains("monthly fee"), labels.toString());
        assertTrue(complete(HEAD + "  features {\n    standardize all numeric |\n").contains("except"));
        String h = hover(HEAD + "  features {\n    impute all numeric with median\n    standardize all num|eric\n  }\n"
                + "  models { baseline base }\n}\n");
        assertTrue(h.startsWith("**all numeric**: every number or integer column"), h);
        assertTrue(h.contains("picks 2 columns: `age`, `monthly fee`"), h);
    }
}
