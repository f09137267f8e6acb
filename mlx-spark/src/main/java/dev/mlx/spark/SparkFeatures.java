package dev.mlx.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.when;

import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Engine;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.Scalar;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Fill;
import dev.mlx.runtime.spec.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The features block on Spark, fitted on the training rows: each step's statistics (means, medians,
 * standard deviations, bounds, kept categories) gathered by one aggregate query and applied as plain
 * column expressions, then the feature columns assembled into one vector for MLlib. The statistics are
 * the local engine's: population standard deviation, exact medians, the most frequent value (the smallest
 * on ties), categories by count (then name) with {@code column@other} for the rest; categories no step
 * encodes are one-hot encoded at the end. The fitted values are plain numbers and words, so the learned
 * pipeline is written to run.json as the local engine writes its own.
 */
final class SparkFeatures {
    static final String VECTOR = "features";

    /** The fitted block: its column operations in order, the feature columns, and what run.json says of it. */
    record Fitted(List<UnaryOperator<Dataset<Row>>> steps, List<String> features, FeaturesLearned learned) {
        Fitted {
            steps = List.copyOf(steps);
            features = List.copyOf(features);
        }

        /** {@code df} with every step applied and the feature vector assembled. */
        Dataset<Row> transform(Dataset<Row> df) {
            for (UnaryOperator<Dataset<Row>> s : steps) {
                df = s.apply(df);
            }
            return new VectorAssembler().setInputCols(features.stream().map(SparkFeatures::name).toArray(String[]::new))
                    .setOutputCol(VECTOR).setHandleInvalid("keep").transform(df);
        }
    }

    private final Experiment e;
    private final Map<String, ColumnType> kinds = new LinkedHashMap<>();
    private final List<UnaryOperator<Dataset<Row>>> steps = new ArrayList<>();
    private final List<FeaturesLearned.Step> learned = new ArrayList<>();
    private Dataset<Row> train;

    private SparkFeatures(Experiment e, Dataset<Row> train) {
        this.e = e;
        this.train = train;
        for (Data.Column c : e.data().columns()) {
            boolean excluded = c.name().equals(e.scope().target()) || c.name().equals(e.data().id());
            if (!excluded && c.type() != ColumnType.TEXT && c.type() != ColumnType.DATE) {
                kinds.put(c.name(), c.type());
            }
        }
    }

    /** The block fitted on {@code train} (the raw training rows). */
    static Fitted fit(Experiment e, Dataset<Row> train) {
        SparkFeatures f = new SparkFeatures(e, train);
        for (Step s : e.features()) {
            f.step(s);
        }
        return f.finish();
    }

    private void step(Step s) {
        s.accept(new Step.Visitor<Void>() {
            @Override
            public Void drop(Step.Drop step) {
                step.columns().forEach(kinds::remove);
                learned.add(new FeaturesLearned.Drop("drop", step.columns()));
                return null;
            }

            @Override
            public Void derive(Step.Derive step) {
                throw refused("derive");
            }

            @Override
            public Void impute(Step.Impute step) {
                imputeStep(step);
                return null;
            }

            @Override
            public Void scale(Step.Scale step) {
                scaleStep(step);
                return null;
            }

            @Override
            public Void log(Step.Log step) {
                apply(step.columns(), c -> log1p(greatest(c, lit(0.0))));
                learned.add(new FeaturesLearned.Log("log", step.columns().stream().map(FeaturesLearned.Named::new).toList()));
                return null;
            }

            @Override
            public Void clip(Step.Clip step) {
                apply(step.columns(), c -> least(greatest(c, lit(step.lo())), lit(step.hi())));
                learned.add(new FeaturesLearned.Clip("clip", step.columns().stream()
                        .map(c -> new FeaturesLearned.Bounds(c, step.lo(), step.hi())).toList()));
                return null;
            }

            @Override
            public Void oneHot(Step.OneHot step) {
                oneHotStep(step.columns(), step.top(), step.min(), false);
                return null;
            }

            @Override
            public Void bin(Step.Bin step) {
                throw refused("bin");
            }

            @Override
            public Void textVector(Step.TextVector step) {
                throw refused(step.weighting() == Step.Weighting.TFIDF ? "tfidf" : "bagofwords");
            }

            @Override
            public Void dateParts(Step.DateParts step) {
                throw refused("dateparts");
            }
        });
    }

    private static RunException refused(String transform) {
        Engine.Refusal r = Engine.SPARK.transform(transform);
        return new RunException("the Spark engine cannot run " + r.what() + ": use " + r.instead());
    }

    private boolean numeric(String column) {
        ColumnType t = kinds.get(column);
        return t != null && t != ColumnType.CATEGORY;
    }

    private void imputeStep(Step.Impute step) {
        List<FeaturesLearned.Imputed> out = new ArrayList<>();
        String with;
        if (step.fill() instanceof Fill.Statistic st) {
            with = st.statistic().word();
            for (String c : step.columns()) {
                Object value = statistic(c, with);
                fill(c, value);
                out.add(new FeaturesLearned.Imputed(c, scalar(value), null));
            }
        } else if (step.fill() instanceof Fill.Number num) {
            with = text(num.value()); // run.json names a constant fill by its value, as the local engine does
            for (String c : step.columns()) {
                Object value = numeric(c) ? (Object) num.value() : text(num.value());
                fill(c, value);
                out.add(new FeaturesLearned.Imputed(c, scalar(value), null));
            }
        } else {
            String text = ((Fill.Text) step.fill()).value();
            with = text;
            for (String c : step.columns()) {
                Object value = numeric(c) ? (Object) Double.parseDouble(text) : text;
                fill(c, value);
                out.add(new FeaturesLearned.Imputed(c, scalar(value), null));
            }
        }
        learned.add(new FeaturesLearned.Impute("impute", with, out));
    }

    private Object statistic(String c, String with) {
        Column v = col(SparkData.quote(c));
        if (!numeric(c) || with.equals("mode")) {
            List<Row> top = train.where(v.isNotNull()).groupBy(v).count()
                    .orderBy(col("count").desc(), v.asc()).limit(1).collectAsList();
            if (top.isEmpty()) {
                throw new RunException("cannot impute `" + c + "` with " + with + ": every training value is missing");
            }
            Object value = top.get(0).get(0);
            return value instanceof Number n ? (Object) n.doubleValue() : value.toString();
        }
        Row r = train.agg(with.equals("mean") ? avg(v.cast(DataTypes.DoubleType))
                : percentile(v.cast(DataTypes.DoubleType), lit(0.5))).first();
        if (r.isNullAt(0)) {
            throw new RunException("cannot impute `" + c + "` with " + with + ": every training value is missing");
        }
        return ((Number) r.get(0)).doubleValue();
    }

    private void fill(String c, Object value) {
        if (numeric(c)) {
            apply(List.of(c), v -> coalesce(v.cast(DataTypes.DoubleType), lit(((Number) value).doubleValue())));
        } else {
            apply(List.of(c), v -> coalesce(v, lit(value.toString())));
        }
    }

    private void scaleStep(Step.Scale step) {
        List<Column> aggs = new ArrayList<>();
        for (String c : step.columns()) {
            Column v = col(SparkData.quote(c)).cast(DataTypes.DoubleType);
            if (step.scaling() == Step.Scaling.STANDARDIZE) {
                aggs.add(avg(v));
                aggs.add(stddev_pop(v));
            } else {
                aggs.add(min(v));
                aggs.add(max(v));
            }
        }
        Row r = train.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        List<FeaturesLearned.MeanStd> means = new ArrayList<>();
        List<FeaturesLearned.MinMax> ranges = new ArrayList<>();
        for (int i = 0; i < step.columns().size(); i++) {
            String c = step.columns().get(i);
            Double a = r.isNullAt(2 * i) ? null : ((Number) r.get(2 * i)).doubleValue();
            Double b = r.isNullAt(2 * i + 1) ? null : ((Number) r.get(2 * i + 1)).doubleValue();
            double shift = a == null ? 0 : a;
            double spread;
            if (step.scaling() == Step.Scaling.STANDARDIZE) {
                spread = b == null || b == 0 ? 1 : b;
                means.add(new FeaturesLearned.MeanStd(c, a, b));
            } else {
                spread = a == null || b == null || b.equals(a) ? 1 : b - a;
                ranges.add(new FeaturesLearned.MinMax(c, a, b));
            }
            apply(List.of(c), v -> v.cast(DataTypes.DoubleType).minus(lit(shift)).divide(lit(spread)));
        }
        learned.add(step.scaling() == Step.Scaling.STANDARDIZE ? new FeaturesLearned.Standardize("standardize", means)
                : new FeaturesLearned.Normalize("normalize", ranges));
    }

    private void oneHotStep(List<String> columns, int top, int least, boolean auto) {
        List<FeaturesLearned.Encoded> encoded = new ArrayList<>();
        for (String c : columns) {
            Column v = col(SparkData.quote(c)).cast(DataTypes.StringType);
            List<Row> counts = train.where(v.isNotNull()).groupBy(v.alias("value")).count()
                    .orderBy(col("count").desc(), col("value").asc()).collectAsList();
            List<String> kept = new ArrayList<>();
            List<Integer> keptCounts = new ArrayList<>();
            int other = 0;
            for (Row r : counts) {
                boolean keep = (top == 0 || kept.size() < top) && r.getLong(1) >= least;
                if (keep) {
                    kept.add(r.getString(0));
                    keptCounts.add((int) r.getLong(1));
                } else {
                    other += (int) r.getLong(1);
                }
            }
            encoded.add(new FeaturesLearned.Encoded(c, kept, keptCounts, counts.size(), other));
            List<String> names = new ArrayList<>();
            steps.add(df -> {
                Column value = col(SparkData.quote(c)).cast(DataTypes.StringType);
                Dataset<Row> out = df;
                for (String k : kept) {
                    out = out.withColumn(c + "@" + k, when(value.equalTo(lit(k)), lit(1.0)).otherwise(lit(0.0)));
                }
                return out.withColumn(c + "@other", when(value.isNotNull().and(org.apache.spark.sql.functions.not(value.isin(kept.toArray()))), lit(1.0))
                        .otherwise(lit(0.0)));
            });
            train = steps.get(steps.size() - 1).apply(train);
            kinds.remove(c);
            for (String k : kept) {
                names.add(c + "@" + k);
            }
            names.add(c + "@other");
            names.forEach(n -> kinds.put(n, ColumnType.NUMBER));
        }
        learned.add(new FeaturesLearned.OneHot("onehot", auto ? Boolean.TRUE : null, top == 0 ? null : top,
                least <= 1 ? null : least, encoded));
    }

    /** Replaces each of {@code columns} by {@code f} of itself, on the training rows now and on any table later. */
    private void apply(List<String> columns, UnaryOperator<Column> f) {
        UnaryOperator<Dataset<Row>> op = df -> {
            Dataset<Row> out = df;
            for (String c : columns) {
                out = out.withColumn(c, f.apply(col(SparkData.quote(c))));
            }
            return out;
        };
        steps.add(op);
        train = op.apply(train);
    }

    private Fitted finish() {
        List<String> categories = kinds.entrySet().stream().filter(x -> x.getValue() == ColumnType.CATEGORY)
                .map(Map.Entry::getKey).toList();
        if (!categories.isEmpty()) {
            oneHotStep(categories, 0, 1, true);
        }
        List<String> features = new ArrayList<>(kinds.keySet());
        // booleans and integers enter the vector as numbers
        apply(features.stream().filter(c -> kinds.get(c) == ColumnType.BOOLEAN || kinds.get(c) == ColumnType.INTEGER).toList(),
                c -> c.cast(DataTypes.DoubleType));
        List<Column> missing = new ArrayList<>();
        for (String c : features) {
            missing.add(count(when(col(SparkData.quote(c)).isNull().or(col(SparkData.quote(c)).isNaN()), lit(1))));
        }
        if (!missing.isEmpty()) {
            Row r = train.agg(missing.get(0), missing.subList(1, missing.size()).toArray(new Column[0])).first();
            List<String> with = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                if (r.getLong(i) > 0) {
                    with.add("`" + features.get(i) + "` (" + r.getLong(i) + " missing)");
                }
            }
            if (!with.isEmpty()) {
                throw new FeatureReviewFailure("missing values left in the features: " + String.join(", ", with)
                        + "; impute them in the features block");
            }
        }
        List<FeaturesLearned.Input> inputs = new ArrayList<>();
        for (Data.Column c : e.data().columns()) {
            if (!c.name().equals(e.scope().target()) && !c.name().equals(e.data().id())) {
                inputs.add(new FeaturesLearned.Input(c.name(), c.type().word()));
            }
        }
        return new Fitted(steps, features, new FeaturesLearned(learned, features.size(), inputs));
    }

    /** The transformed training rows stop the run as the local feature review does. */
    static final class FeatureReviewFailure extends RuntimeException {
        FeatureReviewFailure(String message) {
            super(message);
        }
    }

    private static String name(String column) {
        return column;
    }

    private static Scalar scalar(Object value) {
        return value instanceof Number n ? Scalar.of(n.doubleValue()) : Scalar.of(value.toString());
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
