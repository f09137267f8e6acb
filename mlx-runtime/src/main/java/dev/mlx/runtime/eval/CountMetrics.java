package dev.mlx.runtime.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics from counts and sums an engine gathers where the rows are (a confusion matrix, sums of
 * errors), with the same formulas as the local engine's evaluation: macro F1 is macro F1 on every
 * engine. A metric these counts cannot give (one needing probabilities or rows) is left to the caller.
 */
public final class CountMetrics {
    private CountMetrics() {
    }

    /** Whether {@link #classification} computes {@code metric} from a confusion matrix alone. */
    public static boolean fromConfusion(String metric) {
        return !List.of("auc", "pr_auc", "log_loss").contains(metric);
    }

    /**
     * The confusion-matrix metrics among {@code names} (rows actual, columns predicted, both in
     * {@code classes} order); {@code positive} is the positive class of a binary task, else null.
     */
    public static Map<String, Double> classification(int[][] confusion, List<String> classes, String positive,
                                                     List<String> names) {
        ClassificationMetrics cm = new ClassificationMetrics(confusion, classes);
        int pos = positive == null ? -1 : classes.indexOf(positive);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String m : names) {
            if (fromConfusion(m)) {
                out.put(m, Metrics.fromConfusion(cm, m, pos));
            }
        }
        return out;
    }

    /** Sums over the rows of a regression's predictions; {@code mapeRows} counts the rows whose actual value is not 0. */
    public record RegressionSums(long rows, double squaredError, double absoluteError, double actual, double actualSquared,
                                 double absolutePercentError, long mapeRows) {
    }

    /** The regression metrics among {@code names}, as {@code RegressionMetrics} computes them from the rows. */
    public static Map<String, Double> regression(RegressionSums s, List<String> names) {
        Map<String, Double> out = new LinkedHashMap<>();
        long n = s.rows();
        for (String m : names) {
            double v;
            if (n == 0) {
                v = Double.NaN;
            } else {
                double mean = s.actual() / n;
                double total = s.actualSquared() - n * mean * mean;
                v = switch (m) {
                    case "mse" -> s.squaredError() / n;
                    case "rmse" -> Math.sqrt(s.squaredError() / n);
                    case "mae" -> s.absoluteError() / n;
                    case "r2" -> total <= 0 ? Double.NaN : 1 - s.squaredError() / total;
                    case "mape" -> s.mapeRows() == 0 ? Double.NaN : s.absolutePercentError() / s.mapeRows();
                    default -> throw new IllegalArgumentException("not a regression metric: " + m);
                };
            }
            out.put(m, v);
        }
        return out;
    }
}
