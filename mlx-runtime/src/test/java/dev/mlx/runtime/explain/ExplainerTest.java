package dev.mlx.runtime.explain;

import dev.mlx.runtime.result.RunJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.catalog.ImportanceMethod;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FittedFeatures;
import dev.mlx.runtime.features.Pipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.spec.Explain;
import dev.mlx.runtime.spec.Step;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Explanations on data with a planted signal: the planted column must come first, noise near zero. */
class ExplainerTest {
    private static final List<Step> STEPS = List.of(
            new Step.Scale(List.of("signal", "noise"), Step.Scaling.STANDARDIZE),
            new Step.OneHot(List.of("color"), 0, 1));

    /** label "yes" exactly when signal > 0 (plus a little label noise); noise and color are irrelevant. */
    private static Table classification(int n, long seed) {
        Random r = new Random(seed);
        double[] signal = new double[n];
        double[] noise = new double[n];
        String[] color = new String[n];
        String[] label = new String[n];
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < n; i++) {
            signal[i] = r.nextGaussian();
            noise[i] = r.nextGaussian();
            color[i] = colors[r.nextInt(3)];
            label[i] = signal[i] + 0.1 * r.nextGaussian() > 0 ? "yes" : "no";
        }
        return Table.create("t", DoubleColumn.create("signal", signal), DoubleColumn.create("noise", noise),
                StringColumn.create("color", color), StringColumn.create("label", label));
    }

    private record Fitted(FittedFeatures pipeline, Model<?> model) {
    }

    private static Fitted logistic(Table train) {
        FittedFeatures p = Pipeline.fit(STEPS, train, "label", null, Task.CLASSIFICATION);
        Model<?> m = new LogisticRegressionTrainer().train(Datasets.classification(p.transform(train)));
        return new Fitted(p, m);
    }

    private static JsonObject explainClassification(Explain spec) {
        Table train = classification(600, 1);
        Fitted f = logistic(train);
        return RunJson.tree(Explainer.explain(spec, Task.CLASSIFICATION, "label", f.model(), f.pipeline(), train, classification(300, 2),
                List.of("no", "yes"), "yes", "accuracy", true, 42)).getAsJsonObject();
    }

    private static JsonObject column(JsonArray columns, String name) {
        for (JsonElement c : columns) {
            if (c.getAsJsonObject().get("column").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    @Test
    void permutationRanksThePlantedColumnFirstAndNoiseNearZero() {
        JsonObject x = explainClassification(new Explain(ImportanceMethod.PERMUTATION, 0, null, 0, List.of(), List.of()));
        JsonObject perm = x.getAsJsonObject("importance").getAsJsonObject("permutation");
        JsonArray columns = perm.getAsJsonArray("columns");
        assertEquals(3, columns.size(), "one entry per raw input column, target excluded");
        assertEquals("signal", columns.get(0).getAsJsonObject().get("column").getAsString());
        assertTrue(column(columns, "signal").get("mean").getAsDouble() > 0.25, columns.toString());
        assertTrue(Math.abs(column(columns, "noise").get("mean").getAsDouble()) < 0.03, columns.toString());
        assertTrue(Math.abs(column(columns, "color").get("mean").getAsDouble()) < 0.03, columns.toString());
        assertEquals(4, column(columns, "color").getAsJsonArray("features").size(),
                "three one-hot levels and the catch-all grouped under color: " + column(columns, "color"));
        assertEquals(5, column(columns, "signal").getAsJsonArray("values").size());
        assertTrue(perm.get("baseline").getAsDouble() > 0.9);
    }

    @Test
    void permutationIsDeterministicAndHonoursTop() {
        Explain spec = new Explain(ImportanceMethod.PERMUTATION, 1, null, 0, List.of(), List.of());
        JsonObject a = explainClassification(spec);
        JsonObject b = explainClassification(spec);
        assertEquals(a, b);
        assertEquals(1, a.getAsJsonObject("importance").getAsJsonObject("permutation").getAsJsonArray("columns").size());
    }

    @Test
    void modelImportanceNamesThePlantedFeature() {
        JsonObject x = explainClassification(new Explain(ImportanceMethod.MODEL, 3, null, 0, List.of(), List.of()));
        JsonObject imp = x.getAsJsonObject("importance");
        assertTrue(imp.get("permutation").isJsonNull());
        JsonObject outputs = imp.getAsJsonObject("model").getAsJsonObject("outputs");
        assertNotNull(outputs);
        JsonArray yes = outputs.getAsJsonArray("yes");
        assertEquals("signal", yes.get(0).getAsJsonObject().get("feature").getAsString(), yes.toString());
    }

    @Test
    void limeNamesThePlantedFeatureForEachRow() {
        JsonObject x = explainClassification(new Explain(null, 3, Explain.Lime.FIRST, 4, List.of(), List.of()));
        JsonArray rows = x.getAsJsonObject("lime").getAsJsonArray("rows");
        assertEquals(4, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.get(i).getAsJsonObject();
            assertEquals(i + 1, row.get("row").getAsInt());
            JsonArray features = row.getAsJsonArray("features");
            assertFalse(features.isEmpty(), row.toString());
            assertEquals("signal", features.get(0).getAsJsonObject().get("feature").getAsString(), row.toString());
            assertTrue(row.getAsJsonObject("values").has("color"));
            assertTrue(row.has("surrogate_r2"));
        }
    }

    @Test
    void limeSpeaksOfRawColumnsAndNamesAPlantedCategory() {
        // label "yes" exactly when color is red: the one-hot levels must fold back into the raw column
        Random r = new Random(9);
        int n = 900;
        double[] noise = new double[n];
        String[] color = new String[n];
        String[] label = new String[n];
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < n; i++) {
            noise[i] = r.nextGaussian();
            color[i] = colors[r.nextInt(3)];
            label[i] = color[i].equals("red") ? "yes" : "no";
        }
        Table t = Table.create("t", DoubleColumn.create("noise", noise), StringColumn.create("color", color),
                StringColumn.create("label", label));
        Table train = t.inRange(0, 600);
        Table test = t.inRange(600, n);
        FittedFeatures p = Pipeline.fit(List.of(new Step.Scale(List.of("noise"), Step.Scaling.STANDARDIZE),
                new Step.OneHot(List.of("color"), 0, 1)), train, "label", null, Task.CLASSIFICATION);
        Model<?> m = new LogisticRegressionTrainer().train(Datasets.classification(p.transform(train)));
        List<Integer> chosen = new java.util.ArrayList<>();
        int red = 0;
        for (int i = 0; i < test.rowCount() && chosen.size() < 5; i++) {
            boolean isRed = test.stringColumn("color").get(i).equals("red");
            if (isRed ? red < 3 : chosen.size() - red < 2) {
                chosen.add(i + 1);
                red += isRed ? 1 : 0;
            }
        }
        JsonObject x = RunJson.tree(Explainer.explain(new Explain(null, 3, Explain.Lime.ROWS, 0, chosen, List.of()),
                Task.CLASSIFICATION, "label", m, p, train, test, List.of("no", "yes"), "yes", "accuracy", true, 4)).getAsJsonObject();
        JsonArray rows = x.getAsJsonObject("lime").getAsJsonArray("rows");
        assertEquals(5, rows.size());
        int reds = 0;
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            JsonObject first = row.getAsJsonArray("features").get(0).getAsJsonObject();
            assertEquals("color", first.get("column").getAsString(), row.toString());
            assertTrue(first.get("feature").getAsString().startsWith("color@"), row.toString());
            assertTrue(row.get("words").isJsonNull(), "no text column, no words: " + row);
            if (row.getAsJsonObject("values").get("color").getAsString().equals("red")) {
                // "is red" decides the label, so the local surrogate fits well; "is green" cannot tell blue from red
                reds++;
                assertEquals("color@red", first.get("feature").getAsString(), row.toString());
                assertTrue(first.get("weight").getAsDouble() > 0.3, row.toString());
                assertTrue(row.get("surrogate_r2").getAsDouble() > 0.5, "the surrogate fits: " + row);
            }
        }
        assertEquals(3, reds, "three explained rows are red");
    }

    /** Short notes of filler words; "refund" is planted in the "yes" notes, "thanks" in some "no" ones. */
    private static Table notes(int n, long seed) {
        Random r = new Random(seed);
        String[] filler = {"order", "delivery", "package", "today", "please", "account", "the", "my", "was",
            "late", "call", "email", "store", "item", "week"};
        String[] note = new String[n];
        double[] amount = new double[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            boolean yes = r.nextBoolean();
            List<String> words = new java.util.ArrayList<>();
            for (int k = 0; k < 8; k++) {
                words.add(filler[r.nextInt(filler.length)]);
            }
            if (yes) {
                words.add(r.nextInt(words.size()), "refund");
            } else if (r.nextBoolean()) {
                words.add(r.nextInt(words.size()), "thanks");
            }
            note[i] = String.join(" ", words);
            amount[i] = r.nextGaussian() * 10 + 50;
            label[i] = yes ? "yes" : "no";
        }
        return Table.create("t", StringColumn.create("note", note), DoubleColumn.create("amount", amount),
                StringColumn.create("label", label));
    }

    @Test
    void textLimeNamesThePlantedWord() {
        Table train = notes(500, 1);
        Table test = notes(60, 2);
        FittedFeatures p = Pipeline.fit(List.of(new Step.TextVector(List.of("note"), Step.Weighting.TFIDF, 1000, 1, 1, 1),
                new Step.Scale(List.of("amount"), Step.Scaling.STANDARDIZE)), train, "label", null, Task.CLASSIFICATION);
        Model<?> m = new LogisticRegressionTrainer().train(Datasets.classification(p.transform(train)));
        List<Integer> refundRows = new java.util.ArrayList<>();
        for (int i = 0; i < test.rowCount() && refundRows.size() < 3; i++) {
            if (test.stringColumn("note").get(i).contains("refund")) {
                refundRows.add(i + 1);
            }
        }
        JsonObject x = RunJson.tree(Explainer.explain(new Explain(null, 5, Explain.Lime.ROWS, 0, refundRows, List.of()),
                Task.CLASSIFICATION, "label", m, p, train, test, List.of("no", "yes"), "yes", "accuracy", true, 11)).getAsJsonObject();
        JsonArray rows = x.getAsJsonObject("lime").getAsJsonArray("rows");
        assertEquals(3, rows.size());
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            assertEquals("yes", row.get("predicted").getAsString(), row.toString());
            JsonArray words = row.getAsJsonArray("words");
            JsonObject first = words.get(0).getAsJsonObject();
            assertEquals("refund", first.get("word").getAsString(), row.toString());
            assertEquals("note", first.get("column").getAsString());
            assertTrue(first.get("weight").getAsDouble() > 0, "refund pushes towards yes: " + row);
            assertTrue(row.get("words_surrogate_r2").getAsDouble() > 0.5, row.toString());
            // the numeric column is explained beside the words, by its raw name
            assertEquals("amount", row.getAsJsonArray("features").get(0).getAsJsonObject().get("column").getAsString(),
                    row.toString());
        }
    }

    @Test
    void limeChoosesRequestedAndMostUncertainRows() {
        JsonArray chosen = explainClassification(new Explain(null, 3, Explain.Lime.ROWS, 0, List.of(7, 2, 999), List.of()))
                .getAsJsonObject("lime").getAsJsonArray("rows");
        assertEquals(2, chosen.size(), "row 999 is outside the holdout and skipped");
        assertEquals(7, chosen.get(0).getAsJsonObject().get("row").getAsInt());
        assertEquals(2, chosen.get(1).getAsJsonObject().get("row").getAsInt());

        JsonArray uncertain = explainClassification(new Explain(null, 3, Explain.Lime.UNCERTAIN, 3, List.of(), List.of()))
                .getAsJsonObject("lime").getAsJsonArray("rows");
        assertEquals(3, uncertain.size());
        for (JsonElement r : uncertain) {
            JsonObject probs = r.getAsJsonObject().getAsJsonObject("probabilities");
            double max = Math.max(probs.get("no").getAsDouble(), probs.get("yes").getAsDouble());
            assertTrue(max < 0.75, "the most uncertain rows sit near the boundary: " + r);
        }
    }

    @Test
    void partialDependenceRisesWithThePlantedColumn() {
        JsonObject x = explainClassification(new Explain(null, 0, null, 0, List.of(), List.of("signal", "color")));
        JsonArray dep = x.getAsJsonArray("dependence");
        JsonObject signal = dep.get(0).getAsJsonObject();
        assertEquals("p(yes)", signal.get("output").getAsString());
        JsonArray avg = signal.getAsJsonArray("average");
        assertEquals(20, signal.getAsJsonArray("grid").size());
        assertTrue(avg.get(0).getAsDouble() < 0.1 && avg.get(avg.size() - 1).getAsDouble() > 0.9, avg.toString());
        assertEquals("`color` is not numeric", dep.get(1).getAsJsonObject().get("reason").getAsString());
    }

    @Test
    void regressionPermutationWithALowerIsBetterMetric() {
        Random r = new Random(3);
        int n = 500;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() * 10;
            b[i] = r.nextDouble() * 10;
            y[i] = 3 * a[i] + r.nextGaussian() * 0.5;
        }
        Table t = Table.create("t", DoubleColumn.create("a", a), DoubleColumn.create("b", b), DoubleColumn.create("y", y));
        Table train = t.inRange(0, 350);
        Table test = t.inRange(350, n);
        FittedFeatures p = Pipeline.fit(List.of(), train, "y", null, Task.REGRESSION);
        Model<?> m = new CARTRegressionTrainer(8).train(Datasets.regression(p.transform(train)));
        JsonObject x = RunJson.tree(Explainer.explain(new Explain(ImportanceMethod.PERMUTATION, 0, Explain.Lime.FIRST, 2, List.of(),
                List.of("a")), Task.REGRESSION, "y", m, p, train, test, null, null, "rmse", false, 7)).getAsJsonObject();
        JsonArray columns = x.getAsJsonObject("importance").getAsJsonObject("permutation").getAsJsonArray("columns");
        assertEquals("a", columns.get(0).getAsJsonObject().get("column").getAsString());
        assertTrue(column(columns, "a").get("mean").getAsDouble() > 5, "rmse grows by several units: " + columns);
        assertTrue(Math.abs(column(columns, "b").get("mean").getAsDouble()) < 0.5, columns.toString());
        JsonObject model = x.getAsJsonObject("importance").getAsJsonObject("model");
        assertFalse(model.get("outputs").isJsonNull(), model.toString());
        assertEquals("LIME needs a classification model that gives probabilities",
                x.getAsJsonObject("lime").get("reason").getAsString());
        JsonArray avg = x.getAsJsonArray("dependence").get(0).getAsJsonObject().getAsJsonArray("average");
        assertTrue(avg.get(avg.size() - 1).getAsDouble() - avg.get(0).getAsDouble() > 20, avg.toString());
    }

    @Test
    void aWideTableScoresTheColumnsTheModelRanksHighestAndSaysHowManyThereWere() {
        Random r = new Random(11);
        int n = 300;
        int noise = Permutation.MAX_COLUMNS + 50;
        List<tech.tablesaw.columns.Column<?>> cols = new java.util.ArrayList<>();
        for (int j = 0; j < noise; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextDouble();
            }
            cols.add(DoubleColumn.create("noise_" + j, v));
        }
        double[] a = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() * 10;
            y[i] = 3 * a[i] + r.nextGaussian() * 0.5;
        }
        cols.add(DoubleColumn.create("a", a)); // last: a cap by the columns' order would leave it out
        cols.add(DoubleColumn.create("y", y));
        Table t = Table.create("t", cols.toArray(new tech.tablesaw.columns.Column<?>[0]));
        Table train = t.inRange(0, 200);
        Table test = t.inRange(200, n);
        FittedFeatures p = Pipeline.fit(List.of(), train, "y", null, Task.REGRESSION);
        Model<?> m = new CARTRegressionTrainer(4).train(Datasets.regression(p.transform(train)));
        JsonObject perm = RunJson.tree(Explainer.explain(new Explain(ImportanceMethod.PERMUTATION, 0, null, 0, List.of(), List.of()),
                Task.REGRESSION, "y", m, p, train, test, null, null, "rmse", false, 7)).getAsJsonObject()
                .getAsJsonObject("importance").getAsJsonObject("permutation");
        assertEquals(noise + 1, perm.get("input_columns").getAsInt(), perm.keySet().toString());
        assertEquals(Permutation.MAX_COLUMNS, perm.get("scored_columns").getAsInt());
        JsonArray columns = perm.getAsJsonArray("columns");
        assertEquals(Permutation.MAX_COLUMNS, columns.size());
        assertEquals("a", columns.get(0).getAsJsonObject().get("column").getAsString());
        assertEquals(List.of("a"), List.of(column(columns, "a").getAsJsonArray("features").get(0).getAsString()));
    }

    @Test
    void aWideHoldoutScoresFewerColumnsButNeverFewerThanTheReportShows() {
        assertEquals(5, Permutation.scored(5, 300, 40, 5), "a narrow table: every column");
        assertEquals(Permutation.MAX_COLUMNS, Permutation.scored(400, 300, 400, 5));
        // the long agreement run's case 13416: 5,300 columns, 190 rows, some 15,000 features
        assertEquals(14, Permutation.scored(5_300, 190, 15_000, 5));
        assertEquals(Permutation.MIN_COLUMNS, Permutation.scored(5_000, 20_000, 50_000, 5));
    }

    @Test
    void aFeatureBelongsToTheLongestColumnItStartsWith() {
        List<String> columns = List.of("a", "a_b", "date");
        java.util.Map<String, List<String>> owned = Features.byColumn(
                List.of("a", "a@x", "a_b", "a_b@y", "a_c", "date_year", "other"), columns);
        assertEquals(List.of("a", "a@x", "a_c"), owned.get("a"));
        assertEquals(List.of("a_b", "a_b@y"), owned.get("a_b"));
        assertEquals(List.of("date_year"), owned.get("date"));
    }

    @Test
    void clusteringProfilesSeparateTheBlobs() {
        Random r = new Random(5);
        int n = 200;
        double[] u = new double[n];
        String[] kind = new String[n];
        for (int i = 0; i < n; i++) {
            boolean far = i % 2 == 0;
            u[i] = (far ? 100 : 0) + r.nextGaussian();
            kind[i] = far ? "far" : "near";
        }
        Table t = Table.create("t", DoubleColumn.create("u", u), StringColumn.create("kind", kind));
        FittedFeatures p = Pipeline.fit(List.of(new Step.OneHot(List.of("kind"), 0, 1)), t, null, null,
                Task.CLUSTERING);
        Model<?> m = new KMeansTrainer(2, 20, org.tribuo.math.distance.DistanceType.L2.getDistance(),
                KMeansTrainer.Initialisation.PLUSPLUS, 1, 11).train(Datasets.clustering(p.transform(t)));
        JsonObject x = RunJson.tree(Explainer.explain(new Explain(null, 0, null, 0, List.of(), List.of()), Task.CLUSTERING, null, m, p,
                t, t, null, null, "silhouette", true, 1)).getAsJsonObject();
        JsonArray profiles = x.getAsJsonArray("profiles");
        assertEquals(2, profiles.size());
        double m0 = profiles.get(0).getAsJsonObject().getAsJsonObject("means").get("u").getAsDouble();
        double m1 = profiles.get(1).getAsJsonObject().getAsJsonObject("means").get("u").getAsDouble();
        assertTrue(Math.abs(m0 - m1) > 90, profiles.toString());
        for (JsonElement pr : profiles) {
            assertEquals(100, pr.getAsJsonObject().get("rows").getAsInt());
            assertEquals(100, pr.getAsJsonObject().getAsJsonObject("top_values").getAsJsonArray("kind").get(0)
                    .getAsJsonObject().get("rows").getAsInt());
        }
    }
}
