package dev.mlx.runtime.eval;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.eval.EvaluationResult.Comparison;
import dev.mlx.runtime.eval.EvaluationResult.Selection;
import dev.mlx.runtime.eval.EvaluationResult.Summary;
import dev.mlx.runtime.spec.Evaluate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the model and compares every model with the best and with the baseline, all on the
 * deciding metric: by the CV mean when cross-validation ran, else on the holdout. "best" takes the
 * best value (ties: the earlier model of the ladder); "simplest" takes the lowest catalog complexity
 * among models within {@code tolerance} (relative) of the best.
 */
final class Selector {
    private Selector() {
    }

    /**
     * The model's value of {@code metric} on cv (mean) or holdout, as selection weighs it; NaN when
     * absent. The silhouette of a model that marks noise is over the rows it clustered; here it is
     * weighted by that share (a noise row counts as 0, the silhouette of a point on its own), so
     * that calling the hard rows noise cannot win the selection.
     */
    static double value(ModelResult m, String metric, String on) {
        if (m.failed()) {
            return Double.NaN;
        }
        double v;
        if (on.equals("cv")) {
            Summary s = m.cv.get(metric);
            v = s == null ? Double.NaN : s.mean();
        } else {
            Double h = m.holdout.get(metric);
            v = h == null ? Double.NaN : h;
        }
        if (metric.equals("silhouette") && m.noiseShare != null) {
            v *= 1 - m.noiseShare;
        }
        return v;
    }

    static Selection select(List<ModelResult> models, String metric, Evaluate.Rule rule, double tolerance, String on,
                            boolean higher) {
        ModelResult best = null;
        double bestValue = Double.NaN;
        for (ModelResult m : models) {
            double v = value(m, metric, on);
            if (!Double.isNaN(v) && (best == null || (higher ? v > bestValue : v < bestValue))) {
                best = m;
                bestValue = v;
            }
        }
        if (best == null) {
            List<String> why = new ArrayList<>();
            for (ModelResult m : models) {
                why.add(m.name() + (m.failed() ? ": " + m.error() : ": no " + metric));
            }
            throw new RunException("no model could be scored on " + on + " " + metric + " (" + String.join("; ", why) + ")");
        }
        if (rule == Evaluate.Rule.BEST) {
            return new Selection(rule.word(), metric, on, higher, tolerance, best.name(), best.name(),
                    (higher ? "highest " : "lowest ") + on + " " + metric + " (" + fmt(bestValue) + noiseNote(best, metric) + ")");
        }
        double slack = tolerance * Math.abs(bestValue);
        ModelResult chosen = best;
        for (ModelResult m : models) {
            double v = value(m, metric, on);
            boolean within = !Double.isNaN(v) && (higher ? v >= bestValue - slack : v <= bestValue + slack);
            if (within && m.complexity() < chosen.complexity()) {
                chosen = m;
            }
        }
        // among equally simple candidates the earlier in the ladder wins
        for (ModelResult m : models) {
            double v = value(m, metric, on);
            boolean within = !Double.isNaN(v) && (higher ? v >= bestValue - slack : v <= bestValue + slack);
            if (within && m.complexity() == chosen.complexity()) {
                chosen = m;
                break;
            }
        }
        String reason = chosen == best
                ? "the best " + on + " " + metric + " (" + fmt(bestValue) + ") and no simpler model within "
                        + pct(tolerance) + " of it"
                : "simplest model within " + pct(tolerance) + " of the best " + on + " " + metric + ": "
                        + fmt(value(chosen, metric, on)) + " against " + fmt(bestValue) + " (" + best.name() + ")";
        return new Selection(rule.word(), metric, on, higher, tolerance, best.name(), chosen.name(), reason);
    }

    /** How a silhouette was weighted for a model that marks noise; empty otherwise. */
    private static String noiseNote(ModelResult m, String metric) {
        return metric.equals("silhouette") && m.noiseShare != null ? ", over every row: the " + pct(m.noiseShare)
                + " called noise count as 0" : "";
    }

    /** {@code m} minus {@code ref}: paired over folds with CV, else the holdout difference. */
    static Comparison compare(ModelResult m, ModelResult ref, String metric, String on) {
        if (ref == null || m == ref || m.failed() || ref.failed()) {
            return null;
        }
        if (on.equals("cv")) {
            Summary a = m.cv.get(metric);
            Summary b = ref.cv.get(metric);
            if (a == null || b == null) {
                return null;
            }
            List<Double> diffs = new ArrayList<>();
            for (int f = 0; f < Math.min(a.folds().size(), b.folds().size()); f++) {
                double d = a.folds().get(f) - b.folds().get(f);
                if (!Double.isNaN(d)) {
                    diffs.add(d);
                }
            }
            if (diffs.isEmpty()) {
                return null;
            }
            double mean = diffs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            int k = diffs.size();
            Double sd = null;
            Double t = null;
            if (k > 1) {
                double ss = 0;
                for (double d : diffs) {
                    ss += (d - mean) * (d - mean);
                }
                sd = Math.sqrt(ss / (k - 1));
                t = sd > 0 ? mean / (sd / Math.sqrt(k)) : null;
            }
            return new Comparison(ref.name(), mean, sd, t, k);
        }
        double d = value(m, metric, on) - value(ref, metric, on);
        return Double.isNaN(d) ? null : new Comparison(ref.name(), d, null, null, 0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pct(double tolerance) {
        return String.format(Locale.ROOT, "%.3g%%", tolerance * 100);
    }
}
