package dev.mlx.runtime.features;

import static dev.mlx.runtime.features.Fixtures.MEAN;
import static dev.mlx.runtime.features.Fixtures.MEDIAN;
import static dev.mlx.runtime.features.Fixtures.MODE;
import static dev.mlx.runtime.features.Fixtures.arithmetic;
import static dev.mlx.runtime.features.Fixtures.bagOfWords;
import static dev.mlx.runtime.features.Fixtures.bin;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.DatePart;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Expr;
import dev.mlx.runtime.spec.Step;


import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Everything is learned from the training rows only, and survives serialisation. */
class LeakageAndSerialisationTest {
    private static final double EPS = 1e-12;

    private static Table train() {
        return Table.create("train",
                DoubleColumn.create("x", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                DoubleColumn.create("z", 1, 2, Double.NaN, 4, 5, 6, 7, 8, 9, 100),
                StringColumn.create("c", "a", "b", "a", "b", "a", "b", "a", "b", "a", "a"),
                StringColumn.create("text", "red apple", "green apple", "red", "green", "apple", "red apple",
                        "green", "red", "apple", "green apple"),
                StringColumn.create("y", "p", "q", "p", "q", "p", "q", "p", "q", "p", "q"));
    }

    /** Test rows nothing like the training rows: if fit ever saw them, every check below moves. */
    private static Table test() {
        return Table.create("test",
                DoubleColumn.create("x", 1000, 2000, 3000, 4000),
                DoubleColumn.create("z", Double.NaN, Double.NaN, 1e6, 2e6),
                StringColumn.create("c", "zzz", "zzz", "yyy", "a"),
                StringColumn.create("text", "blue banana", "banana banana apple", "blue", "apple"),
                StringColumn.create("y", "p", "q", "p", "q"));
    }

    private static List<Step> steps() {
        return List.of(
                impute(MEDIAN, "z"),
                standardize("x"),
                onehot("c"),
                bagOfWords("text"));
    }

    @Test
    void fitLearnsFromTrainingRowsOnly() {
        FittedFeatures p = Pipeline.fit(steps(), train(), "y", null, Task.CLASSIFICATION);
        FeatureMatrix m = p.transform(test());

        double trainStd = Math.sqrt(8.25); // 1..10: mean 5.5, population variance 8.25
        assertArrayEquals(new double[] {(1000 - 5.5) / trainStd, (2000 - 5.5) / trainStd, (3000 - 5.5) / trainStd,
                (4000 - 5.5) / trainStd}, feature(m, "x"), EPS);
        // the training median of z (1, 2, 4..9, 100 -> 6), not anything near the test values
        assertArrayEquals(new double[] {6, 6, 1e6, 2e6}, feature(m, "z"), EPS);
        // categories and vocabulary are the training ones; new test values fall into other / nowhere
        assertEquals(List.of("x", "z", "c@a", "c@b", "c@other", "text@apple", "text@green", "text@red"),
                m.names());
        assertArrayEquals(new double[] {1, 1, 1, 0}, feature(m, "c@other"), EPS);
        assertArrayEquals(new double[] {0, 1, 0, 1}, feature(m, "text@apple"), EPS);
        assertFalse(m.names().stream().anyMatch(n -> n.contains("banana") || n.contains("zzz")));
        assertArrayEquals(new String[] {"p", "q", "p", "q"}, m.labels());

        String learned = dev.mlx.runtime.result.RunJson.tree(new dev.mlx.runtime.result.FeaturesLearned(p.describe(), 0, List.of()))
                .toString();
        assertTrue(learned.contains("\"mean\":5.5"), learned);
        assertTrue(learned.contains("\"value\":6"), learned);
        assertTrue(learned.contains("\"vocabulary\":3"), learned);
    }

    @Test
    void transformingTestRowsDoesNotChangeWhatWasLearned() {
        FittedFeatures p = Pipeline.fit(steps(), train(), "y", null, Task.CLASSIFICATION);
        FeatureMatrix before = p.transform(train());
        p.transform(test());
        FeatureMatrix after = p.transform(train());
        assertTrue(Arrays.deepEquals(before.values(), after.values()));
        assertTrue(Arrays.deepEquals(before.indices(), after.indices()));
        assertEquals(0.0, Arrays.stream(feature(before, "x")).sum(), 1e-9); // standardized on these very rows
    }

    private static List<Step> everyStep() {
        return List.of(
                derive("ratio", arithmetic("/", new Expr.Col("x"), arithmetic("+", new Expr.Col("z"),
                        new Expr.Num(1)))),
                impute(MEAN, "z", "ratio"),
                clip("z", 0, 50),
                log("z"),
                normalize("ratio"),
                standardize("x"),
                bin(3, "w"),
                new Step.OneHot(List.of("c"), 3, 2),
                new Step.TextVector(List.of("text"), Step.Weighting.TFIDF, 50, 1, 1, 2),
                dateParts("d", DatePart.MONTH, DatePart.WEEKDAY, DatePart.WEEK),
                impute(MODE, "d_month", "d_weekday", "d_week"),
                drop("unused"));
    }

    private static Table random(int rows, long seed) {
        Random r = new Random(seed);
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn z = DoubleColumn.create("z");
        DoubleColumn w = DoubleColumn.create("w");
        StringColumn c = StringColumn.create("c");
        StringColumn k = StringColumn.create("k");
        StringColumn text = StringColumn.create("text");
        DateColumn d = DateColumn.create("d");
        DoubleColumn unused = DoubleColumn.create("unused");
        StringColumn y = StringColumn.create("y");
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
        for (int i = 0; i < rows; i++) {
            x.append(r.nextGaussian() * 3 + 1);
            z.append(r.nextInt(10) == 0 ? Double.NaN : r.nextDouble() * 80);
            w.append(r.nextInt(20));
            c.append("c" + r.nextInt(6));
            k.append(r.nextInt(15) == 0 ? "" : "k" + r.nextInt(3));
            StringBuilder t = new StringBuilder();
            for (int j = r.nextInt(6); j > 0; j--) {
                t.append(words[r.nextInt(words.length)]).append(' ');
            }
            text.append(t.toString());
            if (r.nextInt(20) == 0) {
                d.appendMissing();
            } else {
                d.append(LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2000)));
            }
            unused.append(r.nextDouble());
            y.append(r.nextBoolean() ? "yes" : "no");
        }
        return Table.create("random", x, z, w, c, k, text, d, unused, y);
    }

    @Test
    void serialisedPipelineTransformsIdentically() throws Exception {
        Table train = random(3000, 1);
        Table test = random(1000, 2);
        FittedFeatures p = Pipeline.fit(everyStep(), train, "y", null, Task.CLASSIFICATION);
        java.io.StringWriter json = new java.io.StringWriter();
        PipelineFile.write(p, json);
        FittedFeatures copy = PipelineFile.read(json.toString(), "test");
        // the same pipeline writes the same bytes: the file is a function of what was learned
        java.io.StringWriter again = new java.io.StringWriter();
        PipelineFile.write(copy, again);
        assertEquals(json.toString(), again.toString());
        assertNotSame(p, copy);
        assertEquals(p.featureNames(), copy.featureNames());
        assertEquals(p.inputColumns(), copy.inputColumns());
        assertEquals(List.of("x", "z", "w", "c", "k", "text", "d"), copy.inputColumns());
        assertEquals(p.describe(), copy.describe());
        FeatureMatrix a = p.transform(test);
        FeatureMatrix b = copy.transform(test);
        Fixtures.assertWellFormed(b);
        assertTrue(Arrays.deepEquals(a.indices(), b.indices()));
        assertTrue(Arrays.deepEquals(a.values(), b.values()));
        assertArrayEquals(a.labels(), b.labels());
        // the serialised form holds what was learned, not the rows
        assertTrue(json.toString().length() < 40_000, "pipeline file of " + json.toString().length() + " characters");
    }

    @Test
    void resultsDoNotDependOnChunkingOrRepetition() {
        Table train = random(60_000, 3); // several row chunks, so the parallel paths run
        FittedFeatures p1 = Pipeline.fit(everyStep(), train, "y", null, Task.CLASSIFICATION);
        FittedFeatures p2 = Pipeline.fit(everyStep(), train, "y", null, Task.CLASSIFICATION);
        assertEquals(p1.describe(), p2.describe());
        FeatureMatrix a = p1.transform(train);
        FeatureMatrix b = p2.transform(train);
        Fixtures.assertWellFormed(a);
        assertTrue(Arrays.deepEquals(a.values(), b.values()));
        // a single row gives the same features as that row inside the big table
        FeatureMatrix one = p1.transform(train.rows(12_345));
        assertArrayEquals(a.indices()[12_345], one.indices()[0]);
        assertArrayEquals(a.values()[12_345], one.values()[0], 0);
    }

    @Test
    void inputColumnsCanComeInAnyOrderAndExtraColumnsAreIgnored() {
        FittedFeatures p = Pipeline.fit(steps(), train(), "y", null, Task.CLASSIFICATION);
        Table shuffled = test().reorderColumns("text", "y", "c", "z", "x");
        shuffled.addColumns(DoubleColumn.create("extra", 1, 2, 3, 4));
        FeatureMatrix a = p.transform(test());
        FeatureMatrix b = p.transform(shuffled);
        assertTrue(Arrays.deepEquals(a.values(), b.values()));
    }
}
