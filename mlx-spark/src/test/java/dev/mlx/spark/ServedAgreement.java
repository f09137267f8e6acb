package dev.mlx.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.Split;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.serve.Scorer;
import dev.mlx.runtime.serve.Served;
import dev.mlx.runtime.spec.Experiment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import tech.tablesaw.api.Table;

/**
 * Served without Spark: a model the Spark engine fitted, exported with the features Spark fitted and read
 * back from its files as {@code serve} reads them, scores the holdout in the ordinary runtime as Spark
 * scores it — the same class probabilities (or predicted class, for a model without them) or the same
 * value, to 1e-6.
 */
final class ServedAgreement {
    private ServedAgreement() {
    }

    /** A model fitted on Spark, of the catalog's kind {@code kind}. */
    record Fitted(String name, String kind, Object model) {
    }

    /** Checks the models of {@code run} named in {@code names} (see the other form). */
    static void assertScoresAgree(Experiments.Compiled compiled, SparkRun sparkRun, RunResult run, List<String> names,
                                  List<String> keyColumns, Path dir) {
        List<Fitted> models = new java.util.ArrayList<>();
        for (String name : names) {
            Object fitted = sparkRun.fittedModel(name);
            assertNotNull(fitted, name + " was fitted on Spark");
            models.add(new Fitted(name, run.evaluation().models().stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow().kind(), fitted));
        }
        assertScoresAgree(compiled, sparkRun, run.evaluation().classes(), models, keyColumns, dir);
    }

    /** The run's training rows as the features Spark fitted turn them into, with the label MLlib learns. */
    static Dataset<Row> training(Experiments.Compiled compiled, SparkRun sparkRun, List<String> classes) {
        Experiment e = compiled.spec();
        String target = e.scope().target();
        return sparkRun.fittedFeatures().transform(marked(compiled).where("not holdout"))
                .withColumn(SparkModels.LABEL, SparkRun.label(target, classes));
    }

    private static Dataset<Row> marked(Experiments.Compiled compiled) {
        Experiment e = compiled.spec();
        String target = e.scope().target();
        boolean classification = e.scope().task() == Task.CLASSIFICATION;
        List<String> columns = e.data().columns().stream().map(c -> c.name()).toList();
        Dataset<Row> data = SparkData.load(Experiments.spark(), e.data(), compiled.base())
                .where(SparkData.quote(target) + " is not null");
        return SparkSplit.holdout(SparkSplit.hashed(data, columns, e.data().id(), e.data().split().seed()),
                target, classification && e.data().split().stratified(), e.data().split().holdout(), "holdout");
    }

    /**
     * Checks every model of {@code models}; rows are matched by {@code keyColumns}, raw columns whose values
     * together are unique in the holdout.
     */
    static void assertScoresAgree(Experiments.Compiled compiled, SparkRun sparkRun, List<String> classes, List<Fitted> models,
                                  List<String> keyColumns, Path dir) {
        Experiment e = compiled.spec();
        String target = e.scope().target();
        boolean classification = e.scope().task() == Task.CLASSIFICATION;
        Table table = DataLoader.load(e.data(), compiled.base());
        table = table.dropWhere(table.column(target).isMissing());
        Table holdout = table.rows(Split.rows(table, e.data(), target, classification).test());

        Dataset<Row> data = SparkData.load(Experiments.spark(), e.data(), compiled.base())
                .where(SparkData.quote(target) + " is not null");
        // the key's raw values, copied before the features replace columns in place (standardize x2 ...)
        Dataset<Row> keyed = marked(compiled).where("holdout");
        for (int c = 0; c < keyColumns.size(); c++) {
            keyed = keyed.withColumn("_key" + c, org.apache.spark.sql.functions.col(SparkData.quote(keyColumns.get(c))));
        }
        Dataset<Row> vectors = sparkRun.fittedFeatures().transform(keyed);
        Function<Integer, String> localKey = i -> String.join("|", keyColumns.stream()
                .map(c -> String.valueOf(holdout.column(c).get(i))).toList());

        for (Fitted model : models) {
            String name = model.name();
            Object fitted = model.model();
            Dataset<Row> scored = fitted instanceof SparkExport.Baseline b ? SparkRun.baseline(vectors, b)
                    : ((org.apache.spark.ml.Model<?>) fitted).transform(vectors);
            boolean probabilities = classification && Arrays.asList(scored.columns()).contains(SparkScores.PROBABILITY);
            String column = probabilities ? SparkScores.PROBABILITY : SparkScores.PREDICTION;
            List<String> selected = new java.util.ArrayList<>();
            for (int c = 0; c < keyColumns.size(); c++) {
                selected.add("_key" + c);
            }
            selected.add(column);
            Map<String, Object> bySpark = new HashMap<>();
            for (Row r : scored.selectExpr(selected.toArray(String[]::new)).collectAsList()) {
                StringBuilder key = new StringBuilder();
                for (int c = 0; c < keyColumns.size(); c++) {
                    key.append(c == 0 ? "" : "|").append(r.get(c));
                }
                Object previous = bySpark.put(key.toString(), r.get(keyColumns.size()));
                assertNull(previous, "the key " + key + " is unique in the holdout");
            }

            Path out = dir.resolve(name);
            SparkExport.Outcome o = SparkExport.write(e, name, model.kind(), fitted, sparkRun.fittedFeatures().features(),
                    sparkRun.fittedFeatures().learned(), classes, SparkProfile.columns(e, data, List.of()), Map.of(), out,
                    "test");
            assertNull(o.notExported(), name);
            List<Scorer.Scored> local = Served.load(out).primary().score(holdout);
            assertEquals(bySpark.size(), local.size(), name + ": the same holdout rows");
            for (int i = 0; i < holdout.rowCount(); i++) {
                Object expected = bySpark.get(localKey.apply(i));
                assertNotNull(expected, name + ": row " + localKey.apply(i) + " is in Spark's holdout");
                String where = name + " (" + model.kind() + "), row " + localKey.apply(i);
                if (probabilities) {
                    double[] p = ((Vector) expected).toArray();
                    for (int k = 0; k < classes.size(); k++) {
                        assertEquals(p[k], local.get(i).probabilities().get(classes.get(k)), 1e-6, where + ", class " + classes.get(k));
                    }
                } else if (classification) {
                    assertEquals(classes.get((int) (double) (Double) expected), local.get(i).prediction(), where);
                } else {
                    assertEquals((Double) expected, local.get(i).value(), 1e-6 * Math.max(1, Math.abs((Double) expected)), where);
                }
            }
        }
    }
}
