package dev.mlx.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.spec.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the feature tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Step step(String kind, List<String> columns, Map<String, Object> options) {
        return Step.transform(kind, columns, options);
    }

    static Step step(String kind, String... columns) {
        return Step.transform(kind, List.of(columns), Map.of());
    }

    /** The dense values of one feature, by name. */
    static double[] feature(FeatureMatrix m, String name) {
        int f = m.names().indexOf(name);
        assertTrue(f >= 0, "no feature " + name + " in " + m.names());
        double[] out = new double[m.rows()];
        for (int r = 0; r < m.rows(); r++) {
            int j = Arrays.binarySearch(m.indices()[r], f);
            out[r] = j >= 0 ? m.values()[r][j] : 0;
        }
        return out;
    }

    static double[][] dense(FeatureMatrix m) {
        double[][] out = new double[m.rows()][m.names().size()];
        for (int r = 0; r < m.rows(); r++) {
            for (int j = 0; j < m.indices()[r].length; j++) {
                out[r][m.indices()[r][j]] = m.values()[r][j];
            }
        }
        return out;
    }

    /** Sparse rows: indices strictly increasing, within range, no stored zeros. */
    static void assertWellFormed(FeatureMatrix m) {
        assertEquals(m.rows(), m.values().length);
        assertEquals(m.rows(), m.rowIds().length);
        for (int r = 0; r < m.rows(); r++) {
            int[] idx = m.indices()[r];
            assertEquals(idx.length, m.values()[r].length);
            for (int j = 0; j < idx.length; j++) {
                assertTrue(idx[j] >= 0 && idx[j] < m.names().size());
                assertTrue(j == 0 || idx[j] > idx[j - 1], "indices increase in row " + r);
                assertNotEquals(0.0, m.values()[r][j], "zero stored in row " + r);
            }
        }
    }
}
