package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Six decimals, rounded half-up from the double's exact value: the fast path against BigDecimal. */
class PredictFormatTest {
    private static String exact(double v) {
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void sixDecimalsAsBigDecimalWritesThem() {
        Random rnd = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 5) {
                case 0 -> rnd.nextDouble(); // probabilities
                case 1 -> (rnd.nextDouble() - 0.5) * 2e6; // values around the fast path's limit
                case 2 -> (rnd.nextInt(2_000_001) - 1_000_000) / 1e6 + 5e-7; // near-ties at the sixth decimal
                case 3 -> (rnd.nextDouble() - 0.5) * 1e-5; // tiny, both signs, often rounding to zero
                default -> (rnd.nextDouble() - 0.5) * 2e11;
            };
            assertEquals(exact(v), Predict.fixed6(v), "value " + v);
        }
        for (double v : new double[] {0.0, -0.0, 1.0, -1.0, 0.5, 0.0000005, -0.0000005, 0.0000015, 999_999.9999995,
                1e6, -1e6, 1e11, 0.1, 0.7, 2.675, 1e-300}) {
            assertEquals(exact(v), Predict.fixed6(v), "value " + v);
        }
    }
}
