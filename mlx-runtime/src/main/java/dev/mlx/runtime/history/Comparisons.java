package dev.mlx.runtime.history;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.RunComparison;
import dev.mlx.runtime.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from one run to another, from their typed results: the {@code .mlx} text (a unified
 * diff), the data (hash, rows, columns), the parameters, and every metric of every model with whether
 * the change is within noise. A cross-validated metric has a spread of its own, so its change is
 * judged against twice the standard error of the difference of the two fold means; a holdout metric
 * is one number, judged against twice the later run's fold-to-fold standard deviation of the same
 * metric (how much one score of this model moves with the rows it is measured on).
 */
public final class Comparisons {
    private Comparisons() {
    }

    /**
     * How {@code after} differs from {@code before}.
     *
     * @param against what {@code before} is to {@code after}: "previous", "promoted" or "given"
     * @param beforeId the earlier run's id
     * @param beforeParams the earlier run's parameters (its run record's), empty when unknown
     */
    public static RunComparison between(String against, String beforeId, RunResult before, Map<String, Double> beforeParams,
                                        RunResult after, Map<String, Double> afterParams) {
        String fileBefore = before.source() == null ? "" : before.source().text();
        String fileAfter = after.source() == null ? "" : after.source().text();
        String name = after.source() == null ? "experiment.mlx" : after.source().file();
        String diff = TextDiff.unified(name + " (" + beforeId + ")", fileBefore, name + " (this run)", fileAfter);
        return new RunComparison(against, beforeId, before.status(), diff, data(before, after),
                parameters(beforeParams, afterParams), metrics(before.evaluation(), after.evaluation()),
                java.util.Arrays.asList(selected(before), selected(after)));
    }

    private static String selected(RunResult run) {
        return run.evaluation() == null || run.evaluation().selection() == null ? null : run.evaluation().selection().selected();
    }

    static RunComparison.DataChange data(RunResult before, RunResult after) {
        List<String> colsBefore = columns(before);
        List<String> colsAfter = columns(after);
        List<String> added = new ArrayList<>(colsAfter);
        added.removeAll(colsBefore);
        List<String> removed = new ArrayList<>(colsBefore);
        removed.removeAll(colsAfter);
        RunResult.DataSummary a = before.data();
        RunResult.DataSummary b = after.data();
        boolean same = Objects.equals(a.sha256(), b.sha256()) && Objects.equals(a.source(), b.source()) && a.rows() == b.rows()
                && a.columns() == b.columns() && added.isEmpty() && removed.isEmpty();
        return new RunComparison.DataChange(same, a.sha256(), b.sha256(), a.rows(), b.rows(), a.columns(), b.columns(), added,
                removed);
    }

    private static List<String> columns(RunResult run) {
        return run.review() == null ? List.of() : run.review().columns().stream().map(DataReview.Column::name).toList();
    }

    static List<RunComparison.ParameterChange> parameters(Map<String, Double> before, Map<String, Double> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<RunComparison.ParameterChange> changes = new ArrayList<>();
        for (String n : names) {
            Double a = before.get(n);
            Double b = after.get(n);
            if (!Objects.equals(a, b)) {
                changes.add(new RunComparison.ParameterChange(n, a, b));
            }
        }
        return changes;
    }

    /** Every metric of every model either run has, in the later run's order, then the models only the earlier had. */
    static List<RunComparison.MetricChange> metrics(Evaluation before, Evaluation after) {
        Map<String, Evaluation.ModelScores> a = models(before);
        Map<String, Evaluation.ModelScores> b = models(after);
        Set<String> names = new LinkedHashSet<>(b.keySet());
        names.addAll(a.keySet());
        int folds = folds(after) > 0 ? folds(after) : folds(before);
        List<String> metricOrder = new ArrayList<>();
        if (after != null) {
            metricOrder.addAll(after.metrics());
        }
        if (before != null) {
            before.metrics().stream().filter(m -> !metricOrder.contains(m)).forEach(metricOrder::add);
        }
        List<RunComparison.MetricChange> out = new ArrayList<>();
        for (String model : names) {
            Evaluation.ModelScores ma = a.get(model);
            Evaluation.ModelScores mb = b.get(model);
            for (String metric : metricOrder) {
                boolean higher = higherIsBetter(metric);
                Evaluation.CvSummary ca = ma == null || ma.cv() == null ? null : ma.cv().get(metric);
                Evaluation.CvSummary cb = mb == null || mb.cv() == null ? null : mb.cv().get(metric);
                if (ca != null || cb != null) {
                    Double sa = ca == null ? null : ca.sd();
                    Double sb = cb == null ? null : cb.sd();
                    Double noise = sa == null || sb == null || folds <= 0 ? null : 2 * Math.sqrt((sa * sa + sb * sb) / folds);
                    out.add(change(model, metric, "cv", ca == null ? null : ca.mean(), cb == null ? null : cb.mean(), sa, sb,
                            noise, higher, ma == null, mb == null));
                }
                Double ha = ma == null || ma.holdout() == null ? null : ma.holdout().get(metric);
                Double hb = mb == null || mb.holdout() == null ? null : mb.holdout().get(metric);
                boolean hasA = ma != null && ma.holdout() != null && ma.holdout().containsKey(metric);
                boolean hasB = mb != null && mb.holdout() != null && mb.holdout().containsKey(metric);
                if (hasA || hasB) {
                    Double sd = cb != null ? cb.sd() : ca != null ? ca.sd() : null;
                    out.add(change(model, metric, "holdout", ha, hb, null, null, sd == null ? null : 2 * sd, higher,
                            !hasA, !hasB));
                }
            }
        }
        return out;
    }

    private static RunComparison.MetricChange change(String model, String metric, String on, Double before, Double after,
                                                     Double sdBefore, Double sdAfter, Double noise, boolean higher,
                                                     boolean onlyAfter, boolean onlyBefore) {
        Double difference = before == null || after == null ? null : after - before;
        String verdict;
        if (onlyAfter) {
            verdict = "new";
        } else if (onlyBefore) {
            verdict = "gone";
        } else if (difference == null) {
            verdict = "unknown";
        } else if (difference == 0) {
            verdict = "same";
        } else if (noise == null) {
            verdict = "unknown";
        } else if (Math.abs(difference) <= noise) {
            verdict = "within noise";
        } else {
            verdict = difference > 0 == higher ? "better" : "worse";
        }
        return new RunComparison.MetricChange(model, metric, on, before, after, sdBefore, sdAfter, difference, noise, higher,
                verdict);
    }

    private static boolean higherIsBetter(String metric) {
        MetricSpec spec = Catalog.get().metrics().get(metric);
        return spec == null || spec.higherIsBetter();
    }

    private static int folds(Evaluation e) {
        return e == null || e.cv() == null ? 0 : e.cv().folds();
    }

    private static Map<String, Evaluation.ModelScores> models(Evaluation e) {
        Map<String, Evaluation.ModelScores> m = new LinkedHashMap<>();
        if (e != null) {
            for (Evaluation.ModelScores s : e.models()) {
                m.put(s.name(), s);
            }
        }
        return m;
    }
}
