package dev.mlx.runtime.review;

import dev.mlx.runtime.result.RunJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.catalog.CorrelationMethod;
import dev.mlx.catalog.OutlierMethod;
import dev.mlx.catalog.PlotKind;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Review;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A six-row table whose statistics are worked out by hand:
 * x = 1, 2, 3, 4, 100, (missing); y = 2, 4, 6, 8, 10, 12; label = p, p, q, q, q, p.
 */
class ReviewerTest {
    static final double EPS = 1e-12;

    static Table tiny() {
        DoubleColumn x = DoubleColumn.create("x", 1, 2, 3, 4, 100);
        x.appendMissing();
        LongColumn y = LongColumn.create("y", 2, 4, 6, 8, 10, 12);
        StringColumn cat = StringColumn.create("cat", "a", "b", "a", "", "c", "a");
        StringColumn label = StringColumn.create("label", "p", "p", "q", "q", "q", "p");
        DateColumn day = DateColumn.create("day", LocalDate.of(2020, 3, 1), LocalDate.of(2019, 12, 31),
                LocalDate.of(2020, 1, 5), LocalDate.of(2020, 3, 1), LocalDate.of(2020, 2, 2));
        day.appendMissing();
        BooleanColumn flag = BooleanColumn.create("flag", true, false, true, true, false, true);
        return Table.create("tiny", x, y, cat, label, day, flag);
    }

    static Review review(OutlierMethod outliers, double threshold, CorrelationMethod correlations, List<Double> quantiles) {
        return new Review(true, outliers, threshold, List.of(), correlations, true, quantiles, 2);
    }

    static JsonObject column(JsonObject review, String name) {
        for (JsonElement e : review.getAsJsonArray("columns")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no column " + name);
    }

    static double d(JsonObject o, String key) {
        return o.get(key).getAsDouble();
    }

    static List<Double> doubles(JsonArray a) {
        List<Double> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsDouble()));
        return out;
    }

    @Test
    void aColumnOfWordsShowsTheTypeTheExperimentGivesIt() {
        Review spec = review(OutlierMethod.IQR, 1.5, null, List.of());
        JsonObject plain = RunJson.tree(Reviewer.review(spec, tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals("string", column(plain, "cat").get("type").getAsString(), "without a schema: what the reader found");
        JsonObject typed = RunJson.tree(Reviewer.review(spec, tiny(), "label", Task.CLASSIFICATION,
                java.util.Map.of("cat", "text", "label", "category", "x", "category"))).getAsJsonObject();
        assertEquals("text", column(typed, "cat").get("type").getAsString(), "a declared `text` column is text, not string");
        assertEquals("category", column(typed, "label").get("type").getAsString());
        assertEquals("number", column(typed, "x").get("type").getAsString(), "a column read as numbers keeps its number type");
    }

    @Test
    void numericSummaryOverNonMissingValues() {
        JsonObject r = RunJson.tree(Reviewer.review(review(OutlierMethod.IQR, 1.5, null, List.of()), tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject();
        assertEquals(6, r.get("rows").getAsInt());
        JsonObject x = column(r, "x");
        assertEquals("number", x.get("type").getAsString());
        assertEquals(5, x.get("count").getAsInt());
        assertEquals(1, x.get("missing").getAsInt());
        assertEquals(1.0 / 6, d(x, "missing_share"), EPS);
        assertEquals(5, x.get("distinct").getAsInt());
        assertEquals(1, d(x, "min"));
        assertEquals(100, d(x, "max"));
        assertEquals(22, d(x, "mean"), EPS); // 110 / 5
        assertEquals(3, d(x, "median"));
        // deviations -21, -20, -19, -18, 78: squares sum to 7610; sample variance 7610 / 4
        assertEquals(Math.sqrt(7610 / 4.0), d(x, "std"), EPS);
        // default quantiles, type 7: h = 4q; q.05 -> 1 + 0.2 * (2 - 1); q.95 -> 4 + 0.8 * (100 - 4)
        JsonArray qs = x.getAsJsonArray("quantiles");
        assertEquals(5, qs.size());
        double[] expected = {1.2, 2, 3, 4, 80.8};
        double[] qAt = {0.05, 0.25, 0.5, 0.75, 0.95};
        for (int k = 0; k < 5; k++) {
            assertEquals(qAt[k], d(qs.get(k).getAsJsonObject(), "q"), EPS);
            assertEquals(expected[k], d(qs.get(k).getAsJsonObject(), "value"), 1e-9);
        }
        // Sturges: ceil(log2 5) + 1 = 4 bins of width 24.75 over 1..100
        JsonObject h = x.getAsJsonObject("histogram");
        assertEquals(List.of(1.0, 25.75, 50.5, 75.25, 100.0), doubles(h.getAsJsonArray("edges")));
        assertEquals(List.of(4.0, 0.0, 0.0, 1.0), doubles(h.getAsJsonArray("counts")));
        // q1 = 2, q3 = 4, IQR = 2: fences -1 and 7; only 100 (row 5) is outside
        JsonObject o = x.getAsJsonObject("outliers");
        assertEquals("iqr", o.get("method").getAsString());
        assertEquals(-1, d(o, "low"), EPS);
        assertEquals(7, d(o, "high"), EPS);
        assertEquals(1, o.get("count").getAsInt());
        JsonObject ex = o.getAsJsonArray("examples").get(0).getAsJsonObject();
        assertEquals(5, ex.get("row").getAsInt());
        assertEquals(100, d(ex, "value"));
    }

    @Test
    void requestedQuantilesAndZscoreOutliers() {
        JsonObject x = column(RunJson.tree(Reviewer.review(review(OutlierMethod.ZSCORE, 1.5, null, List.of(0.5, 0.9)), tiny(), null, null)).getAsJsonObject(), "x");
        JsonArray qs = x.getAsJsonArray("quantiles");
        assertEquals(2, qs.size());
        assertEquals(4 + 0.6 * 96, d(qs.get(1).getAsJsonObject(), "value"), 1e-9); // h = 3.6
        JsonObject o = x.getAsJsonObject("outliers");
        double std = Math.sqrt(7610 / 4.0);
        assertEquals(22 + 1.5 * std, d(o, "high"), 1e-9);
        assertEquals(1, o.get("count").getAsInt(), "|100 - 22| / 43.6 = 1.79 > 1.5");
        JsonObject none = column(RunJson.tree(Reviewer.review(review(OutlierMethod.ZSCORE, 3, null, List.of()), tiny(), null, null)).getAsJsonObject(), "x");
        assertEquals(0, none.getAsJsonObject("outliers").get("count").getAsInt(), "1.79 < 3");
        JsonObject off = column(RunJson.tree(Reviewer.review(review(null, 0, null, List.of()), tiny(), null, null)).getAsJsonObject(), "x");
        assertFalse(off.has("outliers"));
    }

    @Test
    void integerHistogramHasOneBinPerValueWhenFew() {
        JsonObject y = column(RunJson.tree(Reviewer.review(review(null, 0, null, List.of()), tiny(), null, null)).getAsJsonObject(), "y");
        assertEquals("integer", y.get("type").getAsString());
        JsonObject h = y.getAsJsonObject("histogram");
        // 2..12 spans 11 whole numbers: 11 bins with edges halfway between them
        assertEquals(12, h.getAsJsonArray("edges").size());
        assertEquals(1.5, h.getAsJsonArray("edges").get(0).getAsDouble());
        assertEquals(12.5, h.getAsJsonArray("edges").get(11).getAsDouble());
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0), doubles(h.getAsJsonArray("counts")));
    }

    @Test
    void textBooleanAndDateColumns() {
        JsonObject r = RunJson.tree(Reviewer.review(review(null, 0, null, List.of()), tiny(), null, null)).getAsJsonObject();
        JsonObject cat = column(r, "cat");
        assertEquals("string", cat.get("type").getAsString());
        assertEquals(5, cat.get("count").getAsInt());
        assertEquals(1, cat.get("missing").getAsInt());
        assertEquals(3, cat.get("distinct").getAsInt());
        assertEquals("[{\"value\":\"a\",\"count\":3},{\"value\":\"b\",\"count\":1},{\"value\":\"c\",\"count\":1}]",
                cat.get("top").toString(), "by count, then by value");
        assertFalse(cat.has("mean"));
        JsonObject flag = column(r, "flag");
        assertEquals("boolean", flag.get("type").getAsString());
        assertEquals("[{\"value\":\"true\",\"count\":4},{\"value\":\"false\",\"count\":2}]", flag.get("top").toString());
        JsonObject day = column(r, "day");
        assertEquals("date", day.get("type").getAsString());
        assertEquals("2019-12-31", day.get("min").getAsString());
        assertEquals("2020-03-01", day.get("max").getAsString());
        assertEquals(4, day.get("distinct").getAsInt());
        assertEquals(1, day.get("missing").getAsInt());
    }

    @Test
    void pearsonMatrixIsPairwiseCompleteWithEtaForACategoricalTarget() {
        JsonObject c = RunJson.tree(Reviewer.review(review(null, 0, CorrelationMethod.PEARSON, List.of()), tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject()
                .getAsJsonObject("correlations");
        assertEquals("pearson", c.get("method").getAsString());
        assertEquals("[\"x\",\"y\"]", c.get("columns").toString());
        JsonArray m = c.getAsJsonArray("matrix");
        // rows 1-5 only (x is missing in row 6): mean x 22, mean y 6; cov sum 400; x 7610; y 40
        double r = 400 / Math.sqrt(7610 * 40.0);
        assertEquals(r, m.get(0).getAsJsonArray().get(1).getAsDouble(), EPS);
        assertEquals(r, m.get(1).getAsJsonArray().get(0).getAsDouble(), EPS);
        assertEquals(1, m.get(0).getAsJsonArray().get(0).getAsDouble(), EPS);
        JsonObject t = c.getAsJsonObject("target");
        assertEquals("eta", t.get("measure").getAsString());
        // groups p = {1, 2}, q = {3, 4, 100}: between = 2 (1.5 - 22)^2 + 3 (107/3 - 22)^2, total 7610
        double eta = Math.sqrt((2 * Math.pow(1.5 - 22, 2) + 3 * Math.pow(107.0 / 3 - 22, 2)) / 7610);
        JsonObject ex = t.getAsJsonArray("values").get(0).getAsJsonObject();
        assertEquals("x", ex.get("column").getAsString());
        assertEquals(eta, d(ex, "value"), EPS);
        // y over all six rows: p = {2, 4, 12}, q = {6, 8, 10}, mean 7; total 70; between 3 (6 - 7)^2 + 3 (8 - 7)^2
        JsonObject ey = t.getAsJsonArray("values").get(1).getAsJsonObject();
        assertEquals(Math.sqrt(6 / 70.0), d(ey, "value"), EPS);
    }

    @Test
    void spearmanRanksWithinCompleteRows() {
        JsonObject c = RunJson.tree(Reviewer.review(review(null, 0, CorrelationMethod.SPEARMAN, List.of()), tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject()
                .getAsJsonObject("correlations");
        // x and y rise together over rows 1-5: the outlier does not matter to ranks
        assertEquals(1, c.getAsJsonArray("matrix").get(0).getAsJsonArray().get(1).getAsDouble(), EPS);
        // ranks 1..5, p = {1, 2}, q = {3, 4, 5}: between 2 (1.5 - 3)^2 + 3 (4 - 3)^2 = 7.5, total 10
        JsonObject ex = c.getAsJsonObject("target").getAsJsonArray("values").get(0).getAsJsonObject();
        assertEquals(Math.sqrt(0.75), d(ex, "value"), EPS);
    }

    @Test
    void numericTargetForRegressionAndUndefinedCorrelations() {
        Table t = tiny();
        t.addColumns(DoubleColumn.create("flat", 5, 5, 5, 5, 5, 5));
        JsonObject r = RunJson.tree(Reviewer.review(review(null, 0, CorrelationMethod.PEARSON, List.of()), t, "y", Task.REGRESSION)).getAsJsonObject();
        assertFalse(r.has("balance"), "no class balance for regression");
        JsonObject c = r.getAsJsonObject("correlations");
        JsonObject target = c.getAsJsonObject("target");
        assertEquals("pearson", target.get("measure").getAsString());
        assertEquals("[{\"column\":\"x\",\"value\":" + 400 / Math.sqrt(7610 * 40.0) + "},{\"column\":\"flat\",\"value\":null}]",
                target.get("values").toString(), "the target itself is left out; a constant has no correlation");
        assertTrue(c.getAsJsonArray("matrix").get(2).getAsJsonArray().get(2).isJsonNull());
    }

    @Test
    void balanceAndSample() {
        JsonObject r = RunJson.tree(Reviewer.review(review(null, 0, null, List.of()), tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject();
        JsonObject b = r.getAsJsonObject("balance");
        assertEquals("{\"target\":\"label\",\"count\":6,\"missing\":0,\"distinct\":2,\"classes\":[{\"value\":\"p\","
                + "\"count\":3,\"share\":0.5},{\"value\":\"q\",\"count\":3,\"share\":0.5}],\"imbalance\":1}", b.toString());
        JsonObject s = r.getAsJsonObject("sample");
        assertEquals("[\"x\",\"y\",\"cat\",\"label\",\"day\",\"flag\"]", s.get("columns").toString());
        assertEquals("[[\"1\",\"2\",\"a\",\"p\",\"2020-03-01\",\"true\"],[\"2\",\"4\",\"b\",\"p\",\"2019-12-31\",\"false\"]]",
                s.get("rows").toString());
        Table t = tiny();
        JsonObject last = RunJson.tree(Reviewer.review(new Review(true, null, 0, List.of(), null, false, List.of(), 10), t, null, null)).getAsJsonObject();
        JsonArray row6 = last.getAsJsonObject("sample").getAsJsonArray("rows").get(5).getAsJsonArray();
        assertEquals(6, last.getAsJsonObject("sample").getAsJsonArray("rows").size(), "at most the table");
        assertTrue(row6.get(0).isJsonNull(), "missing is null");
        assertTrue(row6.get(4).isJsonNull());
        assertFalse(last.has("balance"));
        assertFalse(last.has("correlations"));
    }

    @Test
    void plotsCarryTheirData() {
        Review spec = new Review(false, null, 0, List.of(new Review.Plot(PlotKind.HISTOGRAM, List.of("x")),
                new Review.Plot(PlotKind.BAR, List.of("cat")), new Review.Plot(PlotKind.BOX, List.of("x")),
                new Review.Plot(PlotKind.SCATTER, List.of("x", "y")), new Review.Plot(PlotKind.BAR, List.of("nope"))), null, false,
                List.of(), 0);
        JsonObject r = RunJson.tree(Reviewer.review(spec, tiny(), null, null)).getAsJsonObject();
        assertFalse(r.get("summary").getAsBoolean());
        JsonArray plots = r.getAsJsonArray("plots");
        assertEquals(5, plots.size());
        assertEquals("[4,0,0,1]", plots.get(0).getAsJsonObject().get("counts").toString());
        JsonObject bar = plots.get(1).getAsJsonObject();
        assertEquals(0, bar.get("other").getAsInt());
        assertEquals(1, bar.get("missing").getAsInt());
        JsonObject box = plots.get(2).getAsJsonObject();
        assertEquals(2, d(box, "q1"));
        assertEquals(4, d(box, "q3"));
        assertEquals(1, d(box, "whisker_low"));
        assertEquals(4, d(box, "whisker_high"), "100 is beyond q3 + 1.5 IQR = 7");
        assertEquals(1, box.get("outliers").getAsInt());
        JsonObject scatter = plots.get(3).getAsJsonObject();
        assertEquals("[[1,2],[2,4],[3,6],[4,8],[100,10]]", scatter.get("points").toString());
        assertEquals(5, scatter.get("total").getAsInt());
        assertFalse(scatter.get("sampled").getAsBoolean());
        assertEquals("no column `nope` in the data", plots.get(4).getAsJsonObject().get("error").getAsString());
    }

    @Test
    void scatterSamplesEvenlyPastTheLimit() {
        double[] a = new double[2500];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        Table t = Table.create("t", DoubleColumn.create("a", a), DoubleColumn.create("b", a));
        Review spec = new Review(false, null, 0, List.of(new Review.Plot(PlotKind.SCATTER, List.of("a", "b"))), null, false,
                List.of(), 0);
        JsonObject s = RunJson.tree(Reviewer.review(spec, t, null, null)).getAsJsonObject().getAsJsonArray("plots").get(0).getAsJsonObject();
        JsonArray points = s.getAsJsonArray("points");
        assertEquals(Reviewer.MAX_POINTS, points.size());
        assertTrue(s.get("sampled").getAsBoolean());
        assertEquals(0, points.get(0).getAsJsonArray().get(0).getAsInt());
        assertEquals(2498, points.get(999).getAsJsonArray().get(0).getAsInt(), "spread over the whole table");
    }

    @Test
    void deterministicAndValidJson() {
        Review spec = new Review(true, OutlierMethod.IQR, 1.5, List.of(new Review.Plot(PlotKind.BOX, List.of("y"))),
                CorrelationMethod.SPEARMAN, true, List.of(), 3);
        String a = RunJson.tree(Reviewer.review(spec, tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject().toString();
        String b = RunJson.tree(Reviewer.review(spec, tiny(), "label", Task.CLASSIFICATION)).getAsJsonObject().toString();
        assertEquals(a, b);
        assertEquals(a, JsonParser.parseString(a).toString());
    }

    @Test
    void ranksAverageTies() {
        double[] r = ReviewMath.ranks(new double[] {10, 20, 10, Double.NaN, -0.0, 0.0}, java.util.BitSet.valueOf(new long[] {1L << 3}));
        assertEquals(3.5, r[0]);
        assertEquals(5, r[1]);
        assertEquals(3.5, r[2]);
        assertTrue(Double.isNaN(r[3]));
        assertEquals(1.5, r[4], "-0.0 and 0.0 tie");
        assertEquals(1.5, r[5]);
    }
}
