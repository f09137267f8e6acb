package dev.mlx.runtime.eval;

import dev.mlx.catalog.MeasuredOn;
import dev.mlx.runtime.eval.EvaluationResult.Gate;
import dev.mlx.runtime.eval.EvaluationResult.Summary;
import dev.mlx.runtime.spec.Scope;
import java.util.ArrayList;
import java.util.List;

/** The release gates of the scope, checked on the selected model. */
final class Gates {
    private Gates() {
    }

    static List<Gate> check(List<Scope.Gate> gates, ModelResult selected) {
        List<Gate> out = new ArrayList<>();
        for (Scope.Gate g : gates) {
            out.add(g instanceof Scope.LatencyGate l ? latency(l, selected) : metric((Scope.MetricGate) g, selected));
        }
        return out;
    }

    private static Gate latency(Scope.LatencyGate g, ModelResult selected) {
        Double observed = selected.latency() == null ? null : selected.latency().get(g.percentile().word());
        String note = selected.latency() == null ? "latency was not measured" : null;
        boolean passed = observed != null && g.op().holds(observed, g.thresholdMs());
        return new Gate(g.text(), "latency", g.op().symbol(), g.thresholdMs(), "serve", observed, passed, note);
    }

    private static Gate metric(Scope.MetricGate g, ModelResult selected) {
        Double observed = null;
        String note = null;
        if (g.on() == MeasuredOn.CV) {
            Summary s = selected.cv.get(g.metric());
            if (selected.cv.isEmpty()) {
                note = "no cross-validation ran";
            } else if (s == null) {
                note = g.metric() + " was not computed";
            } else if (Double.isNaN(s.mean())) {
                note = g.metric() + " could not be computed for " + selected.name();
            } else {
                observed = s.mean();
            }
        } else {
            Double v = selected.holdout.get(g.metric());
            if (v == null || Double.isNaN(v)) {
                note = g.metric() + " could not be computed for " + selected.name();
            } else {
                observed = v;
            }
        }
        boolean passed = observed != null && g.op().holds(observed, g.threshold());
        return new Gate(g.text(), g.metric(), g.op().symbol(), g.threshold(), g.on().word(), observed, passed, note);
    }
}
