package dev.mlx.runtime.features;

import static dev.mlx.runtime.features.Fixtures.MEDIAN;
import static dev.mlx.runtime.features.Fixtures.MODE;
import static dev.mlx.runtime.features.Fixtures.clip;
import static dev.mlx.runtime.features.Fixtures.drop;
import static dev.mlx.runtime.features.Fixtures.impute;
import static dev.mlx.runtime.features.Fixtures.log;
import static dev.mlx.runtime.features.Fixtures.normalize;
import static dev.mlx.runtime.features.Fixtures.standardize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Step;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A pipeline rebuilt from what run.json records of it (as the Spark engine exports its own) transforms
 * every row as the fitted pipeline does, through its file too; a record it cannot rebuild is refused.
 */
class LearnedPipelineTest {
    private static Table table() {
        return Table.create("t",
                DoubleColumn.create("a", 1.5, Double.NaN, 3.0, 7.25, -2.0, 4.0, 0.5, 9.0),
                DoubleColumn.create("b", 10, 20, 20, 30, 1000, Double.NaN, 40, 50),
                StringColumn.create("c", "red", "blue", null, "red", "green", "red", "blue", "violet"),
                StringColumn.create("d", "x", "y", "x", "x", "z", "y", "x", "x"),
                BooleanColumn.create("flag", new boolean[] {true, false, true, true, false, false, true, true}),
                DoubleColumn.create("gone", 1, 2, 3, 4, 5, 6, 7, 8),
                StringColumn.create("y", "p", "q", "p", "q", "p", "q", "p", "p"));
    }

    private static final List<Data.Column> SCHEMA = List.of(new Data.Column("a", ColumnType.NUMBER, null),
            new Data.Column("b", ColumnType.NUMBER, null), new Data.Column("c", ColumnType.CATEGORY, null),
            new Data.Column("d", ColumnType.CATEGORY, null), new Data.Column("flag", ColumnType.BOOLEAN, null),
            new Data.Column("gone", ColumnType.NUMBER, null), new Data.Column("y", ColumnType.CATEGORY, null));

    @Test
    void theRebuiltPipelineTransformsAsTheFittedOne() throws Exception {
        List<Step> steps = List.of(impute(MEDIAN, "a"), impute(-1.0, "b"), impute(MODE, "c"), drop("gone"),
                clip("b", 0, 100), log("b"), standardize("a"), normalize("b"), new Step.OneHot(List.of("c"), 2, 1));
        Table t = table();
        FittedFeatures fitted = Pipeline.fit(steps, t, "y", null, Task.CLASSIFICATION);
        FeaturesLearned learned = new FeaturesLearned(fitted.describe(), fitted.featureNames().size(), List.of());
        FittedFeatures rebuilt = LearnedPipeline.rebuild(learned, SCHEMA, "y", null, Task.CLASSIFICATION);
        assertEquals(fitted.inputColumns(), rebuilt.inputColumns());
        assertEquals(fitted.featureNames(), rebuilt.featureNames());
        assertEquals(fitted.describe(), rebuilt.describe(), "it records what it was given");

        StringWriter file = new StringWriter();
        PipelineFile.write(rebuilt, file);
        FittedFeatures read = PipelineFile.read(file.toString(), "rebuilt");
        Table unseen = Table.create("u", DoubleColumn.create("a", Double.NaN, 100), DoubleColumn.create("b", -5, Double.NaN),
                StringColumn.create("c", "purple", null), StringColumn.create("d", "w", "y"),
                BooleanColumn.create("flag", new boolean[] {false, true}), StringColumn.create("y", "p", "q"));
        for (Table x : List.of(t, unseen)) {
            FeatureMatrix expected = fitted.transform(x);
            for (FittedFeatures p : List.of(rebuilt, read)) {
                FeatureMatrix actual = p.transform(x);
                assertEquals(expected.names(), actual.names());
                assertEquals(expected.rows(), actual.rows());
                for (int r = 0; r < expected.rows(); r++) {
                    assertArrayEquals(expected.indices()[r], actual.indices()[r], "row " + r);
                    assertArrayEquals(expected.values()[r], actual.values()[r], 0.0, "row " + r);
                }
            }
        }
        assertTrue(fitted.featureNames().contains("flag@true"), "booleans are encoded as categories: " + fitted.featureNames());
    }

    @Test
    void categoriesMayComeInAnyOrder() {
        FeaturesLearned.Encoded byCount = new FeaturesLearned.Encoded("d", List.of("x", "y"), List.of(5, 2), 3, 1);
        FeaturesLearned learned = new FeaturesLearned(List.of(new FeaturesLearned.Drop("drop", List.of("a", "b", "c", "flag",
                "gone")), new FeaturesLearned.OneHot("onehot", null, 2, null, List.of(byCount))), 3, List.of());
        FittedFeatures p = LearnedPipeline.rebuild(learned, SCHEMA, "y", null, Task.CLASSIFICATION);
        assertEquals(List.of("d@x", "d@y", "d@other"), p.featureNames());
        assertEquals(List.of("d"), p.inputColumns());
    }

    @Test
    void whatOnlyThisRuntimeFitsIsRefused() {
        FeaturesLearned learned = new FeaturesLearned(List.of(new FeaturesLearned.Derive("derive", "r", "a / b")), 1, List.of());
        RunException e = assertThrows(RunException.class,
                () -> LearnedPipeline.rebuild(learned, SCHEMA, "y", null, Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains("cannot rebuild the `derive` step"), e.getMessage());
    }
}
