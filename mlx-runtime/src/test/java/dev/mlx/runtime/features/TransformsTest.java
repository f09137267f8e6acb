package dev.mlx.runtime.features;

import static dev.mlx.runtime.features.Fixtures.MEAN;
import static dev.mlx.runtime.features.Fixtures.MEDIAN;
import static dev.mlx.runtime.features.Fixtures.MODE;
import static dev.mlx.runtime.features.Fixtures.arithmetic;
import static dev.mlx.runtime.features.Fixtures.bin;
import static dev.mlx.runtime.features.Fixtures.call;
import static dev.mlx.runtime.features.Fixtures.clip;
import static dev.mlx.runtime.features.Fixtures.dateParts;
import static dev.mlx.runtime.features.Fixtures.derive;
import static dev.mlx.runtime.features.Fixtures.drop;
import static dev.mlx.runtime.features.Fixtures.feature;
import static dev.mlx.runtime.features.Fixtures.impute;
import static dev.mlx.runtime.features.Fixtures.log;
import static dev.mlx.runtime.features.Fixtures.normalize;
import static dev.mlx.runtime.features.Fixtures.onehot;
import static dev.mlx.runtime.features.Fixtures.standardize;
import static dev.mlx.runtime.features.Fixtures.tfidf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.DatePart;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Expr;
import dev.mlx.runtime.spec.Step;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Each transform against values computed by hand. */
class TransformsTest {
    private static final double EPS = 1e-12;

    private static Table numbers(double... x) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = i;
        }
        return Table.create("t", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
    }

    private static FeatureMatrix fitTransform(List<Step> steps, Table t) {
        FittedFeatures p = Pipeline.fit(steps, t, "y", null, Task.REGRESSION);
        FeatureMatrix m = p.transform(t);
        Fixtures.assertWellFormed(m);
        return m;
    }

    @Test
    void standardizeUsesMeanAndPopulationStd() {
        FeatureMatrix m = fitTransform(List.of(standardize("x")), numbers(1, 2, 3, 4));
        double std = Math.sqrt(1.25); // deviations 1.5, .5, .5, 1.5 -> mean square 1.25
        assertArrayEquals(new double[] {-1.5 / std, -0.5 / std, 0.5 / std, 1.5 / std}, feature(m, "x"), EPS);
        assertArrayEquals(new double[] {0, 1, 2, 3}, m.targets(), EPS);
    }

    @Test
    void standardizeOfAConstantColumnDividesByOne() {
        FeatureMatrix m = fitTransform(List.of(standardize("x")), numbers(5, 5, 5));
        assertArrayEquals(new double[] {0, 0, 0}, feature(m, "x"), EPS);
    }

    @Test
    void normalizeMapsTrainingRangeToZeroOne() {
        FeatureMatrix m = fitTransform(List.of(normalize("x")), numbers(2, 4, 6, 3));
        assertArrayEquals(new double[] {0, 0.5, 1, 0.25}, feature(m, "x"), EPS);
        FeatureMatrix constant = fitTransform(List.of(normalize("x")), numbers(7, 7));
        assertArrayEquals(new double[] {0, 0}, feature(constant, "x"), EPS);
    }

    @Test
    void logIsLog1pOfThePositivePart() {
        FeatureMatrix m = fitTransform(List.of(log("x")), numbers(-3, 0, Math.E - 1, 9));
        assertArrayEquals(new double[] {0, 0, 1, Math.log(10)}, feature(m, "x"), EPS);
    }

    @Test
    void clipLimitsToTheRange() {
        Step clip = clip("x", 0, 10);
        FeatureMatrix m = fitTransform(List.of(clip), numbers(-5, 5, 15));
        assertArrayEquals(new double[] {0, 5, 10}, feature(m, "x"), EPS);
    }

    @Test
    void imputeNumbersWithEachStatistic() {
        double nan = Double.NaN;
        Table t = numbers(1, 2, nan, 10, 2);
        assertArrayEquals(new double[] {1, 2, 3.75, 10, 2},
                feature(fitTransform(List.of(impute(MEAN, "x")), t), "x"), EPS);
        assertArrayEquals(new double[] {1, 2, 2, 10, 2},
                feature(fitTransform(List.of(impute(MEDIAN, "x")), t), "x"), EPS);
        Table even = numbers(1, 3, nan, 10, 20);
        assertArrayEquals(new double[] {1, 3, 6.5, 10, 20},
                feature(fitTransform(List.of(impute(MEDIAN, "x")), even), "x"), EPS);
        assertArrayEquals(new double[] {1, 2, 2, 10, 2},
                feature(fitTransform(List.of(impute(MODE, "x")), t), "x"), EPS);
        assertArrayEquals(new double[] {1, 2, -1, 10, 2},
                feature(fitTransform(List.of(impute(-1.0, "x")), t), "x"), EPS);
    }

    @Test
    void imputeCategoriesWithModeOrConstant() {
        Table t = Table.create("t", StringColumn.create("c", "a", "b", "", "b"), DoubleColumn.create("y", 0, 1, 0, 1));
        FeatureMatrix mode = fitTransform(List.of(impute(MODE, "c")), t);
        assertEquals(List.of("c@a", "c@b", "c@other"), mode.names());
        assertArrayEquals(new double[] {0, 1, 1, 1}, feature(mode, "c@b"), EPS);
        FeatureMatrix constant = fitTransform(List.of(impute("zzz", "c")), t);
        assertEquals(List.of("c@a", "c@b", "c@zzz", "c@other"), constant.names());
        assertArrayEquals(new double[] {0, 0, 1, 0}, feature(constant, "c@zzz"), EPS);
    }

    @Test
    void onehotNamesCategoriesAndSendsTheRestToOther() {
        Table train = Table.create("t", StringColumn.create("c", "b", "a", "b", "", "c", "b", "a"),
                DoubleColumn.create("y", 0, 0, 0, 0, 0, 0, 0));
        FittedFeatures p = Pipeline.fit(List.of(onehot("c")), train, "y", null, Task.REGRESSION);
        assertEquals(List.of("c@a", "c@b", "c@c", "c@other"), p.featureNames());
        FeatureMatrix m = p.transform(train);
        assertArrayEquals(new double[] {0, 1, 0, 0}, Fixtures.dense(m)[0], EPS);
        assertArrayEquals(new double[] {0, 0, 0, 0}, Fixtures.dense(m)[3], EPS); // missing: no feature at all
        Table test = Table.create("t", StringColumn.create("c", "zebra", "a"), DoubleColumn.create("y", 0, 0));
        FeatureMatrix unseen = p.transform(test);
        assertArrayEquals(new double[] {0, 0, 0, 1}, Fixtures.dense(unseen)[0], EPS);
        assertArrayEquals(new double[] {1, 0, 0, 0}, Fixtures.dense(unseen)[1], EPS);
    }

    @Test
    void onehotTopAndMinKeepFrequentCategories() {
        Table train = Table.create("t", StringColumn.create("c", "b", "a", "b", "c", "b", "a", "d"),
                DoubleColumn.create("y", new double[7]));
        FittedFeatures top = Pipeline.fit(List.of(new Step.OneHot(List.of("c"), 2, 1)), train, "y", null,
                Task.REGRESSION);
        assertEquals(List.of("c@a", "c@b", "c@other"), top.featureNames());
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 1}, feature(top.transform(train), "c@other"), EPS);
        FittedFeatures min = Pipeline.fit(List.of(new Step.OneHot(List.of("c"), 0, 3)), train, "y", null,
                Task.REGRESSION);
        assertEquals(List.of("c@b", "c@other"), min.featureNames());
    }

    @Test
    void onehotOfWholeNumbersNamesThemWithoutDecimals() {
        Table train = Table.create("t", IntColumn.create("k", 3, 1, 3), DoubleColumn.create("y", 0, 0, 0));
        FittedFeatures p = Pipeline.fit(List.of(onehot("k")), train, "y", null, Task.REGRESSION);
        assertEquals(List.of("k@1", "k@3", "k@other"), p.featureNames());
        Table test = Table.create("t", IntColumn.create("k", 2, 3), DoubleColumn.create("y", 0, 0));
        assertArrayEquals(new double[] {0, 0, 1}, Fixtures.dense(p.transform(test))[0], EPS);
        assertArrayEquals(new double[] {0, 1, 0}, Fixtures.dense(p.transform(test))[1], EPS);
    }

    @Test
    void categoriesAndBooleansLeftAloneAreOneHotEncodedAndNumbersPassThrough() {
        Table t = Table.create("t", DoubleColumn.create("n", 1.5, 0, 2), StringColumn.create("s", "x", "y", "x"),
                BooleanColumn.create("b", true, false, true), StringColumn.create("id", "r1", "r2", "r3"),
                StringColumn.create("label", "p", "q", "p"));
        FittedFeatures p = Pipeline.fit(List.of(), t, "label", "id", Task.CLASSIFICATION);
        assertEquals(List.of("n", "s@x", "s@y", "s@other", "b@false", "b@true", "b@other"), p.featureNames());
        assertEquals(List.of("n", "s", "b"), p.inputColumns());
        FeatureMatrix m = p.transform(t);
        assertArrayEquals(new double[] {1.5, 1, 0, 0, 0, 1, 0}, Fixtures.dense(m)[0], EPS);
        assertArrayEquals(new String[] {"p", "q", "p"}, m.labels());
        assertNull(m.targets());
        assertTrue(p.describe().get(0).getAsJsonObject().get("auto").getAsBoolean());
    }

    @Test
    void binCutsAtTrainingQuantilesClosedOnTheRight() {
        Step bin = bin(4, "x");
        FittedFeatures p = Pipeline.fit(List.of(bin), numbers(1, 2, 3, 4, 5, 6, 7, 8), "y", null, Task.REGRESSION);
        // quantiles of 1..8 at 1/4, 2/4, 3/4 (linear): 2.75, 4.5, 6.25
        assertEquals(List.of("x@(-inf,2.75]", "x@(2.75,4.5]", "x@(4.5,6.25]", "x@(6.25,inf)", "x@other"),
                p.featureNames());
        FeatureMatrix m = p.transform(numbers(2.75, 2.76, 100, -100, Double.NaN));
        assertArrayEquals(new double[] {1, 0, 0, 1, 0}, feature(m, "x@(-inf,2.75]"), EPS);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, feature(m, "x@(2.75,4.5]"), EPS);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0}, feature(m, "x@(6.25,inf)"), EPS);
    }

    @Test
    void binMergesRepeatedCutPoints() {
        Step bin = bin(4, "x");
        FittedFeatures p = Pipeline.fit(List.of(bin), numbers(0, 0, 0, 0, 0, 0, 1, 2), "y", null, Task.REGRESSION);
        // quantiles 0, 0, 0.25 -> cut points 0 and 0.25; no training row falls in (0,0.25], so no feature
        assertEquals(List.of("x@(-inf,0]", "x@(0.25,inf)", "x@other"), p.featureNames());
        assertEquals("[0.0,0.25]", p.describe().get(0).getAsJsonObject().getAsJsonArray("columns").get(0)
                .getAsJsonObject().get("edges").toString());
    }

    private static Table texts(String... docs) {
        return Table.create("t", StringColumn.create("text", docs), DoubleColumn.create("y", new double[docs.length]));
    }

    @Test
    void tfidfWeightsAndNormalises() {
        FittedFeatures p = Pipeline.fit(List.of(tfidf("text")), texts("A b", "a, C!", "a", ""), "y", null,
                Task.REGRESSION);
        assertEquals(List.of("text@a", "text@b", "text@c"), p.featureNames());
        FeatureMatrix m = p.transform(texts("a b b", "d", "c a"));
        double idfA = Math.log(5.0 / 4.0) + 1; // n = 4 documents, a in 3
        double idfB = Math.log(5.0 / 2.0) + 1; // b in 1
        double norm = Math.sqrt(idfA * idfA + 4 * idfB * idfB);
        assertArrayEquals(new double[] {idfA / norm, 2 * idfB / norm, 0}, Fixtures.dense(m)[0], EPS);
        assertArrayEquals(new double[] {0, 0, 0}, Fixtures.dense(m)[1], EPS);
        double norm2 = Math.sqrt(idfA * idfA + idfB * idfB);
        assertArrayEquals(new double[] {idfA / norm2, 0, idfB / norm2}, Fixtures.dense(m)[2], EPS);
    }

    @Test
    void bagOfWordsCountsNgramsWithinVocabularyLimits() {
        Step bow = new Step.TextVector(List.of("text"), Step.Weighting.COUNTS, 1000, 2, 1, 2);
        FittedFeatures p = Pipeline.fit(List.of(bow), texts("the cat sat", "the cat ran", "a dog"), "y", null,
                Task.REGRESSION);
        assertEquals(List.of("text@cat", "text@the", "text@the cat"), p.featureNames());
        FeatureMatrix m = p.transform(texts("The cat, the CAT!"));
        assertArrayEquals(new double[] {2, 2, 2}, Fixtures.dense(m)[0], EPS);
        Step capped = new Step.TextVector(List.of("text"), Step.Weighting.COUNTS, 1, 1, 1, 1);
        FittedFeatures one = Pipeline.fit(List.of(capped), texts("b a", "b c", "b"), "y", null, Task.REGRESSION);
        assertEquals(List.of("text@b"), one.featureNames());
    }

    @Test
    void datePartsMatchJavaTime() {
        int n = 2000;
        LocalDate start = LocalDate.of(2019, 12, 20);
        DateColumn d = DateColumn.create("d");
        for (int i = 0; i < n; i++) {
            d.append(start.plusDays(i * 3L));
        }
        d.appendMissing();
        Table t = Table.create("t", d, DoubleColumn.create("y", new double[n + 1]));
        Step parts = dateParts("d", DatePart.values());
        Step impute = impute(-1.0, "d_year", "d_quarter", "d_month", "d_week", "d_day", "d_weekday",
                "d_dayofyear", "d_hour", "d_weekend");
        FittedFeatures p = Pipeline.fit(List.of(parts, impute), t, "y", null, Task.REGRESSION);
        assertEquals(List.of("d_year", "d_quarter", "d_month", "d_week", "d_day", "d_weekday", "d_dayofyear", "d_hour",
                "d_weekend"), p.featureNames());
        double[][] m = Fixtures.dense(p.transform(t));
        for (int i = 0; i < n; i++) {
            LocalDate x = start.plusDays(i * 3L);
            int wd = x.getDayOfWeek().getValue();
            assertArrayEquals(new double[] {x.getYear(), x.get(IsoFields.QUARTER_OF_YEAR), x.getMonthValue(),
                    x.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), x.getDayOfMonth(), wd, x.getDayOfYear(), 0,
                    wd >= 6 ? 1 : 0}, m[i], x.toString());
        }
        assertArrayEquals(new double[] {-1, -1, -1, -1, -1, -1, -1, -1, -1}, m[n]);
    }

    @Test
    void datePartsOfDateTimesIncludeTheHour() {
        Table t = Table.create("t", DateTimeColumn.create("at", LocalDateTime.of(2024, 3, 10, 17, 45)),
                DoubleColumn.create("y", new double[1]));
        Step parts = dateParts("at", DatePart.HOUR, DatePart.WEEKDAY);
        double[][] m = Fixtures.dense(Pipeline.fit(List.of(parts), t, "y", null, Task.REGRESSION).transform(t));
        assertArrayEquals(new double[] {17, LocalDate.of(2024, 3, 10).get(ChronoField.DAY_OF_WEEK)}, m[0]);
    }

    @Test
    void deriveEvaluatesArithmeticAndFunctions() {
        Table t = Table.create("t", DoubleColumn.create("a", 4, 9, -2.5), DoubleColumn.create("b", 1, 2, 0),
                StringColumn.create("s", "héllo", "", "ab"), BooleanColumn.create("f", true, false, true),
                DateColumn.create("d1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), LocalDate.of(2023, 1, 1)),
                DateColumn.create("d2", LocalDate.of(2024, 1, 31), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1)),
                DoubleColumn.create("y", 0, 0, 0));
        Expr a = new Expr.Col("a");
        Expr b = new Expr.Col("b");
        List<Step> steps = List.of(
                derive("ratio", arithmetic("/", a, arithmetic("+", b, new Expr.Num(1)))),
                derive("mix", arithmetic("-", call("sqrt", call("abs", a)),
                        new Expr.Neg(call("pow", b, new Expr.Num(2))))),
                derive("r", call("round", a)),
                derive("m", call("max", a, b, new Expr.Num(3))),
                derive("len", call("length", new Expr.Col("s"))),
                derive("days", call("days_between", new Expr.Col("d1"), new Expr.Col("d2"))),
                derive("flag2", arithmetic("*", new Expr.Col("f"), new Expr.Num(2))),
                impute(0.0, "len"),
                drop("s", "d1", "d2", "f"));
        FittedFeatures p = Pipeline.fit(steps, t, "y", null, Task.REGRESSION);
        assertEquals(List.of("a", "b", "ratio", "mix", "r", "m", "len", "days", "flag2"), p.featureNames());
        assertEquals(List.of("a", "b", "s", "f", "d1", "d2"), p.inputColumns());
        FeatureMatrix m = p.transform(t);
        assertArrayEquals(new double[] {2, 3, -2.5}, feature(m, "ratio"), EPS);
        assertArrayEquals(new double[] {2 + 1, 3 + 4, Math.sqrt(2.5)}, feature(m, "mix"), EPS);
        assertArrayEquals(new double[] {4, 9, -3}, feature(m, "r"), EPS);
        assertArrayEquals(new double[] {4, 9, 3}, feature(m, "m"), EPS);
        assertArrayEquals(new double[] {5, 0, 2}, feature(m, "len"), EPS);
        assertArrayEquals(new double[] {30, -31, 365}, feature(m, "days"), EPS);
        assertArrayEquals(new double[] {2, 0, 2}, feature(m, "flag2"), EPS);
    }

    @Test
    void missingInputsAndImpossibleResultsAreMissingAndMustBeImputed() {
        Table t = Table.create("t", DoubleColumn.create("a", 1, Double.NaN, 0), DoubleColumn.create("y", 0, 0, 0));
        Step inverse = derive("inv", arithmetic("/", new Expr.Num(1), new Expr.Col("a")));
        FittedFeatures p = Pipeline.fit(List.of(inverse, impute(7.0, "inv", "a")), t,
                "y", null, Task.REGRESSION);
        assertArrayEquals(new double[] {1, 7, 7}, feature(p.transform(t), "inv"), EPS);
        RunException e = assertThrows(RunException.class, () -> Pipeline.fit(List.of(inverse), t, "y", null,
                Task.REGRESSION).transform(t));
        assertTrue(e.getMessage().contains("`a`"), e.getMessage());
    }

    @Test
    void missingNumbersAtTheEndNameTheFeature() {
        Table train = numbers(1, 2, 3);
        FittedFeatures p = Pipeline.fit(List.of(), train, "y", null, Task.REGRESSION);
        RunException e = assertThrows(RunException.class, () -> p.transform(numbers(1, Double.NaN)));
        assertEquals("feature `x` has 1 missing value after the features block (first in row 2); impute or drop it",
                e.getMessage());
    }

    @Test
    void datesThatReachTheEndAreAnError() {
        Table t = Table.create("t", DateColumn.create("d", LocalDate.of(2024, 1, 1)), DoubleColumn.create("y", new double[1]));
        RunException e = assertThrows(RunException.class,
                () -> Pipeline.fit(List.of(), t, "y", null, Task.REGRESSION));
        assertTrue(e.getMessage().contains("`d` holds dates"), e.getMessage());
    }

    @Test
    void rowsWithoutATargetAreLeftOut() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3, 4), StringColumn.create("label", "a", "", "b", "a"));
        FittedFeatures p = Pipeline.fit(List.of(standardize("x")), t, "label", null, Task.CLASSIFICATION);
        FeatureMatrix m = p.transform(t);
        assertArrayEquals(new int[] {0, 2, 3}, m.rowIds());
        assertArrayEquals(new String[] {"a", "b", "a"}, m.labels());
        // mean of 1, 3, 4 (row 2 has no target and is not used to fit)
        assertEquals((1 - 8.0 / 3) / Math.sqrt(((1 - 8.0 / 3) * (1 - 8.0 / 3) + (1.0 / 3) * (1.0 / 3)
                + (4.0 / 3) * (4.0 / 3)) / 3), feature(m, "x")[0], EPS);
        FeatureMatrix predict = p.transform(t.selectColumns("x"));
        assertEquals(4, predict.rows());
        assertNull(predict.labels());
    }

    @Test
    void numericClassLabelsAreText() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2), IntColumn.create("k", 0, 1));
        FeatureMatrix m = Pipeline.fit(List.of(), t, "k", null, Task.CLASSIFICATION).transform(t);
        assertArrayEquals(new String[] {"0", "1"}, m.labels());
        FeatureMatrix clusters = Pipeline.fit(List.of(), t, "k", null, Task.CLUSTERING).transform(t);
        assertArrayEquals(new String[] {"0", "1"}, clusters.labels());
        Table unlabeled = t.selectColumns("x");
        assertNull(Pipeline.fit(List.of(), unlabeled, null, null, Task.CLUSTERING).transform(unlabeled).labels());
    }

    @Test
    void predictionTablesMayBeEmptyOrCarryNumbersAsText() {
        Table train = Table.create("t", DoubleColumn.create("x", 1, 2, 3), StringColumn.create("c", "a", "b", "a"),
                DoubleColumn.create("y", 1, 2, 3));
        FittedFeatures p = Pipeline.fit(List.of(standardize("x")), train, "y", null, Task.REGRESSION);
        FeatureMatrix empty = p.transform(train.emptyCopy());
        assertEquals(0, empty.rows());
        assertEquals(p.featureNames(), empty.names());
        Table request = Table.create("r", StringColumn.create("x", "2"), StringColumn.create("c", "b"));
        FeatureMatrix m = p.transform(request);
        assertArrayEquals(new double[] {0, 0, 1, 0}, Fixtures.dense(m)[0], EPS);
        assertNull(m.targets());
        RunException e = assertThrows(RunException.class, () -> p.transform(train.selectColumns("x", "y")));
        assertEquals("the data has no column `c`, which the features need", e.getMessage());
    }
}
