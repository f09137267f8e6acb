package dev.mlx.runtime.report;

import dev.mlx.runtime.result.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * The two charts of a binary classifier's model card drawn from its holdout curves: how far its
 * probabilities can be taken at their word (calibration), and what each decision threshold trades
 * (precision, recall and F1 against the threshold). Both come from the ROC and precision–recall
 * points run.json keeps, whose third value is the threshold: every holdout row's probability is one.
 */
final class Calibration {
    static final int BINS = 10;

    private Calibration() {
    }

    /**
     * The reliability diagram: holdout rows grouped by predicted probability in tenths, the mean
     * probability of each group against the share of it that was positive. Counts come from the ROC
     * curve: between two of its points, the true positive rate grows by the positives scored at that
     * threshold and the false positive rate by the negatives. Null without enough points.
     */
    static Chart calibration(Evaluation.Curve roc, String positive, long positives, long negatives) {
        return calibration(roc, positive, positives, negatives, "on the holdout");
    }

    /** As above, {@code where} saying which predictions the curve came from ("out of fold"). */
    static Chart calibration(Evaluation.Curve roc, String positive, long positives, long negatives, String where) {
        double[] rows = new double[BINS];
        double[] hits = new double[BINS];
        double[] sum = new double[BINS];
        double fpr = 0;
        double tpr = 0;
        for (List<Double> p : roc.points()) {
            if (p.size() < 3 || p.get(0) == null || p.get(1) == null || p.get(2) == null) {
                continue;
            }
            double t = Math.max(0, Math.min(1, p.get(2)));
            double newPos = (p.get(1) - tpr) * positives;
            double newNeg = (p.get(0) - fpr) * negatives;
            fpr = p.get(0);
            tpr = p.get(1);
            double n = newPos + newNeg;
            if (n <= 1e-9) {
                continue;
            }
            int bin = Math.min(BINS - 1, (int) Math.floor(t * BINS));
            rows[bin] += n;
            hits[bin] += newPos;
            sum[bin] += t * n;
        }
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (rows[b] >= 0.5) {
                points.add(new double[] {sum[b] / rows[b], hits[b] / rows[b]});
            }
        }
        if (points.size() < 2) {
            return null;
        }
        return Charts.lines("Calibration " + where + ": the mean predicted probability of “" + positive + "” in each tenth "
                        + "against the share of those rows that were “" + positive + "”; a calibrated model follows the diagonal",
                "predicted probability", "observed share", List.of(new Charts.SeriesIn("observed", points, "t-sel")),
                new double[] {0, 1}, new double[] {0, 1}, true);
    }

    /**
     * Precision, recall and F1 of “positive” when rows at or above a threshold are called positive,
     * for every threshold of the precision–recall curve. Null without enough points.
     */
    static Chart tradeOff(Evaluation.Curve pr, String positive) {
        return tradeOff(pr, positive, "on the holdout");
    }

    /** As above, {@code where} saying which predictions the curve came from ("out of fold"). */
    static Chart tradeOff(Evaluation.Curve pr, String positive, String where) {
        List<double[]> precision = new ArrayList<>();
        List<double[]> recall = new ArrayList<>();
        List<double[]> f1 = new ArrayList<>();
        for (List<Double> p : pr.points()) {
            if (p.size() < 3 || p.get(0) == null || p.get(1) == null || p.get(2) == null) {
                continue;
            }
            double t = Math.max(0, Math.min(1, p.get(2)));
            double r = p.get(0);
            double pre = p.get(1);
            recall.add(new double[] {t, r});
            precision.add(new double[] {t, pre});
            f1.add(new double[] {t, pre + r == 0 ? 0 : 2 * pre * r / (pre + r)});
        }
        if (f1.size() < 2) {
            return null;
        }
        // Drawn from threshold 0 to 1: the curve's points run from the highest threshold down.
        for (List<double[]> s : List.of(precision, recall, f1)) {
            s.sort((a, b) -> Double.compare(a[0], b[0]));
        }
        return Charts.lines("Threshold trade-off " + where + ": precision, recall and F1 of “" + positive + "” when rows "
                        + "at or above the threshold are called “" + positive + "”", "threshold", "score",
                List.of(new Charts.SeriesIn("precision", precision, "t-main"), new Charts.SeriesIn("recall", recall, "t-alt"),
                        new Charts.SeriesIn("F1", f1, "t-sel")), new double[] {0, 1}, new double[] {0, 1}, false);
    }
}
