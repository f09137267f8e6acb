package dev.mlx.runtime.eval.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration tried: its number (from 1, in the order proposed), the hyperparameter values,
 * the seed its trainers got, the score of every fold with their mean and sample sd (over the folds
 * where the metric could be computed; NaN when none could), its wall time, and the error that
 * stopped it (null when it ran).
 */
public record Trial(int number, Map<String, Object> params, long seed, List<Double> folds, double mean, double sd,
                    long millis, String error) {
    public Trial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        folds = List.copyOf(folds);
    }

    /** A trial from its fold scores. */
    static Trial of(int number, Map<String, Object> params, long seed, List<Double> folds, long millis, String error) {
        double sum = 0;
        int n = 0;
        for (double v : folds) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double v : folds) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = n == 0 ? Double.NaN : n == 1 ? 0 : Math.sqrt(ss / (n - 1));
        return new Trial(number, params, seed, folds, mean, sd, millis, error);
    }

    /** Whether it ran and gave a score that can be compared. */
    public boolean scored() {
        return error == null && !Double.isNaN(mean);
    }

    /** Everything but the wall time, which varies between runs. */
    boolean sameOutcome(Trial o) {
        return number == o.number && params.equals(o.params) && seed == o.seed && folds.equals(o.folds)
                && Objects.equals(error, o.error);
    }
}
