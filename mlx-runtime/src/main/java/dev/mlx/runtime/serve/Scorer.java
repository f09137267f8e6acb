package dev.mlx.runtime.serve;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Predictions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * One served model behind the pipeline it was trained with: raw rows in, predictions out. Thread
 * safe: the fitted pipeline and Tribuo models only read their state when predicting.
 */
public final class Scorer {
    /** One prediction: the label (or value, or cluster, as text), class probabilities, value, cluster. */
    public record Scored(String prediction, Map<String, Double> probabilities, Double value, Integer cluster) {
    }

    private final String name;
    private final Model<?> model;
    private final FittedPipeline pipeline;
    private final Task task;
    private final Datasets.Encoder encoder;

    Scorer(String name, Model<?> model, FittedPipeline pipeline, Task task) {
        this.name = name;
        this.model = model;
        this.pipeline = pipeline;
        this.task = task;
        this.encoder = Datasets.encoder(pipeline.featureNames());
    }

    public String name() {
        return name;
    }

    public Model<?> model() {
        return model;
    }

    public FittedPipeline pipeline() {
        return pipeline;
    }

    /** Scores every row of the table, in order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Scored> score(Table rows) {
        FeatureMatrix m = pipeline.transform(rows);
        List<Scored> out = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            Example<?> ex = encoder.example(m, i, task);
            Prediction<?> p = Predictions.of((Model) model, (Example) ex);
            out.add(scored(p));
        }
        return out;
    }

    private Scored scored(Prediction<?> p) {
        Output<?> o = p.getOutput();
        if (o instanceof Label l) {
            Map<String, Double> probs = null;
            if (model.generatesProbabilities()) {
                probs = new LinkedHashMap<>();
                List<String> names = new ArrayList<>(p.getOutputScores().keySet());
                names.sort(null);
                for (String n : names) {
                    probs.put(n, ((Label) p.getOutputScores().get(n)).getScore());
                }
            }
            return new Scored(l.getLabel(), probs, null, null);
        } else if (o instanceof Regressor r) {
            double v = r.getValues()[0];
            return new Scored(Double.toString(v), null, v, null);
        } else if (o instanceof ClusterID c) {
            return new Scored(Integer.toString(c.getID()), null, null, c.getID());
        }
        return new Scored(o.toString(), null, null, null);
    }
}
