package dev.mlx.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.spec.Data;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the data source into a DataFrame with the compile-time schema, as the local engine's reader
 * types it: every cell read as text, white space stripped, every missing marker (Spark's reader knows
 * only one) and the empty string made null, then each column cast to its declared type. CSV, Parquet and
 * JSON Lines files (local, {@code hdfs://}, {@code s3a://}) and JDBC queries.
 */
final class SparkData {
    private SparkData() {
    }

    /** Where the data is: a URI with a scheme stays as written, a plain path resolves against {@code base}. */
    static String location(String path, Path base) {
        return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? path : base.resolve(path).normalize().toString();
    }

    static Dataset<Row> load(SparkSession spark, Data data, Path base) {
        if (data.jdbcUrl() != null) {
            Dataset<Row> df = spark.read().format("jdbc").option("url", data.jdbcUrl())
                    .option("query", data.query()).load();
            return typed(df, data, false);
        }
        String where = location(data.csv(), base);
        if (data.format() == Data.Format.PARQUET || where.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return typed(spark.read().parquet(where), data, false);
        }
        if (data.format() == Data.Format.JSONL) {
            return typed(spark.read().json(where), data, false);
        }
        List<StructField> fields = new ArrayList<>();
        for (Data.Column c : data.columns()) {
            fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
        }
        Dataset<Row> raw = spark.read().option("header", "true")
                .option("sep", data.delimiter() == null ? "," : data.delimiter())
                .option("mode", "PERMISSIVE").option("nullValue", null).option("emptyValue", "")
                .schema(new StructType(fields.toArray(new StructField[0]))).csv(where);
        return typed(raw, data, true);
    }

    /** Each declared column with markers made null and its declared type; {@code text} when read as text. */
    private static Dataset<Row> typed(Dataset<Row> df, Data data, boolean text) {
        List<Column> out = new ArrayList<>();
        for (Data.Column c : data.columns()) {
            Column v = col(quote(c.name()));
            if (text || c.type() != ColumnType.NUMBER && c.type() != ColumnType.INTEGER) {
                Column t = trim(v.cast(DataTypes.StringType));
                Column missing = t.equalTo(lit(""));
                for (String marker : data.missing()) {
                    missing = missing.or(t.equalTo(lit(marker.strip())));
                }
                v = when(missing.or(t.isNull()), lit(null).cast(DataTypes.StringType)).otherwise(t);
            }
            out.add(cast(v, c).alias(c.name()));
        }
        return df.select(out.toArray(new Column[0]));
    }

    private static Column cast(Column v, Data.Column c) {
        return switch (c.type()) {
            case NUMBER -> v.try_cast(DataTypes.DoubleType);
            case INTEGER -> v.try_cast(DataTypes.LongType);
            case BOOLEAN -> when(lower(v).isin("true", "yes", "1"), lit(true))
                    .when(lower(v).isin("false", "no", "0"), lit(false)).otherwise(lit(null).cast(DataTypes.BooleanType));
            case DATE -> c.dateFormat() == null ? to_date(v) : to_date(v, c.dateFormat());
            case CATEGORY, TEXT -> v.cast(DataTypes.StringType);
        };
    }

    /** A column name as Spark's parser reads it, whatever characters it holds. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
