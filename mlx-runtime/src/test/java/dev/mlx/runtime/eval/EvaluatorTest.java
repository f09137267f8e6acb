package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.catalog.MeasuredOn;
import dev.mlx.catalog.Percentile;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.Folds;
import dev.mlx.runtime.data.RowKeys;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.TestData;
import dev.mlx.runtime.spec.CompareOp;
import dev.mlx.runtime.spec.Evaluate;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class EvaluatorTest {
    private static final long SEED = 11;
    private static final List<String> X = List.of("x1", "x2", "x3");

    static Experiment spec(Task task, String target, String positive, String metric, List<Scope.Gate> gates,
                          List<Model> models, Evaluate evaluate) {
        return new Experiment("t", "test", null, new Scope(task, target, positive, metric, gates, null), null, null,
                List.of(), List.of(), null, models, List.of(), evaluate, null, null, null, null, SEED);
    }

    static Model m(String name, String kind, Map<String, Object> params) {
        return new Model(name, kind, params);
    }

    private static List<Model> classifiers() {
        return List.of(m("baseline", "baseline", Map.of()), m("logistic", "logistic", Map.of()),
                m("tree", "cart", Map.of("max_depth", 4L)), m("forest", "forest", Map.of("trees", 10L)),
                m("xgb", "xgboost", Map.of("trees", 10L)), m("knn", "knn", Map.of()));
    }

    private static Evaluate classificationEval(int folds) {
        return new Evaluate(folds, true, List.of("accuracy", "macro_f1", "auc", "log_loss"), Evaluate.Rule.BEST, 0.01, "macro_f1",
                List.of("group", "x1"));
    }

    /** The id column of a table, as a set. */
    private static Set<Integer> ids(Table t) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            out.add(t.intColumn("id").get(i));
        }
        return out;
    }

    @Test
    void eachFoldFitsThePipelineOnItsTrainingRowsOnly() {
        Table all = TestData.classification(150, 3, 1);
        Table train = all.inRange(0, 120);
        Table test = all.inRange(120, 150);
        List<Set<Integer>> fittedOn = new ArrayList<>();
        Function<Table, FittedPipeline> base = TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION);
        Function<Table, FittedPipeline> recording = t -> {
            fittedOn.add(ids(t));
            return base.apply(t);
        };
        Experiment e = spec(Task.CLASSIFICATION, "label", null, "macro_f1", List.of(),
                List.of(m("logistic", "logistic", Map.of())), classificationEval(4));
        EvaluationResult r = Evaluator.evaluate(e, train, test, recording);

        Set<Integer> allTrain = ids(train);
        String[] strata = new String[120];
        for (int i = 0; i < 120; i++) {
            strata[i] = train.stringColumn("label").get(i);
        }
        RowKeys.Hashes hashes = RowKeys.forFolds(train, null, SEED);
        List<int[]> folds = Folds.split(hashes.key(), hashes.tie(), 4, strata);
        Set<Set<Integer>> expected = new HashSet<>();
        expected.add(allTrain);
        for (int[] validation : folds) {
            Set<Integer> rows = new TreeSet<>(allTrain);
            Arrays.stream(validation).forEach(rows::remove);
            expected.add(rows);
        }
        assertEquals(5, fittedOn.size(), "the final fit and one per fold");
        assertEquals(expected, new HashSet<>(fittedOn));
        for (Set<Integer> s : fittedOn) {
            assertTrue(allTrain.containsAll(s), "never a test row");
        }
        assertEquals(4, r.foldSizes().size());
        assertEquals(120, r.foldSizes().stream().mapToInt(EvaluationResult.FoldSize::validationRows).sum());
        assertEquals(4, r.model("logistic").cv().get("accuracy").folds().size());
    }

    @Test
    void identicalSeedsGiveIdenticalMetrics() {
        Table all = TestData.classification(160, 3, 2);
        Experiment e = spec(Task.CLASSIFICATION, "label", null, "macro_f1", List.of(), classifiers(), classificationEval(3));
        Function<Table, FittedPipeline> fitter = TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION);
        EvaluationResult a = Evaluator.evaluate(e, all.inRange(0, 120), all.inRange(120, 160), fitter);
        EvaluationResult b = Evaluator.evaluate(e, all.inRange(0, 120), all.inRange(120, 160), fitter);
        for (ModelResult ma : a.models()) {
            ModelResult mb = b.model(ma.name());
            assertNull(ma.error(), ma.name() + ": " + ma.error());
            assertEquals(ma.holdout(), mb.holdout(), ma.name());
            assertEquals(ma.cv(), mb.cv(), ma.name());
        }
        assertEquals(withoutTimes(dev.mlx.runtime.result.RunJson.text(a.toResult())), withoutTimes(dev.mlx.runtime.result.RunJson.text(b.toResult())));
        // and a different seed changes the folds
        Experiment other = new Experiment("t", "test", null, e.scope(), null, null, List.of(), List.of(), null, e.models(),
                List.of(), e.evaluate(), null, null, null, null, SEED + 1);
        EvaluationResult c = Evaluator.evaluate(other, all.inRange(0, 120), all.inRange(120, 160), fitter);
        assertFalse(a.model("logistic").cv().get("accuracy").folds().equals(c.model("logistic").cv().get("accuracy").folds()));
    }

    /** The JSON with the measured times (which vary) removed. */
    private static JsonObject withoutTimes(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        for (JsonElement m : o.getAsJsonArray("models")) {
            m.getAsJsonObject().remove("latency_ms");
            m.getAsJsonObject().remove("train_ms");
            m.getAsJsonObject().remove("model_bytes"); // provenance carries the training time stamp
        }
        o.remove("gates");
        return o;
    }

    @Test
    void classificationResultAndItsJson() {
        Table all = TestData.classification(200, 2, 3);
        Experiment e = spec(Task.CLASSIFICATION, "label", "b", "f1",
                List.of(new Scope.MetricGate("f1 >= 0.8 on cv", "f1", CompareOp.GE, 0.8, MeasuredOn.CV),
                        new Scope.MetricGate("accuracy >= 0.999 on holdout", "accuracy", CompareOp.GE, 0.999, MeasuredOn.HOLDOUT),
                        new Scope.LatencyGate("latency p99 < 1000 ms", Percentile.P99, CompareOp.LT, 1000)),
                classifiers(), new Evaluate(3, true, List.of("accuracy", "precision", "recall", "auc", "pr_auc"), Evaluate.Rule.SIMPLEST,
                        0.05, "f1", List.of("group", "x1")));
        EvaluationResult r = Evaluator.evaluate(e, all.inRange(0, 150), all.inRange(150, 200),
                TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION));
        assertEquals(List.of("a", "b"), r.classes());
        assertEquals("b", r.positive());
        assertEquals(List.of("accuracy", "precision", "recall", "auc", "pr_auc", "f1"), r.metrics());
        ModelResult tree = r.model("tree");
        assertTrue(tree.probabilities(), "mlx's trees give their leaves' class shares");
        double treeAuc = tree.holdout().get("auc");
        assertTrue(treeAuc >= 0 && treeAuc <= 1, "a single tree's AUC: " + treeAuc);
        assertTrue(r.model("logistic").holdout().get("auc") > 0.9);
        assertTrue(r.model("baseline").holdout().get("f1") < 0.7);
        int total = Arrays.stream(r.model("xgb").confusion()).flatMapToInt(Arrays::stream).sum();
        assertEquals(50, total);
        assertNotNull(r.model("xgb").latency());
        assertEquals(200, r.model("xgb").latency().calls());
        assertTrue(r.model("xgb").modelBytes() > 0);
        // simplest within 5%: logistic beats the trees on complexity
        assertEquals("simplest", r.selection().rule());
        assertEquals("logistic", r.selection().selected(), r.selection().reason());
        assertEquals("logistic", r.selected().name());
        assertNotNull(r.selectedModel());
        assertTrue(r.gates().get(0).passed());
        assertFalse(r.gates().get(1).passed());
        assertTrue(r.gates().get(2).passed());
        assertFalse(r.passed());
        // comparisons: with the best and the baseline, on the deciding metric over the folds
        assertNull(r.model("baseline").vsBaseline());
        assertTrue(r.model("logistic").vsBaseline().difference() > 0.2);
        assertEquals(3, r.model("logistic").vsBaseline().folds());

        JsonObject j = JsonParser.parseString(dev.mlx.runtime.result.RunJson.text(r.toResult())).getAsJsonObject();
        assertEquals("classification", j.get("task").getAsString());
        assertEquals("f1", j.get("metric").getAsString());
        assertEquals("logistic", j.getAsJsonObject("selection").get("selected").getAsString());
        JsonArray models = j.getAsJsonArray("models");
        assertEquals(6, models.size());
        assertEquals("baseline", models.get(0).getAsJsonObject().get("name").getAsString());
        JsonObject treeJson = models.get(2).getAsJsonObject();
        assertEquals(treeAuc, treeJson.getAsJsonObject("holdout").get("auc").getAsDouble(), 1e-12);
        JsonObject logistic = models.get(1).getAsJsonObject();
        assertEquals(3, logistic.getAsJsonObject("cv").getAsJsonObject("f1").getAsJsonArray("folds").size());
        JsonArray roc = logistic.getAsJsonArray("roc");
        assertEquals(1, roc.size(), "binary: the positive class only");
        assertEquals("b", roc.get(0).getAsJsonObject().get("class").getAsString());
        assertTrue(roc.get(0).getAsJsonObject().getAsJsonArray("points").size() <= 200);
        assertTrue(roc.get(0).getAsJsonObject().getAsJsonArray("points").get(0).getAsJsonArray().get(2).isJsonNull());
        JsonArray slices = logistic.getAsJsonArray("slices");
        assertEquals(2, slices.size());
        int rows = 0;
        for (JsonElement g : slices.get(0).getAsJsonObject().getAsJsonArray("groups")) {
            rows += g.getAsJsonObject().get("rows").getAsInt();
        }
        assertEquals(50, rows, "the groups of a slice partition the test rows");
        JsonArray bins = slices.get(1).getAsJsonObject().getAsJsonArray("groups");
        assertEquals(4, bins.size(), "x1 is numeric with many values: quartile bins");
        assertTrue(bins.get(0).getAsJsonObject().get("value").getAsString().startsWith("["), bins.toString());
        assertFalse(j.get("passed").getAsBoolean());
    }

    @Test
    void regressionEndToEnd() {
        Table all = TestData.regression(200, 4);
        List<Model> models = List.of(m("mean", "baseline", Map.of()), m("linear", "linear", Map.of()),
                m("forest", "forest", Map.of("trees", 10L)), m("lasso", "lasso", Map.of("alpha", 0.1)));
        Experiment e = spec(Task.REGRESSION, "y", null, "rmse",
                List.of(new Scope.MetricGate("r2 >= 0.9 on holdout", "r2", CompareOp.GE, 0.9, MeasuredOn.HOLDOUT)), models,
                new Evaluate(3, false, List.of("mse", "rmse", "mae", "r2", "mape"), Evaluate.Rule.BEST, 0.01, "rmse",
                        List.of("group")));
        EvaluationResult r = Evaluator.evaluate(e, all.inRange(0, 150), all.inRange(150, 200),
                TestData.Pipeline.fitter(X, "y", Task.REGRESSION));
        assertFalse(r.model("linear").failed(), r.model("linear").error());
        assertTrue(r.model("linear").holdout().get("r2") > 0.95);
        assertTrue(r.model("mean").holdout().get("r2") < 0.05);
        assertTrue(Set.of("linear", "lasso").contains(r.selection().selected()), r.selection().toString());
        assertTrue(r.model("linear").vsBaseline().difference() < 0, "rmse: lower than the baseline's");
        assertEquals(50, r.model("linear").pairs().size());
        assertTrue(r.model("linear").residuals().containsKey("p95"));
        assertTrue(r.gates().get(0).passed());
        assertTrue(dev.mlx.runtime.result.RunJson.text(r.toResult()).contains("\"residuals\""));
    }

    @Test
    void clusteringEndToEnd() {
        Table all = TestData.blobs(180, 5);
        List<Model> models = List.of(m("km", "kmeans", Map.of("k", new long[] {2, 5})));
        Experiment e = spec(Task.CLUSTERING, "label", null, "silhouette", List.of(), models,
                new Evaluate(3, false, List.of("silhouette", "wcss", "ami", "ari"), Evaluate.Rule.BEST, 0.01, "silhouette", List.of()));
        EvaluationResult r = Evaluator.evaluate(e, all.inRange(0, 150), all.inRange(150, 180),
                TestData.Pipeline.fitter(List.of("x1", "x2"), "label", Task.CLUSTERING));
        ModelResult km = r.model("km");
        assertNull(km.error(), km.error());
        assertEquals(List.of(2, 3, 4, 5), new ArrayList<>(km.kScores().keySet()));
        assertEquals(3, km.clusterSizes().size());
        assertTrue(km.holdout().get("silhouette") > 0.7);
        assertEquals(1.0, km.holdout().get("ari"), 1e-9);
        assertEquals(1.0, km.holdout().get("ami"), 1e-9);
        assertTrue(km.cv().get("silhouette").mean() > 0.7);
        assertEquals("km", r.selection().selected());
    }

    @Test
    void aModelThatFailsIsReportedNotFatal() {
        Table all = TestData.classification(120, 2, 6);
        // standardised features are negative half the time: multinomial naive Bayes refuses them
        List<Model> models = List.of(m("baseline", "baseline", Map.of()), m("nb", "naive_bayes", Map.of()),
                m("logistic", "logistic", Map.of()));
        Experiment e = spec(Task.CLASSIFICATION, "label", null, "accuracy", List.of(), models,
                new Evaluate(0, false, List.of("accuracy"), Evaluate.Rule.BEST, 0.01, "accuracy", List.of()));
        EvaluationResult r = Evaluator.evaluate(e, all.inRange(0, 90), all.inRange(90, 120),
                TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION));
        assertTrue(r.model("nb").failed());
        assertTrue(r.model("nb").error().toLowerCase(java.util.Locale.ROOT).contains("negative"), r.model("nb").error());
        assertNull(r.model("nb").model());
        assertEquals("holdout", r.selection().on());
        assertEquals("logistic", r.selection().selected());
        JsonObject j = JsonParser.parseString(dev.mlx.runtime.result.RunJson.text(r.toResult())).getAsJsonObject();
        assertFalse(j.getAsJsonArray("models").get(1).getAsJsonObject().get("error").isJsonNull());
        assertEquals(0, j.getAsJsonObject("cv").get("folds").getAsInt());
    }
}
