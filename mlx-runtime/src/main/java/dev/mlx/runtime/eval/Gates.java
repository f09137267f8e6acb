package dev.mlx.runtime.eval;

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
            Double observed = null;
            String note = null;
            if (g.isLatency()) {
                if (selected.latency() == null) {
                    note = "latency was not measured";
                } else {
                    observed = selected.latency().get(g.percentile());
                }
            } else if ("cv".equals(g.on())) {
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
            boolean passed = observed != null && holds(observed, g.op(), g.threshold());
            out.add(new Gate(g.text(), g.metric(), g.op(), g.threshold(), g.on(), observed, passed, note));
        }
        return out;
    }

    static boolean holds(double v, String op, double threshold) {
        return switch (op) {
            case ">=" -> v >= threshold;
            case ">" -> v > threshold;
            case "<=" -> v <= threshold;
            case "<" -> v < threshold;
            case "==" -> v == threshold;
            case "!=" -> v != threshold;
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        };
    }
}
