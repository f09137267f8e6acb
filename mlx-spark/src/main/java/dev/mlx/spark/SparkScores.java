package dev.mlx.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.eval.CountMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Metrics of scored rows, computed where the rows are and finished on the driver with the local engine's
 * formulas ({@link CountMetrics}): the confusion matrix is collected (macro F1 is macro F1 on both engines),
 * regression errors are summed, binary AUC ranks every score (no binning), log loss averages the clipped
 * probability of the actual class.
 */
final class SparkScores {
    static final String PREDICTION = "prediction";
    static final String PROBABILITY = "probability";
    private static final double EPS = 1e-15;

    /** The metrics and, for classification, the confusion matrix (rows actual, columns predicted). */
    record Scores(Map<String, Double> metrics, int[][] confusion) {
    }

    private SparkScores() {
    }

    static Scores classification(Dataset<Row> scored, List<String> classes, String positive, List<String> names,
                                 boolean probabilities) {
        int k = classes.size();
        int[][] confusion = new int[k][k];
        for (Row r : scored.groupBy(col(SparkModels.LABEL), col(PREDICTION)).count().collectAsList()) {
            confusion[(int) r.getDouble(0)][(int) r.getDouble(1)] += (int) r.getLong(2);
        }
        Map<String, Double> counted = CountMetrics.classification(confusion, classes, positive, names);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String m : names) {
            if (counted.containsKey(m)) {
                out.put(m, counted.get(m));
            } else if (!probabilities) {
                out.put(m, Double.NaN);
            } else {
                out.put(m, ranked(scored, classes, positive, m));
            }
        }
        return new Scores(out, confusion);
    }

    private static double ranked(Dataset<Row> scored, List<String> classes, String positive, String metric) {
        Column probs = functions.vector_to_array(col(PROBABILITY), "float64");
        if (metric.equals("log_loss")) {
            Column actual = element_at(probs, col(SparkModels.LABEL).cast(DataTypes.IntegerType).plus(lit(1)));
            Row r = scored.agg(avg(log(least(greatest(actual, lit(EPS)), lit(1 - EPS))).multiply(lit(-1.0)))).first();
            return r.isNullAt(0) ? Double.NaN : r.getDouble(0);
        }
        if (classes.size() != 2) {
            return Double.NaN; // one-vs-rest averages are not mapped to Spark yet
        }
        int pos = positive == null ? 1 : classes.indexOf(positive);
        Dataset<Row> binary = scored.select(
                when(col(SparkModels.LABEL).equalTo(lit((double) pos)), lit(1.0)).otherwise(lit(0.0)).alias("y"),
                element_at(probs, pos + 1).alias("score"));
        return new BinaryClassificationEvaluator().setLabelCol("y").setRawPredictionCol("score").setNumBins(0)
                .setMetricName(metric.equals("auc") ? "areaUnderROC" : "areaUnderPR").evaluate(binary);
    }

    static Scores regression(Dataset<Row> scored, List<String> names) {
        Column y = col(SparkModels.LABEL);
        Column e = y.minus(col(PREDICTION));
        Row r = scored.agg(count(lit(1)), sum(e.multiply(e)), sum(abs(e)), sum(y), sum(y.multiply(y)),
                sum(when(y.notEqual(lit(0.0)), abs(e.divide(y)))), count(when(y.notEqual(lit(0.0)), lit(1)))).first();
        CountMetrics.RegressionSums sums = new CountMetrics.RegressionSums(r.getLong(0), dbl(r, 1), dbl(r, 2), dbl(r, 3),
                dbl(r, 4), dbl(r, 5), r.getLong(6));
        return new Scores(CountMetrics.regression(sums, names), null);
    }

    private static double dbl(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getDouble(i);
    }

    static boolean isClassification(Task task) {
        return task == Task.CLASSIFICATION;
    }
}
