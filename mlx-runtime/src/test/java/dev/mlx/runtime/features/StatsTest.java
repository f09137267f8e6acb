package dev.mlx.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection-based quantiles give exactly what sorting gives. */
class StatsTest {
    @Test
    void quantilesBySelectionEqualQuantilesOfTheSortedValues() {
        Random rnd = new Random(3);
        double[] qs = {0, 0.05, 0.25, 0.5, 0.75, 0.95, 1};
        for (int trial = 0; trial < 2000; trial++) {
            int n = trial < 1000 ? 1 + trial % 40 : 1 + rnd.nextInt(5000);
            double[] v = new double[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    case 0 -> rnd.nextGaussian();
                    case 1 -> rnd.nextInt(4) - 1.5; // many ties
                    case 2 -> rnd.nextBoolean() ? 0.0 : -0.0; // signed zeros only
                    default -> rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(3); // missing values
                };
            }
            if (trial % 7 == 0) {
                Arrays.sort(v); // already sorted input
            }
            if (trial % 11 == 0) {
                for (int i = 0; i < n / 2; i++) { // reversed input
                    double t = v[i];
                    v[i] = v[n - 1 - i];
                    v[n - 1 - i] = t;
                }
            }
            double[] before = v.clone();
            double[] sorted = ColumnMath.sorted(v);
            for (double q : qs) {
                double expected = ColumnMath.quantile(sorted, q);
                double actual = ColumnMath.quantileOf(v, q);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                        "trial " + trial + " q " + q + ": " + expected + " vs " + actual);
            }
            assertTrue(Arrays.equals(before, v), "the input is left as it was");
        }
        assertTrue(Double.isNaN(ColumnMath.quantileOf(new double[] {Double.NaN}, 0.5)));
        assertTrue(Double.isNaN(ColumnMath.quantileOf(new double[0], 0.5)));
    }
}
