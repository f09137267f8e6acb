package dev.mlx.runtime.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Regression metrics and the residual summary (residual = actual - predicted). */
final class RegressionMetrics {
    /** (actual, predicted) pairs kept for the report's scatter plot. */
    static final int MAX_PAIRS = 500;

    private RegressionMetrics() {
    }

    static double value(String metric, double[] y, double[] yhat) {
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        switch (metric) {
            case "mse":
            case "rmse": {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (y[i] - yhat[i]) * (y[i] - yhat[i]);
                }
                return metric.equals("mse") ? s / n : Math.sqrt(s / n);
            }
            case "mae": {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += Math.abs(y[i] - yhat[i]);
                }
                return s / n;
            }
            case "r2": {
                double mean = 0;
                for (double v : y) {
                    mean += v;
                }
                mean /= n;
                double res = 0;
                double tot = 0;
                for (int i = 0; i < n; i++) {
                    res += (y[i] - yhat[i]) * (y[i] - yhat[i]);
                    tot += (y[i] - mean) * (y[i] - mean);
                }
                return tot == 0 ? Double.NaN : 1 - res / tot;
            }
            case "mape": {
                // a fraction, like every share in mlx; rows whose actual value is 0 have no percentage error
                double s = 0;
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (y[i] != 0) {
                        s += Math.abs((y[i] - yhat[i]) / y[i]);
                        m++;
                    }
                }
                return m == 0 ? Double.NaN : s / m;
            }
            default:
                throw new IllegalArgumentException("not a regression metric: " + metric);
        }
    }

    /** mean, sd, min, p05, p25, p50, p75, p95, max of the residuals, and the mean absolute residual. */
    static Map<String, Double> residuals(double[] y, double[] yhat) {
        int n = y.length;
        double[] r = new double[n];
        double mean = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - yhat[i];
            mean += r[i];
            abs += Math.abs(r[i]);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        mean /= n;
        double ss = 0;
        for (double v : r) {
            ss += (v - mean) * (v - mean);
        }
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        out.put("mean", mean);
        out.put("sd", n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0);
        out.put("mean_abs", abs / n);
        out.put("min", sorted[0]);
        out.put("p05", quantile(sorted, 0.05));
        out.put("p25", quantile(sorted, 0.25));
        out.put("p50", quantile(sorted, 0.50));
        out.put("p75", quantile(sorted, 0.75));
        out.put("p95", quantile(sorted, 0.95));
        out.put("max", sorted[n - 1]);
        return out;
    }

    /** Linear interpolation between closest ranks. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Up to {@link #MAX_PAIRS} (actual, predicted) pairs, rows evenly spaced. */
    static List<double[]> pairs(double[] y, double[] yhat) {
        int n = y.length;
        int m = Math.min(n, MAX_PAIRS);
        List<double[]> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            int row = m == n ? i : (int) ((long) i * n / m);
            out.add(new double[] {y[row], yhat[row]});
        }
        return out;
    }
}
