package dev.mlx.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.mlx.runtime.base.RowHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The holdout and the folds by {@link RowHash}, the rule the local engine uses: each row's key hash (its
 * id, else its whole content) and content hash come from the same Java code in a UDF, the rows are ranked
 * by them (per class when stratified) and the ranks decide, as {@code RowHash.holdout} and
 * {@code RowHash.folds} do on a list.
 */
final class SparkSplit {
    static final String KEY = "_mlx_key";
    static final String TIE = "_mlx_tie";
    static final String RANK = "_mlx_rank";
    static final String STRATUM = "_mlx_stratum";

    /** The hash of a row's cells (a struct of them), as {@code RowHash.of(RowHash.row(cells), seed)}. */
    private static final UserDefinedFunction HASH = udf((Row cells, Long seed) -> {
        List<Object> values = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            values.add(cells.get(i));
        }
        return RowHash.of(RowHash.row(values), seed);
    }, DataTypes.LongType);

    private SparkSplit() {
    }

    /** {@code df} with the key and tie hashes under {@code seed} of its {@code columns} (its own, in order). */
    static Dataset<Row> hashed(Dataset<Row> df, List<String> columns, String id, long seed) {
        Column[] all = columns.stream().map(c -> col(SparkData.quote(c))).toArray(Column[]::new);
        Dataset<Row> out = df.withColumn(TIE, HASH.apply(struct(all), lit(seed)));
        return out.withColumn(KEY, id == null ? col(TIE) : HASH.apply(struct(col(SparkData.quote(id))), lit(seed)));
    }

    /** The class of each row as text (the stratum), or one stratum for all. */
    static Column stratum(String target, boolean stratified) {
        return stratified ? col(SparkData.quote(target)).cast(DataTypes.StringType) : lit("");
    }

    /**
     * {@code df} (hashed) with a boolean {@code holdout} column: per stratum the first {@code round(share × n)}
     * rows in hash order, clamped as {@code RowHash.holdout} clamps.
     */
    static Dataset<Row> holdout(Dataset<Row> df, String target, boolean stratified, double share, String holdout) {
        Dataset<Row> s = df.withColumn(STRATUM, stratum(target, stratified));
        Map<String, Long> counts = counts(s);
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        Column take = lit(0L);
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            long size = c.getValue();
            long t = Math.round(size * share);
            if (!stratified) {
                t = Math.max(1, Math.min(n - 1, t));
            } else if (size >= 2) {
                t = Math.max(1, Math.min(size - 1, t));
            }
            take = when(col(STRATUM).equalTo(lit(c.getKey())), lit(t)).otherwise(take);
        }
        WindowSpec w = Window.partitionBy(col(STRATUM)).orderBy(col(KEY), col(TIE));
        return s.withColumn(RANK, row_number().over(w))
                .withColumn(holdout, col(RANK).leq(take))
                .drop(RANK, STRATUM);
    }

    /**
     * {@code train} with an int column {@code fold} (0 to k − 1): per stratum, in the strata's text order
     * (Java's, as {@code RowHash.folds}), the rows in fold-hash order dealt round the folds, the dealing going
     * on from one stratum to the next.
     */
    static Dataset<Row> folds(Dataset<Row> train, List<String> columns, String id, long seed, String target,
                              boolean stratified, int k, String fold) {
        Dataset<Row> h = hashed(train.drop(KEY, TIE), columns, id, seed ^ RowHash.FOLD_SALT)
                .withColumn(STRATUM, stratum(target, stratified));
        Map<String, Long> counts = counts(h);
        Column offset = lit(0L);
        long before = 0;
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            offset = when(col(STRATUM).equalTo(lit(c.getKey())), lit(before % k)).otherwise(offset);
            before += c.getValue();
        }
        WindowSpec w = Window.partitionBy(col(STRATUM)).orderBy(col(KEY), col(TIE));
        return h.withColumn(RANK, row_number().over(w))
                .withColumn(fold, col(RANK).minus(lit(1L)).plus(offset).mod(lit((long) k)).cast(DataTypes.IntegerType))
                .drop(RANK, STRATUM, KEY, TIE);
    }

    /** Rows per stratum, in Java's text order of the strata (null as ""). */
    private static Map<String, Long> counts(Dataset<Row> s) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : s.groupBy(col(STRATUM)).count().collectAsList()) {
            counts.merge(r.isNullAt(0) ? "" : r.getString(0), r.getLong(1), Long::sum);
        }
        return counts;
    }
}
