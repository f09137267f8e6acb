package dev.mlx.runtime.features;

import dev.mlx.runtime.result.RunJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Inspect;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The inspection finds planted problems, and only those. */
class InspectorTest {
    private static final Inspect ALL = new Inspect(true, true, true, 0.95, 0.9, 3);
    private static final Inspect NONE = new Inspect(false, false, false, null, null, 0);

    /** noise, a leaky copy of the label, a constant, a duplicate of noise, and a category. */
    private static Table planted(int rows, long seed, double unseenShare) {
        Random r = new Random(seed);
        DoubleColumn noise = DoubleColumn.create("noise");
        DoubleColumn leak = DoubleColumn.create("leak");
        DoubleColumn constant = DoubleColumn.create("constant");
        DoubleColumn dup = DoubleColumn.create("dup");
        DoubleColumn useful = DoubleColumn.create("useful");
        StringColumn plan = StringColumn.create("plan");
        StringColumn label = StringColumn.create("label");
        for (int i = 0; i < rows; i++) {
            boolean yes = r.nextBoolean();
            double n = r.nextGaussian();
            noise.append(n);
            dup.append(n);
            leak.append((yes ? 1 : 0) + r.nextDouble() * 0.01);
            constant.append(3);
            useful.append((yes ? 0.5 : 0) + r.nextGaussian());
            plan.append(r.nextDouble() < unseenShare ? "new" + r.nextInt(3) : "p" + r.nextInt(3));
            label.append(yes ? "yes" : "no");
        }
        return Table.create("t", noise, leak, constant, dup, useful, plan, label);
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static List<String> leakageFeatures(JsonObject report, String key) {
        List<String> out = new ArrayList<>();
        report.getAsJsonObject("leakage").getAsJsonArray(key)
                .forEach(e -> out.add(e.getAsJsonObject().get("feature").getAsString()));
        return out;
    }

    @Test
    void findsLeakConstantDuplicateAndPoorCoverage() {
        FittedFeatures p = Pipeline.fit(List.of(), planted(500, 1, 0), "label", null, Task.CLASSIFICATION);
        FeatureMatrix train = p.transform(planted(500, 1, 0));
        FeatureMatrix test = p.transform(planted(200, 2, 0.5));
        JsonObject report = RunJson.tree(Inspector.inspect(ALL, train, test, Task.CLASSIFICATION)).getAsJsonObject();

        assertEquals(List.of("constant"), strings(report.get("constant")));
        JsonArray dups = report.getAsJsonArray("duplicates");
        assertEquals(1, dups.size());
        assertEquals(List.of("noise", "dup"), strings(dups.get(0)));
        assertEquals(List.of("leak"), leakageFeatures(report, "suspects"));
        assertEquals("leak", leakageFeatures(report, "top").get(0));
        assertEquals("useful", leakageFeatures(report, "top").get(1)); // informative, but far below 0.95

        JsonObject coverage = report.getAsJsonObject("coverage");
        double share = coverage.get("share").getAsDouble();
        assertTrue(share > 0.4 && share < 0.6, "coverage " + share);
        assertEquals("plan", coverage.getAsJsonArray("columns").get(0).getAsJsonObject().get("column").getAsString());

        List<String> failures = strings(report.get("failures"));
        assertEquals(4, failures.size(), failures.toString());
        assertEquals("feature `constant` is constant (3 in every training row); drop it", failures.get(0));
        assertEquals("feature `dup` duplicates `noise` (identical in every training row); drop one of them",
                failures.get(1));
        assertTrue(failures.get(2).startsWith("feature `leak` alone predicts the target with AUC 1.000"),
                failures.get(2));
        assertTrue(failures.get(3).startsWith("only "), failures.get(3));

        assertEquals(3, report.getAsJsonArray("sample").size());
        assertEquals(0, report.getAsJsonObject("missing").get("total").getAsInt());
        assertEquals(500, report.get("rows").getAsInt());
    }

    @Test
    void cleanFeaturesPassAndDisabledChecksDoNotFail() {
        Table t = planted(300, 3, 0).selectColumns("noise", "useful", "plan", "label");
        FittedFeatures p = Pipeline.fit(List.of(), t, "label", null, Task.CLASSIFICATION);
        JsonObject clean = RunJson.tree(Inspector.inspect(ALL, p.transform(t), p.transform(planted(100, 4, 0)), Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(List.of(), strings(clean.get("failures")));
        assertEquals(List.of(), strings(clean.get("constant"))); // plan@other is all zero: a reserved slot
        assertEquals(1.0, clean.getAsJsonObject("coverage").get("share").getAsDouble());

        FittedFeatures planted = Pipeline.fit(List.of(), planted(300, 5, 0), "label", null, Task.CLASSIFICATION);
        FeatureMatrix train = planted.transform(planted(300, 5, 0));
        JsonObject quiet = RunJson.tree(Inspector.inspect(NONE, train, planted.transform(planted(100, 6, 0.9)), Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(List.of(), strings(quiet.get("failures")));
        assertEquals(List.of("constant"), strings(quiet.get("constant"))); // still reported, just not a failure
    }

    @Test
    void withoutABlockALargeTrainingSetIsReviewedFromASeededSample() {
        int n = Inspector.SAMPLE_ROWS + 20_000;
        Random r = new Random(8);
        double[] signal = new double[n];
        double[] noise = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            signal[i] = r.nextGaussian();
            noise[i] = 1 + r.nextDouble();
            labels[i] = signal[i] > 0 ? "yes" : "no";
        }
        FeatureMatrix m = matrix(new double[][] {signal, noise}, labels, null);
        JsonObject sampled = RunJson.tree(Inspector.inspect(null, m, m, Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(n, sampled.get("rows").getAsInt(), "rows counts every training row");
        assertEquals(Inspector.SAMPLE_ROWS, sampled.get("sampled_rows").getAsInt());
        assertEquals(sampled, RunJson.tree(Inspector.inspect(null, m, m, Task.CLASSIFICATION)).getAsJsonObject(), "the sample is seeded");
        JsonObject signalStats = sampled.getAsJsonArray("stats").get(0).getAsJsonObject();
        assertEquals(0.0, signalStats.get("mean").getAsDouble(), 0.02, "a sample estimates the mean");
        assertEquals("f0", sampled.getAsJsonObject("leakage").getAsJsonArray("top").get(0).getAsJsonObject()
                .get("feature").getAsString(), "the planted feature still leads the leakage list");

        JsonObject full = RunJson.tree(Inspector.inspect(new Inspect(false, true, false, null, null, 0), m, m, Task.CLASSIFICATION)).getAsJsonObject();
        assertTrue(full.get("sampled_rows").isJsonNull(), "a review that can fail on more than missing values looks at every row");
        assertEquals(n, full.get("rows").getAsInt());
        assertTrue(Inspector.overviewOnly(null) && Inspector.overviewOnly(NONE) && Inspector.overviewOnly(PLAN_DEFAULT));

        // missing values are counted in every row even so: two NaNs, one surely outside any sample of 100,000
        signal[3] = Double.NaN;
        signal[n - 1] = Double.NaN;
        FeatureMatrix holes = matrix(new double[][] {signal, noise}, labels, null);
        JsonObject withHoles = RunJson.tree(Inspector.inspect(PLAN_DEFAULT, holes, holes, Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(Inspector.SAMPLE_ROWS, withHoles.get("sampled_rows").getAsInt());
        assertEquals(2, withHoles.getAsJsonObject("missing").get("total").getAsInt());
        String failure = "1 feature has missing values: `f0` (2); impute them in the features block";
        assertEquals(failure, withHoles.getAsJsonArray("failures").get(0).getAsString());
        assertEquals(failure, Inspector.missingFailure(holes));
        assertEquals(failure, RunJson.tree(Inspector.inspect(new Inspect(true, true, false, null, null, 0), holes, holes,
                Task.CLASSIFICATION)).getAsJsonObject().getAsJsonArray("failures").get(0).getAsString(), "the same sentence from a full review");
        assertEquals(null, Inspector.missingFailure(m), "no missing values, no failure");
    }

    /** What the planner gives an experiment without an inspect block: only missing values fail. */
    private static final Inspect PLAN_DEFAULT = new Inspect(true, false, false, null, null, 5);

    private static FeatureMatrix matrix(double[][] columns, String[] labels, double[] targets) {
        int rows = columns[0].length;
        int[][] idx = new int[rows][];
        double[][] val = new double[rows][];
        List<String> names = new ArrayList<>();
        for (int f = 0; f < columns.length; f++) {
            names.add("f" + f);
        }
        for (int r = 0; r < rows; r++) {
            List<Integer> is = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (int f = 0; f < columns.length; f++) {
                if (columns[f][r] != 0) {
                    is.add(f);
                    vs.add(columns[f][r]);
                }
            }
            idx[r] = is.stream().mapToInt(Integer::intValue).toArray();
            val[r] = vs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int[] ids = new int[rows];
        for (int r = 0; r < rows; r++) {
            ids[r] = r;
        }
        return new FeatureMatrix(names, idx, val, labels, targets, ids);
    }

    private static double score(JsonObject report, String feature) {
        for (JsonElement e : report.getAsJsonObject("leakage").getAsJsonArray("top")) {
            if (e.getAsJsonObject().get("feature").getAsString().equals(feature)) {
                return e.getAsJsonObject().get("score").getAsDouble();
            }
        }
        throw new AssertionError("no score for " + feature);
    }

    @Test
    void singleFeatureAucByHand() {
        String[] labels = {"n", "y", "n", "y"};
        FeatureMatrix m = matrix(new double[][] {
                {1, 2, 3, 4},      // pairs (pos > neg): 2>1, 4>1, 4>3 of 4 -> 0.75
                {0, 0, 1, 1},      // ties between classes -> 0.5
                {-1, 5, -2, 0},    // both positives above both negatives (zeros and negatives mixed) -> 1
                {3, -1, 2, -5},    // reversed -> auc 0, reported as 1
        }, labels, null);
        JsonObject r = RunJson.tree(Inspector.inspect(NONE, m, null, Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(0.75, score(r, "f0"), 1e-12);
        assertEquals(0.5, score(r, "f1"), 1e-12);
        assertEquals(1.0, score(r, "f2"), 1e-12);
        assertEquals(1.0, score(r, "f3"), 1e-12);
    }

    @Test
    void multiclassAveragesThePairwiseAucs() {
        String[] labels = {"a", "a", "b", "b", "c", "c"};
        // f0 separates c from the rest but mixes a and b: a strong feature, not a leak.
        // f1 is the label written as a code: every pair of classes is split perfectly.
        FeatureMatrix m = matrix(new double[][] {{1, 2, 2, 1, 9, 8}, {1, 1, 2, 2, 3, 3}}, labels, null);
        JsonObject r = RunJson.tree(Inspector.inspect(new Inspect(false, false, false, 0.99, null, 0), m, null,
                Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals((0.5 + 1 + 1) / 3, score(r, "f0"), 1e-12);
        assertEquals(1.0, score(r, "f1"), 1e-12);
        List<String> failures = strings(r.get("failures"));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("`f1`"), failures.get(0));
    }

    @Test
    void regressionLeakageIsRSquaredOfALine() {
        double[] x = {1, 2, 0, 4, 5};
        double[] y = {2, 4, 5, 8, 9};
        FeatureMatrix m = matrix(new double[][] {x, {2, 2, 2, 2, 2}}, null, y);
        JsonObject r = RunJson.tree(Inspector.inspect(new Inspect(false, true, false, 0.5, null, 0), m, null, Task.REGRESSION)).getAsJsonObject();
        double mx = 12 / 5.0;
        double my = 28 / 5.0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 5; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        assertEquals(sxy * sxy / (sxx * syy), score(r, "f0"), 1e-12);
        assertEquals("r2", r.getAsJsonObject("leakage").get("metric").getAsString());
        assertEquals(List.of("f1"), strings(r.get("constant")));
        JsonObject stats = r.getAsJsonArray("stats").get(0).getAsJsonObject();
        assertEquals(0, stats.get("min").getAsDouble());
        assertEquals(5, stats.get("max").getAsDouble());
        assertEquals(2.4, stats.get("mean").getAsDouble(), 1e-12);
        assertEquals(Math.sqrt(sxx / 5), stats.get("std").getAsDouble(), 1e-12);
        assertEquals(0.8, stats.get("non_zero").getAsDouble(), 1e-12);
    }

    @Test
    void missingValuesAreCountedAndFailNoMissing() {
        FeatureMatrix m = matrix(new double[][] {{1, Double.NaN, 3}, {1, 2, 3}}, new String[] {"a", "b", "a"}, null);
        JsonObject r = RunJson.tree(Inspector.inspect(new Inspect(true, false, false, null, null, 0), m, null, Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(1, r.getAsJsonObject("missing").get("total").getAsInt());
        assertEquals(List.of("1 feature has missing values: `f0` (1); impute them in the features block"),
                strings(r.get("failures")));
    }

    @Test
    void clusteringHasNoLeakageCheck() {
        FeatureMatrix m = matrix(new double[][] {{1, 2, 3}}, null, null);
        JsonObject r = RunJson.tree(Inspector.inspect(ALL, m, null, Task.CLUSTERING)).getAsJsonObject();
        assertTrue(r.get("leakage").isJsonNull());
        assertTrue(r.get("coverage").isJsonNull());
        assertEquals(List.of(), strings(r.get("failures")));
    }
}
