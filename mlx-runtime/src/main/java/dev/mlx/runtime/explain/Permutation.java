package dev.mlx.runtime.explain;

import dev.mlx.runtime.result.ModelExplanations;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tribuo.Model;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Permutation importance of the raw input columns: a column's values are shuffled across the
 * holdout rows (every feature derived from it moves together, so one-hot levels, tf-idf terms and
 * date parts are judged as the column the user wrote), the rows are transformed again by the
 * fitted pipeline and re-scored by the deciding metric. Importance is how much the score got
 * worse, sign-adjusted so that bigger is more important whatever the metric's direction.
 */
final class Permutation {
    static final int REPEATS = 5;

    private Permutation() {
    }

    record Importance(String column, List<String> features, double mean, double sd, List<Double> values) {
        Importance {
            features = List.copyOf(features);
            values = List.copyOf(values);
        }
    }

    /**
     * The unshuffled score and the importances; when not every input column was scored ({@link #scored}),
     * {@code inputColumns} is how many there were, else null.
     */
    record Result(double baseline, List<Importance> columns, Integer inputColumns) {
        Result {
            columns = List.copyOf(columns);
        }
    }

    static final int MAX_ROWS = 20_000;

    /**
     * The most columns scored. Each scored column costs {@code repeats} passes of the holdout through
     * the whole pipeline and model, so scoring every column of a wide table is quadratic in its
     * columns: a generated table of 5,300 columns spent many minutes here. Past the cap, or past
     * {@link #BUDGET}, the columns the model itself ranks highest are scored (its own importance, summed
     * over a column's features and outputs; ties and models without a ranking by the columns' order),
     * and the result says how many there were. Only the top few are shown, in run.json and the
     * report, either way.
     */
    static final int MAX_COLUMNS = ModelExplanations.Permutation.MAX_COLUMNS;

    /** The fewest columns scored whatever the budget: the report shows the top 10. */
    static final int MIN_COLUMNS = 10;

    /**
     * Feature values passed through the model, over every pass: 5 repeats of 100 columns of 190 rows
     * of 15,000 features would be 1.4 billion, minutes of scoring; this holds it to seconds.
     */
    static final long BUDGET = 200_000_000L;

    /** How many of {@code columns} to score on {@code rows} rows of {@code features} features. */
    static int scored(int columns, int rows, int features, int repeats) {
        long perColumn = Math.max(1L, (long) repeats * rows * Math.max(1, features));
        long affordable = Math.max(MIN_COLUMNS, BUDGET / perColumn);
        return (int) Math.min(columns, Math.min(MAX_COLUMNS, affordable));
    }

    /** One importance per input column (the target excluded), most important first, ties by name. */
    static Result compute(Predictor p, Table holdout, String target, String metric, boolean higherIsBetter,
                                    String positive, long seed, int repeats) {
        // Columns x repeats full passes: past MAX_ROWS a seeded sample of the holdout estimates the
        // same drops (the sampling error is far below the spread over repeats) in bounded time.
        Table test = holdout;
        if (holdout.rowCount() > MAX_ROWS) {
            int[] pick = java.util.Arrays.copyOf(shuffle(holdout.rowCount(), new Random(seed)), MAX_ROWS);
            java.util.Arrays.sort(pick);
            test = holdout.rows(pick);
        }
        double baseline = HoldoutScore.score(metric, p.predict(test), p.classes, positive);
        List<String> columns = new ArrayList<>();
        for (String c : p.pipeline.inputColumns()) {
            if (!c.equals(target) && test.containsColumn(c)) {
                columns.add(c);
            }
        }
        Map<String, List<String>> features = Features.byColumn(p.pipeline.featureNames(), columns);
        Integer inputColumns = null;
        int keep = scored(columns.size(), test.rowCount(), p.pipeline.featureNames().size(), repeats);
        if (keep < columns.size()) {
            inputColumns = columns.size();
            columns = ranked(p.model, columns, p.pipeline.featureNames()).subList(0, keep);
        }
        int n = test.rowCount();
        List<Importance> out = new ArrayList<>();
        for (int ci = 0; ci < columns.size(); ci++) {
            String col = columns.get(ci);
            // seeded per column and repeat, so adding a column does not change the others' shuffles
            Random rng = new Random(seed ^ (0x9E3779B97F4A7C15L * (col.hashCode() + 1L)));
            List<Double> values = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                int[] perm = shuffle(n, rng);
                Column<?> shuffled = test.column(col).subset(perm);
                shuffled.setName(col);
                // the other columns shared: a copy of the table per column and repeat was cubic in the columns
                Table t = dev.mlx.runtime.data.Tables.withColumn(test, shuffled);
                double s = HoldoutScore.score(metric, p.predict(t), p.classes, positive);
                if (!Double.isNaN(s) && !Double.isNaN(baseline)) {
                    values.add(higherIsBetter ? baseline - s : s - baseline);
                }
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            double sd = values.size() < 2 ? (values.isEmpty() ? Double.NaN : 0) : Math.sqrt(ss / (values.size() - 1));
            out.add(new Importance(col, features.get(col), mean, sd, values));
        }
        out.sort(Comparator.comparingDouble((Importance i) -> Double.isNaN(i.mean()) ? Double.NEGATIVE_INFINITY : i.mean())
                .reversed().thenComparing(Importance::column));
        return new Result(baseline, out, inputColumns);
    }

    /**
     * The columns by the model's own importance of their features (the largest absolute score over
     * outputs, summed over a column's features), most important first; in their given order where
     * equal, and all of them in that order when the model keeps no ranking.
     */
    static List<String> ranked(Model<?> model, List<String> columns, List<String> featureNames) {
        Map<String, Double> byFeature = new HashMap<>();
        try {
            Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
            if (top != null) {
                for (List<Pair<String, Double>> scores : top.values()) {
                    for (Pair<String, Double> s : scores) {
                        double v = s.getB() == null || s.getB().isNaN() ? 0 : Math.abs(s.getB());
                        byFeature.merge(s.getA(), v, Math::max);
                    }
                }
            }
        } catch (RuntimeException noRanking) {
            // a model that cannot rank its features (kNN, kernels): the columns' order decides
        }
        Map<String, Double> byColumn = new HashMap<>();
        Map<String, List<String>> features = Features.byColumn(featureNames, columns);
        for (String c : columns) {
            double sum = 0;
            for (String f : features.get(c)) {
                sum += byFeature.getOrDefault(f, 0.0);
            }
            byColumn.put(c, sum);
        }
        List<String> out = new ArrayList<>(columns); // a stable sort keeps the given order among equals
        out.sort(Comparator.comparingDouble((String c) -> -byColumn.get(c)));
        return out;
    }

    static ModelExplanations.Permutation result(Result r, String metric, boolean higherIsBetter, int repeats, long seed, int top) {
        List<Importance> all = r.columns();
        List<ModelExplanations.ColumnImportance> cols = new ArrayList<>();
        for (Importance i : top > 0 && all.size() > top ? all.subList(0, top) : all) {
            List<Double> v = new ArrayList<>();
            i.values().forEach(x -> v.add(Json.num(x)));
            cols.add(new ModelExplanations.ColumnImportance(i.column(), i.features(), Json.num(i.mean()), Json.num(i.sd()), v));
        }
        return new ModelExplanations.Permutation(metric, higherIsBetter, Json.num(r.baseline()), repeats, seed, cols, null,
                r.inputColumns(), r.inputColumns() == null ? null : all.size());
    }

    private static int[] shuffle(int n, Random rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
