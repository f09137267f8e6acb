package dev.mlx.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.Split;
import dev.mlx.runtime.base.Folds;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.data.RowKeys;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.testing.Repo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The penguins example on both engines (Spark in local mode): the same checks, the same holdout and fold
 * rows, the same learned statistics, and metrics within the tolerances of issue 17.
 */
class SparkEngineTest {
    private static Experiments.Compiled penguins;
    private static RunResult local;
    private static RunResult spark;
    private static int sparkExit;
    private static String console;
    private static SparkRun sparkRun;
    private static Path sparkOut;

    @BeforeAll
    static void runBoth(@TempDir Path out) {
        penguins = Experiments.compile(Repo.module("src/test/resources/penguins-spark.mlx"));
        assertEquals(0, penguins.runLocally(out.resolve("local")), "the local engine runs it");
        local = RunJson.read(out.resolve("local/run.json"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sparkOut = out.resolve("spark");
        sparkRun = new SparkRun(penguins.spec(), Experiments.spark(), penguins.base(), sparkOut,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        sparkExit = sparkRun.run();
        console = bytes.toString(StandardCharsets.UTF_8);
        spark = RunJson.read(out.resolve("spark/run.json"));
        assertTrue(Files.exists(out.resolve("spark/report.html")), "the report is written beside run.json");
    }

    @Test
    void theRunPassesAndSaysWhereItRan() {
        assertEquals(0, sparkExit, console);
        assertEquals(local.status(), spark.status());
        assertEquals("spark", spark.environment().engine());
        assertEquals("local[2]", spark.environment().cluster().get("master"));
        assertTrue(spark.environment().cluster().get("spark").startsWith("4."), spark.environment().cluster().toString());
    }

    @Test
    void checksAndCountsAreExactlyTheLocalEngines() {
        assertEquals(local.checks(), spark.checks());
        assertEquals(local.data().rows(), spark.data().rows());
        assertEquals(local.data().rowsWithoutTarget(), spark.data().rowsWithoutTarget());
        assertEquals(local.split(), spark.split());
        assertEquals(local.evaluation().classes(), spark.evaluation().classes());
        assertEquals(local.evaluation().cv().sizes(), spark.evaluation().cv().sizes());
    }

    @Test
    void holdoutAndFoldsHoldTheSameRows() {
        Experiment e = penguins.spec();
        Table table = DataLoader.load(e.data(), penguins.base());
        table = table.dropWhere(table.column("species").isMissing());
        Split.Rows rows = Split.rows(table, e.data(), "species", true);
        Set<Long> localHoldout = ids(table, rows.test());

        List<String> columns = e.data().columns().stream().map(c -> c.name()).toList();
        Dataset<Row> data = SparkData.load(Experiments.spark(), e.data(), penguins.base()).where("species is not null");
        Dataset<Row> marked = SparkSplit.holdout(SparkSplit.hashed(data, columns, e.data().id(), e.data().split().seed()),
                "species", true, e.data().split().holdout(), "holdout");
        Set<Long> sparkHoldout = new TreeSet<>();
        marked.where("holdout").select("penguin_id").collectAsList().forEach(r -> sparkHoldout.add(r.getLong(0)));
        assertEquals(localHoldout, sparkHoldout);

        Table train = table.rows(rows.train());
        String[] strata = new String[train.rowCount()];
        for (int i = 0; i < strata.length; i++) {
            strata[i] = train.stringColumn("species").get(i);
        }
        RowKeys.Hashes h = RowKeys.forFolds(train, e.data(), e.seed());
        List<Set<Long>> localFolds = new ArrayList<>();
        for (int[] f : Folds.split(h.key(), h.tie(), 3, strata)) {
            localFolds.add(ids(train, f));
        }
        Dataset<Row> folded = SparkSplit.folds(marked.where("not holdout").drop("holdout"), columns, e.data().id(), e.seed(),
                "species", true, 3, "fold");
        List<Set<Long>> sparkFolds = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            Set<Long> ids = new TreeSet<>();
            folded.where("fold = " + f).select("penguin_id").collectAsList().forEach(r -> ids.add(r.getLong(0)));
            sparkFolds.add(ids);
        }
        assertEquals(localFolds, sparkFolds);
    }

    @Test
    void learnedStatisticsAgree() {
        List<FeaturesLearned.Step> l = local.features().steps();
        List<FeaturesLearned.Step> s = spark.features().steps();
        assertEquals(l.size(), s.size(), s.toString());
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof FeaturesLearned.Standardize ls) {
                FeaturesLearned.Standardize ss = (FeaturesLearned.Standardize) s.get(i);
                for (int c = 0; c < ls.columns().size(); c++) {
                    close(ls.columns().get(c).mean(), ss.columns().get(c).mean(), 1e-9);
                    close(ls.columns().get(c).std(), ss.columns().get(c).std(), 1e-9);
                }
            } else {
                assertEquals(l.get(i), s.get(i), "medians, fills and categories are exact");
            }
        }
        assertEquals(local.features().count(), spark.features().count());
    }

    @Test
    void metricsAgreeWithinTheTolerances() {
        for (Evaluation.ModelScores lm : local.evaluation().models()) {
            Evaluation.ModelScores sm = spark.evaluation().models().stream().filter(m -> m.name().equals(lm.name()))
                    .findFirst().orElseThrow();
            assertEquals(null, sm.error(), sm.name());
            for (String metric : List.of("accuracy", "macro_f1")) {
                double tol = lm.kind().equals("baseline") ? 1e-12 : 0.03;
                Evaluation.CvSummary lc = lm.cv().get(metric);
                Evaluation.CvSummary sc = sm.cv().get(metric);
                double se = lc.sd() == null ? 0 : lc.sd() / Math.sqrt(3);
                assertTrue(Math.abs(lc.mean() - sc.mean()) <= Math.max(tol, 2 * se),
                        lm.name() + " cv " + metric + ": local " + lc.mean() + ", spark " + sc.mean());
                double h = lm.kind().equals("baseline") ? 1e-12 : lm.kind().equals("logistic") ? 0.03 : 0.05;
                assertTrue(Math.abs(lm.holdout().get(metric) - sm.holdout().get(metric)) <= h,
                        lm.name() + " holdout " + metric + ": local " + lm.holdout().get(metric) + ", spark "
                                + sm.holdout().get(metric));
            }
        }
    }

    /**
     * Served without Spark: every model of the ladder (baseline, logistic, a tree, a forest, a perceptron),
     * exported with the features Spark fitted, scores the holdout in the ordinary runtime as Spark does.
     */
    @Test
    void exportedModelsScoreTheHoldoutAsSparkDoes(@TempDir Path dir) {
        List<String> models = spark.evaluation().models().stream().map(Evaluation.ModelScores::name).toList();
        assertEquals(List.of("baseline", "logistic", "tree", "forest", "net"), models);
        ServedAgreement.assertScoresAgree(penguins, sparkRun, spark, models, List.of("penguin_id"), dir);
    }

    @Test
    void theSelectedModelIsServedWithoutSpark() {
        String selected = spark.evaluation().selection().selected();
        assertEquals(selected, dev.mlx.runtime.serve.Served.load(sparkOut).primary().name());
        assertEquals(1, spark.exports().size(), spark.exports().toString());
        assertTrue(!console.contains("not exported"), console);
    }

    private static Set<Long> ids(Table t, int[] rows) {
        Set<Long> ids = new TreeSet<>();
        for (int r : rows) {
            ids.add(t.longColumn("penguin_id").get(r));
        }
        return ids;
    }

    private static void close(Double expected, Double actual, double relative) {
        assertTrue(Math.abs(expected - actual) <= relative * Math.max(1, Math.abs(expected)), expected + " vs " + actual);
    }
}
