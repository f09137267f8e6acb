package dev.mlx.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated 20,000-row table (no id: rows are keyed by their content) on both engines: a binary target
 * for gradient-boosted trees (binary only on MLlib) and naive Bayes (on normalized, non-negative features),
 * and a numeric target for regression.
 */
class GeneratedTableTest {
    static final int ROWS = 20_000;

    /** x1 normal with 2% missing, x2 log-normal, x3 uniform, c one of four levels, y from a logistic model, r linear. */
    static void write(Path csv, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder("x1,x2,x3,c,y,r\n");
        String[] levels = {"north", "south", "east", "west"};
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = Math.exp(0.5 * random.nextGaussian());
            double x3 = random.nextDouble() * 10;
            int c = random.nextInt(4);
            double z = 1.2 * x1 - 0.8 * x2 + 0.15 * x3 + (c == 2 ? 0.7 : 0) + 0.3 * random.nextGaussian();
            String y = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            double r = 3 * x1 + 2 * x2 - 0.5 * x3 + c + random.nextGaussian();
            b.append(random.nextDouble() < 0.02 ? "" : String.format(Locale.ROOT, "%.6f", x1)).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.6f,", x2, x3)).append(levels[c]).append(',').append(y)
                    .append(',').append(String.format(Locale.ROOT, "%.6f", r)).append('\n');
        }
        Files.writeString(csv, b, StandardCharsets.UTF_8);
    }

    private static final String BINARY = """
            experiment generated_binary "Is y yes?" {
              scope {
                task classification
                target y
                positive "yes"
                metric auc
              }
              data {
                source csv "table.csv"
                types { x1: number, x2: number, x3: number, c: category, y: category, r: number }
                missing ""
                split holdout 20% stratified seed 7
              }
              checks {
                rows >= 20000
                missing(x1) <= 3%
                x2 > 0
                c in {"north", "south", "east", "west"}
              }
              features {
                drop r
                impute x1 with mean
                normalize x1, x2, x3
                onehot c
              }
              models {
                baseline
                logistic
                xgboost gbt { trees 10, max_depth 3 }
                naive_bayes nb
              }
              evaluate {
                holdout
                metrics accuracy, f1, macro_f1, auc
              }
              explain {}
            }
            """;

    private static final String REGRESSION = """
            experiment generated_regression "How large is r?" {
              scope {
                task regression
                target r
                metric rmse
              }
              data {
                source csv "table.csv"
                types { x1: number, x2: number, x3: number, c: category, y: category, r: number }
                missing ""
                split holdout 25% seed 11
              }
              features {
                drop y
                impute x1 with median
                standardize x1, x2, x3
              }
              models {
                baseline
                linear
                forest { trees 10, max_depth 6 }
                cart tree { max_depth 4 }
                xgboost gbt { trees 10, max_depth 3 }
              }
              evaluate {
                holdout
                metrics rmse, mae, r2
              }
              explain {}
            }
            """;

    @Test
    void binaryModelsAgreeWithTheLocalEngine(@TempDir Path dir) throws IOException {
        Both runs = both(dir, BINARY);
        RunResult local = runs.local();
        RunResult spark = runs.spark();
        assertEquals(local.checks(), spark.checks());
        assertEquals(local.split(), spark.split());
        for (Evaluation.ModelScores lm : local.evaluation().models()) {
            Evaluation.ModelScores sm = model(spark, lm.name());
            assertNull(sm.error(), sm.name() + ": " + sm.error());
            double tol = lm.kind().equals("baseline") ? 1e-12 : lm.kind().equals("logistic") ? 0.01 : 0.03;
            for (String metric : java.util.List.of("accuracy", "auc")) {
                Double l = lm.holdout().get(metric);
                Double s = sm.holdout().get(metric);
                if (l == null || s == null) {
                    assertEquals(l, s, lm.name() + " " + metric + " is computed on both or neither");
                    continue;
                }
                assertTrue(Math.abs(l - s) <= tol, lm.name() + " holdout " + metric + ": local " + l + ", spark " + s);
            }
        }
        // served without Spark: boosted trees and naive Bayes score the holdout as Spark does, and a linear SVM
        // (which cannot be in this file: it gives no probabilities for `auc`) fitted on the same training vectors
        java.util.List<ServedAgreement.Fitted> models = new java.util.ArrayList<>();
        for (String name : java.util.List.of("gbt", "nb")) {
            models.add(new ServedAgreement.Fitted(name, model(spark, name).kind(), runs.sparkRun().fittedModel(name)));
        }
        org.apache.spark.ml.classification.LinearSVC svm = new org.apache.spark.ml.classification.LinearSVC()
                .setRegParam(1e-4).setLabelCol(SparkModels.LABEL);
        models.add(new ServedAgreement.Fitted("svm", "linear_svm", svm.fit(ServedAgreement.training(runs.compiled(),
                runs.sparkRun(), spark.evaluation().classes()))));
        ServedAgreement.assertScoresAgree(runs.compiled(), runs.sparkRun(), spark.evaluation().classes(), models,
                java.util.List.of("x2", "x3"), dir.resolve("served"));
    }

    @Test
    void regressionAgreesWithTheLocalEngine(@TempDir Path dir) throws IOException {
        Both runs = both(dir, REGRESSION);
        RunResult local = runs.local();
        RunResult spark = runs.spark();
        assertEquals(local.split(), spark.split());
        Evaluation.ModelScores lb = model(local, "baseline");
        Evaluation.ModelScores sb = model(spark, "baseline");
        assertEquals(lb.holdout().get("rmse"), sb.holdout().get("rmse"), 1e-9, "the mean predicts the same everywhere");
        for (Evaluation.ModelScores lm : local.evaluation().models()) {
            if (lm.kind().equals("xgboost")) {
                // not the same model in 10 rounds: XGBoost starts at 0.5 and scales every tree by eta, MLlib's
                // first tree (weight 1) fits the mean; only the served scores are compared below
                continue;
            }
            Evaluation.ModelScores sm = model(spark, lm.name());
            double l = lm.holdout().get("r2");
            double s = sm.holdout().get("r2");
            double tol = lm.kind().equals("baseline") ? 1e-9 : lm.kind().equals("linear") ? 0.005 : 0.02;
            assertTrue(Math.abs(l - s) <= tol, lm.name() + " holdout r2: local " + l + ", spark " + s);
        }
        // served without Spark: a regression tree, a forest and boosted trees score the holdout as Spark does
        ServedAgreement.assertScoresAgree(runs.compiled(), runs.sparkRun(), spark, java.util.List.of("tree", "forest", "gbt"),
                java.util.List.of("x2", "x3"), dir.resolve("served"));

        // Served without Spark: the selected linear model, read back from the Spark run's files by the ordinary
        // runtime, scores the holdout with exactly the error Spark measured.
        Evaluation.ModelScores selected = model(spark, spark.evaluation().selection().selected());
        assertEquals("linear", selected.kind(), "r is linear in the features");
        Experiments.Compiled compiled = Experiments.compile(dir.resolve("experiment.mlx"));
        tech.tablesaw.api.Table table = dev.mlx.runtime.data.DataLoader.load(compiled.spec().data(), compiled.base());
        tech.tablesaw.api.Table holdout = table.rows(dev.mlx.runtime.Split.rows(table, compiled.spec().data(), "r", false).test());
        java.util.List<dev.mlx.runtime.serve.Scorer.Scored> scored = dev.mlx.runtime.serve.Served.load(dir.resolve("spark"))
                .primary().score(holdout);
        double squares = 0;
        for (int i = 0; i < holdout.rowCount(); i++) {
            double error = scored.get(i).value() - holdout.doubleColumn("r").get(i);
            squares += error * error;
        }
        double rmse = Math.sqrt(squares / holdout.rowCount());
        assertEquals(selected.holdout().get("rmse"), rmse, 1e-9 * rmse, "the exported model's holdout rmse");
    }

    private static Evaluation.ModelScores model(RunResult run, String name) {
        return run.evaluation().models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Both engines' run of one file, with the Spark run's fitted models. */
    private record Both(Experiments.Compiled compiled, RunResult local, RunResult spark, SparkRun sparkRun) {
    }

    private static Both both(Path dir, String mlx) throws IOException {
        write(dir.resolve("table.csv"), ROWS, 20261207);
        Path file = dir.resolve("experiment.mlx");
        Files.writeString(file, mlx, StandardCharsets.UTF_8);
        Experiments.Compiled compiled = Experiments.compile(file);
        assertEquals(0, compiled.runLocally(dir.resolve("local")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SparkRun sparkRun = new SparkRun(compiled.spec(), Experiments.spark(), compiled.base(), dir.resolve("spark"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code = sparkRun.run();
        assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
        RunResult local = RunJson.read(dir.resolve("local/run.json"));
        RunResult spark = RunJson.read(dir.resolve("spark/run.json"));
        // what CI spends where (the module's test time is budgeted)
        System.out.println(local.experiment().name() + " stage ms, local " + local.timings() + "; spark " + spark.timings());
        return new Both(compiled, local, spark, sparkRun);
    }
}
