package dev.mlx.runtime;

import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.result.ExperimentPlan;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.spec.Deploy;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Feedback;
import dev.mlx.runtime.spec.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the plan that run.json records for the report although no stage computes them: the
 * release gates as written, the retraining plan, serving and the feedback plan, and the input schema
 * a served model expects.
 */
public final class Plans {
    private Plans() {
    }

    /** The experiment as the .mlx file asks it: scope, gates, retraining, serving, feedback and the report's path. */
    public static ExperimentPlan describe(Experiment e) {
        List<ExperimentPlan.Gate> gates = new ArrayList<>();
        for (Scope.Gate g : e.scope().gates()) {
            if (g instanceof Scope.LatencyGate l) {
                gates.add(new ExperimentPlan.Gate(g.text(), "latency", l.op().symbol(), l.thresholdMs(), l.percentile().word()));
            } else {
                Scope.MetricGate m = (Scope.MetricGate) g;
                gates.add(new ExperimentPlan.Gate(g.text(), m.metric(), m.op().symbol(), m.threshold(), m.on().word()));
            }
        }
        Scope.Retrain r = e.scope().retrain();
        Deploy d = e.deploy();
        List<ExperimentPlan.Export> exports = new ArrayList<>();
        for (Deploy.Export x : d.exports()) {
            exports.add(new ExperimentPlan.Export(x.format().word(), x.path()));
        }
        Feedback f = e.feedback();
        ExperimentPlan.Feedback feedback = null;
        if (f != null) {
            Feedback.AbTest ab = f.abtest();
            feedback = new ExperimentPlan.Feedback(f.store().word(), f.location() == null ? null : Stages.redact(f.location()),
                    ab == null ? null : new ExperimentPlan.AbTest(ab.champion(), ab.challenger(), ab.challengerShare(), ab.stickyBy(),
                            ab.shadow()), f.onlineMetric(), f.windowDays(), f.retrainMargin(),
                    f.kpi() == null ? null : new ExperimentPlan.Kpi(f.kpi().name(), f.kpi().higherIsBetter()));
        }
        List<ExperimentPlan.Described> described = new ArrayList<>();
        for (dev.mlx.runtime.spec.Data.Column c : e.data().columns()) {
            if (c.description() != null) {
                described.add(new ExperimentPlan.Described(c.name(), c.description(), c.unit()));
            }
        }
        return new ExperimentPlan(e.name(), e.question(), e.scope().task().word(), e.scope().target(), e.scope().positive(),
                e.scope().metric(), gates, r == null ? null : new ExperimentPlan.Retrain(r.everyDays(), r.drift()),
                new ExperimentPlan.Deploy(d.port(), d.unknownPolicy().word(), exports), feedback, e.report(),
                described.isEmpty() ? null : described, modelCard(e.scope()));
    }

    /** The scope's intended use and limitations for run.json; null when it states neither. */
    private static ExperimentPlan.ModelCard modelCard(Scope s) {
        if (s.intendedUse() == null && s.limitations().isEmpty()) {
            return null;
        }
        return new ExperimentPlan.ModelCard(s.intendedUse(), s.limitations());
    }

    /** The raw columns the fitted pipeline reads, with the types the review found: a served model's input schema. */
    static List<FeaturesLearned.Input> inputs(List<String> columns, DataReview review) {
        Map<String, String> types = new HashMap<>();
        if (review != null) {
            for (DataReview.Column c : review.columns()) {
                types.put(c.name(), c.type());
            }
        }
        List<FeaturesLearned.Input> out = new ArrayList<>();
        for (String c : columns) {
            out.add(new FeaturesLearned.Input(c, types.get(c)));
        }
        return out;
    }
}
