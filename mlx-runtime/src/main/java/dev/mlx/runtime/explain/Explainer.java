package dev.mlx.runtime.explain;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ImportanceMethod;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.eval.EvaluationResult;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.result.ModelExplanations;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Explain;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Model;
import tech.tablesaw.api.Table;

/**
 * The {@code explain} stage: accountability for the selected model on the holdout rows. Everything
 * is computed from raw holdout rows through the fitted pipeline, so explanations speak of the
 * columns the user wrote. Seeded by the experiment seed: the same run explains identically.
 *
 * <p>The result ({@link ModelExplanations}, run.json's {@code explain}): a part not requested is
 * null, a part that cannot be computed carries a {@code reason}; LIME rows count from 1 in the holdout.
 * Permutation importance is computed when {@code importance permutation} is asked, on at most 100
 * columns, fewer on a wide holdout (the ones the model ranks highest; {@code input_columns} and
 * {@code scored_columns} then say how many there were and how many were scored); the model's own ranking (Tribuo's {@code getTopFeatures}) whenever importance is asked, as it
 * costs nothing.
 */
public final class Explainer {
    /** A row LIME cannot explain (far from every sample it draws): the row's fault, not a bug. */
    public static final class Unexplainable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unexplainable(String message) {
            super(message);
        }
    }

    private Explainer() {
    }

    /** The explanations the experiment asks for, of the selected model. */
    public static ModelExplanations explain(Experiment e, EvaluationResult result, Table train, Table test) {
        Explain spec = e.explain();
        String metric = result.metric();
        MetricSpec m = Catalog.get().metric(metric);
        boolean higher = m == null || m.higherIsBetter();
        return explain(spec, e.scope().task(), e.scope().target(), result.selectedModel(), result.pipeline(), train, test,
                result.classes(), result.positive(), metric, higher, e.seed());
    }

    /**
     * The explanations of {@code model} behind {@code pipeline} on the {@code test} rows; LIME samples
     * around a row from the statistics of the {@code train} rows.
     */
    static ModelExplanations explain(Explain spec, Task task, String target, Model<?> model, FittedPipeline pipeline, Table train,
                                     Table test, List<String> classes, String positive, String metric, boolean higherIsBetter,
                                     long seed) {
        if (spec == null) {
            return ModelExplanations.none();
        }
        Predictor p = new Predictor(model, pipeline, task, classes);
        boolean needPreds = (spec.lime() != null && task == Task.CLASSIFICATION && p.probabilities)
                || task == Task.CLUSTERING;
        Predictor.Preds preds = needPreds ? p.predict(test) : null; // an empty block costs nothing
        int top = spec.top();

        ModelExplanations.Importance importance = spec.importance() == null ? null
                : new ModelExplanations.Importance(spec.importance() == ImportanceMethod.PERMUTATION
                        ? permutation(p, test, target, task, metric, higherIsBetter, positive, seed, top) : null,
                        ModelImportance.result(model, top));

        ModelExplanations.LimeRows lime = null;
        if (spec.lime() != null) {
            if (task != Task.CLASSIFICATION || !p.probabilities) {
                lime = new ModelExplanations.LimeRows(null, "LIME needs a classification model that gives probabilities");
            } else {
                List<String> perturbable = RawColumns.perturbable(p, train);
                RawColumns view = RawColumns.of(p, RawColumns.stats(train, target, perturbable));
                lime = new ModelExplanations.LimeRows(Lime.explain(p, view, test, preds, Lime.rows(spec, preds), top, seed), null);
            }
        }

        List<ModelExplanations.Dependence> dependence = null;
        if (!spec.dependence().isEmpty()) {
            dependence = new ArrayList<>();
            for (String column : spec.dependence()) {
                dependence.add(Dependence.result(p, test, column, positive));
            }
        }
        return new ModelExplanations(importance, lime, dependence,
                task == Task.CLUSTERING ? Profiles.result(p, test, preds) : null);
    }

    private static ModelExplanations.Permutation permutation(Predictor p, Table test, String target, Task task, String metric,
                                                             boolean higherIsBetter, String positive, long seed, int top) {
        String why = task == Task.CLUSTERING ? "permutation importance needs a target to score against"
                : !HoldoutScore.supports(metric) ? "the metric `" + metric + "` cannot be recomputed here"
                : test.rowCount() < 2 ? "the holdout has fewer than 2 rows" : null;
        if (why != null) {
            return new ModelExplanations.Permutation(metric, null, null, null, null, null, why, null, null);
        }
        Permutation.Result r = Permutation.compute(p, test, target, metric, higherIsBetter, positive, seed,
                Permutation.REPEATS);
        return Permutation.result(r, metric, higherIsBetter, Permutation.REPEATS, seed, top);
    }

    /**
     * LIME for rows to be scored (the server's {@code POST /explain}): one entry per row of
     * {@code rows}, in the shape of {@code explain.lime.rows} of run.json, sampling around each row
     * from the {@code training} statistics of the raw columns. Only probabilistic classifiers can be
     * explained this way; the caller checks {@link #canExplain}.
     */
    public static List<ModelExplanations.LimeRow> limeRows(Model<?> model, FittedPipeline pipeline, Table rows, int top, long seed,
                                     List<SamplingStats> training) {
        Predictor p = new Predictor(model, pipeline, Task.CLASSIFICATION, null);
        Predictor.Preds preds = p.predict(rows);
        List<Integer> all = new java.util.ArrayList<>();
        for (int i = 0; i < preds.rows(); i++) {
            all.add(i);
        }
        List<SamplingStats> used = training.stream()
                .filter(s -> pipeline.inputColumns().contains(s.column()) && !pipeline.textColumns().contains(s.column())
                        && (s.numeric() || s.levels() != null))
                .toList();
        return Lime.explain(p, RawColumns.of(p, used), rows, preds, all, top, seed);
    }

    /** Whether {@link #limeRows} can explain this model: a classifier that gives probabilities. */
    public static boolean canExplain(Model<?> model, Task task) {
        return task == Task.CLASSIFICATION && model.generatesProbabilities();
    }

    /** One line for the console: what was explained. */
    public static String summary(ModelExplanations explain) {
        StringBuilder sb = new StringBuilder();
        if (explain.importance() != null) {
            ModelExplanations.Permutation perm = explain.importance().permutation();
            if (perm != null && perm.columns() != null && !perm.columns().isEmpty()) {
                sb.append("top column `").append(perm.columns().get(0).column()).append('`');
            } else {
                sb.append("model importance");
            }
        }
        if (explain.lime() != null && explain.lime().rows() != null) {
            sb.append(sb.length() > 0 ? ", " : "").append(explain.lime().rows().size()).append(" rows explained");
        }
        if (explain.dependence() != null) {
            sb.append(sb.length() > 0 ? ", " : "").append(explain.dependence().size()).append(" dependence curves");
        }
        if (explain.profiles() != null) {
            sb.append(sb.length() > 0 ? ", " : "").append(explain.profiles().size()).append(" cluster profiles");
        }
        return sb.length() == 0 ? "nothing asked" : sb.toString();
    }
}
