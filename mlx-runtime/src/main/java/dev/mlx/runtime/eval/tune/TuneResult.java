package dev.mlx.runtime.eval.tune;

import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.Scalar;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code tune} statement found: every trial in the order proposed, the best one (null when
 * no trial could be scored) and the tuned model spec (the model as written with the best values in
 * place of its own; the model unchanged without a best). {@link #toResult()} gives it for run.json
 * ({@link Evaluation.Tuning}). Scores are the tuning metric per validation fold of the training
 * rows; a score that cannot be computed is null, and a failed trial has an {@code error} and no
 * scores. A trial's {@code seed} is the one its trainers got, unless the model writes its own
 * {@code seed}, which wins. {@code trials_run} is below {@code trials_requested} when the grid or a
 * finite space has fewer configurations. Times ({@code ms}) vary between runs; everything else is
 * identical for identical data and seeds.
 */
public record TuneResult(String model, String kind, String search, String metric, boolean higherIsBetter, int folds,
                         boolean stratified, long seed, int trialsRequested, List<Space.Dimension> space,
                         List<Trial> trials, Trial best, Model tuned, long millis) {
    public TuneResult {
        space = List.copyOf(space);
        trials = List.copyOf(trials);
    }

    /** {@code experiment} with this model's spec replaced by the tuned one. */
    public Experiment applyTo(Experiment e) {
        List<Model> models = new ArrayList<>();
        for (Model m : e.models()) {
            models.add(m.name().equals(model) ? tuned : m);
        }
        return new Experiment(e.name(), e.question(), e.source(), e.scope(), e.data(), e.review(), e.checks(),
                e.features(), e.inspect(), models, e.tunes(), e.evaluate(), e.explain(), e.deploy(), e.feedback(),
                e.report(), e.seed());
    }

    /** The result for run.json and the report. */
    public Evaluation.Tuning toResult() {
        List<Evaluation.Dimension> dims = new ArrayList<>();
        for (Space.Dimension d : space) {
            if (d.isChoice()) {
                List<Scalar> choices = new ArrayList<>();
                d.choices().forEach(c -> choices.add(Scalar.of(c)));
                dims.add(new Evaluation.Dimension(d.name(), choices, null, null, null, null));
            } else {
                dims.add(new Evaluation.Dimension(d.name(), null, num(d.lo()), num(d.hi()), d.log(), d.integer()));
            }
        }
        List<Evaluation.Trial> ts = new ArrayList<>();
        for (Trial t : trials) {
            List<Double> folds = new ArrayList<>();
            t.folds().forEach(v -> folds.add(num(v)));
            ts.add(new Evaluation.Trial(t.number(), params(t.params()), t.seed(), num(t.mean()), num(t.sd()), folds, t.millis(),
                    t.error()));
        }
        Evaluation.BestTrial b = best == null ? null
                : new Evaluation.BestTrial(best.number(), params(best.params()), num(best.mean()), num(best.sd()));
        return new Evaluation.Tuning(model, kind, search, metric, higherIsBetter, folds, stratified, seed, trialsRequested,
                trials.size(), dims, ts, b, params(tuned.params()), millis);
    }

    private static Map<String, Scalar> params(Map<String, Object> params) {
        Map<String, Scalar> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, Scalar.of(v)));
        return out;
    }

    private static Double num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }
}
