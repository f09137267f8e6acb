package dev.mlx.runtime.eval;

import dev.mlx.runtime.eval.EvaluationResult.Curve;
import dev.mlx.runtime.eval.EvaluationResult.PerClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The holdout details of one model beyond its metrics, for the report. */
final class Details {
    private Details() {
    }

    /** {@code noise}: the model's noise cluster id ({@link dev.mlx.runtime.models.ClusterNoise}). */
    static void fill(ModelResult r, Scored s, String positive, int noise) {
        switch (s.task) {
            case CLASSIFICATION -> classification(r, s, positive);
            case REGRESSION -> {
                r.residuals = RegressionMetrics.residuals(s.y, s.yhat);
                r.pairs = RegressionMetrics.pairs(s.y, s.yhat);
            }
            case CLUSTERING -> {
                Map<Integer, Integer> sizes = new TreeMap<>();
                for (int c : s.cluster) {
                    sizes.merge(c, 1, Integer::sum);
                }
                Map<String, Integer> out = new LinkedHashMap<>();
                sizes.forEach((c, n) -> {
                    if (c != noise) {
                        out.put(String.valueOf(c), n);
                    }
                });
                if (sizes.containsKey(noise)) {
                    out.put(dev.mlx.runtime.models.ClusterNoise.LABEL, sizes.get(noise));
                }
                r.clusterSizes = out;
                if (noise != dev.mlx.runtime.models.ClusterNoise.NONE) {
                    r.noiseShare = s.n == 0 ? 0 : sizes.getOrDefault(noise, 0) / (double) s.n;
                }
            }
        }
    }

    private static void classification(ModelResult r, Scored s, String positive) {
        ClassificationMetrics cm = new ClassificationMetrics(s.actual, s.predicted, s.classes);
        List<PerClass> per = new ArrayList<>();
        for (int c = 0; c < s.classes.size(); c++) {
            per.add(new PerClass(s.classes.get(c), cm.precision[c], cm.recall[c], cm.f1[c], cm.support[c]));
        }
        r.perClass = List.copyOf(per);
        r.confusionLabels = s.classes;
        r.confusion = cm.confusion;
        if (s.probs == null) {
            return;
        }
        List<Curve> roc = new ArrayList<>();
        List<Curve> pr = new ArrayList<>();
        List<String> which = positive != null ? List.of(positive) : s.classes;
        for (String c : which) {
            int col = s.classes.indexOf(c);
            double[] score = ClassificationMetrics.column(s.probs, col);
            boolean[] is = ClassificationMetrics.isClass(s.actual, c);
            List<double[]> rocPoints = Ranking.thin(Ranking.roc(score, is), Ranking.MAX_POINTS);
            if (rocPoints != null) {
                roc.add(new Curve(c, rocPoints));
            }
            List<double[]> prPoints = Ranking.thin(Ranking.prPoints(score, is), Ranking.MAX_POINTS);
            if (prPoints != null) {
                pr.add(new Curve(c, prPoints));
            }
        }
        r.roc = List.copyOf(roc);
        r.pr = List.copyOf(pr);
    }
}
