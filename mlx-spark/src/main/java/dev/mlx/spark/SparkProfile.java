package dev.mlx.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The "columns" of serving.json computed on Spark from the training rows, in the shape the local engine's
 * {@code serve.Profile.columns} writes: per input column its type, whether the pipeline needs it, rows and
 * missing values; for numbers the range, mean, sample standard deviation and 1,000 evenly spaced quantiles
 * (Spark's approximate quantiles, relative error {@link #QUANTILE_ERROR}, ends exact); for categories and
 * booleans the counts of the 1,000 most frequent values. Counts, ranges and means are exact.
 */
final class SparkProfile {
    static final double QUANTILE_ERROR = 1e-3;
    private static final int SAMPLE = 1000;
    private static final int MAX_CATEGORIES = 1000;

    private SparkProfile() {
    }

    static JsonArray columns(Experiment e, Dataset<Row> train, List<String> required) {
        List<Data.Column> inputs = new ArrayList<>();
        for (Data.Column c : e.data().columns()) {
            if (!c.name().equals(e.scope().target())) {
                inputs.add(c);
            }
        }
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        for (Data.Column c : inputs) {
            Column v = col(SparkData.quote(c.name()));
            aggs.add(count(when(v.isNull(), lit(1))));
            if (c.type().isNumeric()) {
                Column d = v.cast(DataTypes.DoubleType);
                aggs.add(min(d));
                aggs.add(max(d));
                aggs.add(avg(d));
                aggs.add(stddev_samp(d));
            }
        }
        Row r = train.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        long rows = r.getLong(0);
        JsonArray out = new JsonArray();
        int at = 1;
        for (Data.Column c : inputs) {
            JsonObject o = new JsonObject();
            o.addProperty("name", c.name());
            o.addProperty("type", c.type().word());
            o.addProperty("dateFormat", c.dateFormat());
            o.addProperty("required", required.contains(c.name()));
            o.addProperty("rows", rows);
            long missing = r.getLong(at++);
            o.addProperty("missing", missing);
            if (c.type().isNumeric()) {
                Double lo = r.isNullAt(at) ? null : r.getDouble(at);
                Double hi = r.isNullAt(at + 1) ? null : r.getDouble(at + 1);
                Double mean = r.isNullAt(at + 2) ? null : r.getDouble(at + 2);
                Double sd = r.isNullAt(at + 3) ? null : r.getDouble(at + 3);
                at += 4;
                if (lo != null) {
                    JsonObject num = new JsonObject();
                    num.addProperty("min", lo);
                    num.addProperty("max", hi);
                    num.addProperty("mean", mean);
                    num.addProperty("sd", sd == null || sd.isNaN() ? 0 : sd);
                    num.add("sample", sample(train, c.name(), rows - missing, lo, hi));
                    o.add("numeric", num);
                }
            } else if (c.type() == ColumnType.CATEGORY || c.type() == ColumnType.BOOLEAN) {
                Column v = col(SparkData.quote(c.name())).cast(DataTypes.StringType);
                Map<String, Long> counts = new TreeMap<>();
                for (Row x : train.where(v.isNotNull()).groupBy(v.alias("value")).count()
                        .orderBy(col("count").desc(), col("value").asc()).limit(MAX_CATEGORIES).collectAsList()) {
                    counts.put(x.getString(0), x.getLong(1));
                }
                JsonObject cats = new JsonObject();
                counts.forEach(cats::addProperty);
                o.add("categories", cats);
            }
            out.add(o);
        }
        return out;
    }

    /** Evenly spaced quantiles of the column's present values, the ends its exact range. */
    private static JsonArray sample(Dataset<Row> train, String column, long present, double lo, double hi) {
        int k = (int) Math.min(SAMPLE, present);
        double[] probabilities = new double[k];
        for (int i = 0; i < k; i++) {
            probabilities[i] = k == 1 ? 0 : (double) i / (k - 1);
        }
        Dataset<Row> values = train.select(col(SparkData.quote(column)).cast(DataTypes.DoubleType).alias("v"));
        double[] q = values.stat().approxQuantile("v", probabilities, QUANTILE_ERROR);
        JsonArray sample = new JsonArray();
        for (int i = 0; i < q.length; i++) {
            sample.add(i == 0 ? lo : i == q.length - 1 ? hi : q[i]);
        }
        return sample;
    }
}
