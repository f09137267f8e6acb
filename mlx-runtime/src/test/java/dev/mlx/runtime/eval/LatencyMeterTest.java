package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.LogisticSgd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@link LatencyMeter} times rows the way the server scores them: a row whose only features the model
 * never saw (a level only the holdout has) is scored as its all-zero row, not refused by Tribuo.
 */
class LatencyMeterTest {
    /** A one-hot of `level` fitted on rows that were all "a": any other level is `level@other`. */
    private record LevelOneHot() implements FittedPipeline {
        @Override
        public FeatureMatrix transform(Table table) {
            int n = table.rowCount();
            int[][] idx = new int[n][];
            double[][] val = new double[n][];
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = new int[] {table.stringColumn("level").get(i).equals("a") ? 0 : 1};
                val[i] = new double[] {1};
                ids[i] = i;
            }
            String[] labels = table.containsColumn("label") ? table.stringColumn("label").asObjectArray() : null;
            return new FeatureMatrix(featureNames(), idx, val, labels, null, ids);
        }

        @Override
        public List<String> featureNames() {
            return List.of("level@a", "level@other");
        }

        @Override
        public List<String> inputColumns() {
            return List.of("level");
        }
    }

    @Test
    void aRowOfFeaturesTheModelNeverSawIsTimedAsItsAllZeroRow() {
        LevelOneHot pipeline = new LevelOneHot();
        Table train = Table.create("train", StringColumn.create("level", "a", "a", "a", "a"),
                StringColumn.create("label", "x", "y", "x", "y"));
        Model<Label> model = new LogisticSgd(2, 1, 0.1, 7).train(pipeline.transform(train));
        assertEquals(-1, model.getFeatureIDMap().getID("level@other"), "the training rows never had another level");
        Table holdout = Table.create("holdout", StringColumn.create("level", "b", "a"));
        EvaluationResult.Latency latency = LatencyMeter.measure(model, pipeline, Task.CLASSIFICATION, LatencyMeter.rows(holdout));
        assertNotNull(latency);
        assertEquals(LatencyMeter.CALLS, latency.calls());
    }
}
