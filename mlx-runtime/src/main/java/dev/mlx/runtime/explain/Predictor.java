package dev.mlx.runtime.explain;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Predictions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.clustering.ClusterID;
import org.tribuo.regression.Regressor;
import tech.tablesaw.api.Table;

/**
 * The selected model behind its fitted pipeline: raw table in, predictions out. Every explanation
 * changes raw rows and asks again, so the pipeline's own transformation (one-hot, tf-idf, date
 * parts, scaling) is always the one the model was trained behind.
 */
final class Predictor {
    /** Predictions for the rows of one table, with the truth when the table carries the target. */
    record Preds(FeatureMatrix matrix, String[] labels, double[][] probs, double[] values, int[] clusters) {
        int rows() {
            return matrix.rows();
        }
    }

    final Model<?> model;
    final FittedPipeline pipeline;
    final Task task;
    /** Class labels in probability-column order (classification), else null. */
    final List<String> classes;
    final boolean probabilities;
    private final Datasets.Encoder encoder;

    Predictor(Model<?> model, FittedPipeline pipeline, Task task, List<String> classes) {
        this.model = model;
        this.pipeline = pipeline;
        this.task = task;
        this.classes = task == Task.CLASSIFICATION ? (classes != null ? List.copyOf(classes) : domain(model)) : null;
        this.probabilities = task == Task.CLASSIFICATION && model.generatesProbabilities();
        this.encoder = Datasets.encoder(pipeline.featureNames());
    }

    private static List<String> domain(Model<?> model) {
        List<String> out = new ArrayList<>();
        for (Object o : model.getOutputIDInfo().getDomain()) {
            out.add(((Label) o).getLabel());
        }
        out.sort(null);
        return out;
    }

    Example<?> example(FeatureMatrix m, int row) {
        return encoder.example(m, row, task);
    }

    Preds predict(Table table) {
        FeatureMatrix m = pipeline.transform(table);
        List<Example<?>> examples = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            examples.add(encoder.example(m, i, task));
        }
        List<? extends Prediction<?>> preds = predictAll(model, examples);
        int n = preds.size();
        switch (task) {
            case CLASSIFICATION: {
                String[] labels = new String[n];
                double[][] probs = probabilities ? new double[n][classes.size()] : null;
                Map<String, Integer> column = new HashMap<>();
                for (int c = 0; c < classes.size(); c++) {
                    column.put(classes.get(c), c);
                }
                for (int i = 0; i < n; i++) {
                    Prediction<?> p = preds.get(i);
                    labels[i] = ((Label) p.getOutput()).getLabel();
                    if (probs != null) {
                        for (Map.Entry<String, ? extends Output<?>> e : p.getOutputScores().entrySet()) {
                            Integer c = column.get(e.getKey());
                            if (c != null) {
                                probs[i][c] = ((Label) e.getValue()).getScore();
                            }
                        }
                    }
                }
                return new Preds(m, labels, probs, null, null);
            }
            case REGRESSION: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = ((Regressor) preds.get(i).getOutput()).getValues()[0];
                }
                return new Preds(m, null, null, values, null);
            }
            default: {
                int[] clusters = new int[n];
                for (int i = 0; i < n; i++) {
                    clusters[i] = ((ClusterID) preds.get(i).getOutput()).getID();
                }
                return new Preds(m, null, null, null, clusters);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<? extends Prediction<?>> predictAll(Model<?> model, List<Example<?>> examples) {
        return Predictions.of((Model) model, (List) examples);
    }
}
