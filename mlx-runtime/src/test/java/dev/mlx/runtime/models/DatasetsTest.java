package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

class DatasetsTest {
    /** Names deliberately not in lexicographic order: Tribuo wants each example sorted by name. */
    private static final List<String> NAMES = List.of("zeta", "alpha", "mid@x", "beta");

    private static FeatureMatrix matrix(double bad) {
        int[][] idx = {{0, 1, 3}, {2}, {}, {0, 2}};
        double[][] val = {{1.5, -2, 4}, {7}, {}, {bad, 1}};
        return new FeatureMatrix(NAMES, idx, val, new String[] {"yes", "no", "yes", "no"}, new double[] {1, 2, 3, 4},
                new int[] {10, 11, 12, 13});
    }

    private static List<String> names(Example<?> e) {
        List<String> out = new ArrayList<>();
        for (Feature f : e) {
            out.add(f.getName());
        }
        return out;
    }

    @Test
    void rowsBecomeSortedExamplesWithTheirValues() {
        MutableDataset<Label> ds = Datasets.classification(matrix(3));
        assertEquals(4, ds.size());
        Example<Label> first = ds.getExample(0);
        assertEquals(List.of("alpha", "beta", "zeta"), names(first));
        assertEquals(-2, first.lookup("alpha").getValue());
        assertEquals(4, first.lookup("beta").getValue());
        assertEquals(1.5, first.lookup("zeta").getValue());
        assertEquals("yes", first.getOutput().getLabel());
        assertEquals(List.of("mid@x", "zeta"), names(ds.getExample(3)));
        assertEquals(3, ds.getExample(3).lookup("zeta").getValue());
    }

    @Test
    void anEmptyRowIsAnExplicitZero() {
        MutableDataset<Regressor> ds = Datasets.regression(matrix(3));
        Example<Regressor> empty = ds.getExample(2);
        assertEquals(1, empty.size());
        assertEquals(0.0, empty.iterator().next().getValue());
        assertEquals(3.0, empty.getOutput().getValues()[0]);
    }

    @Test
    void featureNamesAreSharedNotRebuilt() {
        MutableDataset<Label> ds = Datasets.classification(matrix(3));
        String zeta0 = ds.getExample(0).lookup("zeta").getName();
        String zeta3 = null;
        for (Feature f : ds.getExample(3)) {
            if (f.getName().equals("zeta")) {
                zeta3 = f.getName();
            }
        }
        assertSame(NAMES.get(0), zeta0);
        assertSame(zeta0, zeta3);
        // labels are interned too
        assertSame(ds.getExample(0).getOutput(), ds.getExample(2).getOutput());
    }

    @Test
    void nanIsRefusedWithTheFeatureAndRowNamed() {
        RunException e = assertThrows(RunException.class, () -> Datasets.classification(matrix(Double.NaN)));
        assertTrue(e.getMessage().contains("`zeta`") && e.getMessage().contains("row 14"), e.getMessage());
        assertThrows(RunException.class, () -> Datasets.regression(matrix(Double.POSITIVE_INFINITY)));
    }

    @Test
    void predictionExamplesMatchTrainingExamples() {
        FeatureMatrix m = matrix(3);
        Datasets.Encoder enc = Datasets.encoder(m.names());
        MutableDataset<Label> ds = Datasets.classification(m);
        for (int i = 0; i < m.rows(); i++) {
            Example<?> e = enc.example(m, i, Task.CLASSIFICATION);
            assertEquals(names(ds.getExample(i)), names(e));
            double[] a = new double[e.size()];
            double[] b = new double[e.size()];
            int j = 0;
            for (Feature f : e) {
                a[j++] = f.getValue();
            }
            j = 0;
            for (Feature f : ds.getExample(i)) {
                b[j++] = f.getValue();
            }
            assertArrayEquals(b, a);
        }
        FeatureMatrix other = new FeatureMatrix(List.of("q"), new int[][] {{0}}, new double[][] {{1}}, null, null, new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> enc.example(other, 0, Task.CLASSIFICATION));
    }

    @Test
    void aClassifierNeedsLabels() {
        FeatureMatrix m = new FeatureMatrix(NAMES, new int[][] {{0}}, new double[][] {{1}}, null, null, new int[] {0});
        assertThrows(RunException.class, () -> Datasets.classification(m));
        assertEquals(1, Datasets.clustering(m).size());
    }
}
