package dev.mlx.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Numbers read by the short-decimal fast path are bit for bit what Double.parseDouble reads. */
class ValuesTest {
    private static void same(String text) {
        double expected = Double.parseDouble(text);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Values.number(text)), text);
    }

    @Test
    void shortDecimalsReadExactlyAsParseDouble() {
        Random rnd = new Random(9);
        for (int i = 0; i < 300_000; i++) {
            int digits = 1 + rnd.nextInt(17); // past 15 the slow path takes over
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(3) == 0) {
                sb.append(rnd.nextBoolean() ? '-' : '+');
            }
            int point = rnd.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point && rnd.nextBoolean()) {
                    sb.append('.');
                }
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            same(sb.toString());
            same(String.format(Locale.ROOT, "%.6f", rnd.nextGaussian() * Math.pow(10, rnd.nextInt(8))));
            same(Double.toString(rnd.nextDouble() * 1000));
        }
        for (String s : new String[] {"0", "-0", "+0", "0.0", "-0.000", ".5", "5.", "-.25", "999999999999999",
                "0.000000000000001", "123456789012345.", "9007199254740993", "1e10", "2.5E-3", "0.1", "0.3"}) {
            same(s);
        }
        for (String bad : new String[] {"", "-", ".", "1.2.3", "1e", "NaN", "Infinity", "1d", "0x10", " 1"}) {
            assertTrue(Double.isNaN(Values.number(bad)), bad);
        }
    }
}
