package dev.mlx.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Builtin;
import dev.mlx.catalog.DatePart;
import dev.mlx.catalog.ImputeStatistic;
import dev.mlx.runtime.spec.ArithmeticOp;
import dev.mlx.runtime.spec.Expr;
import dev.mlx.runtime.spec.Fill;
import dev.mlx.runtime.spec.Step;
import java.util.Arrays;
import java.util.List;

/** Small helpers shared by the feature tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final Fill MEAN = new Fill.Statistic(ImputeStatistic.MEAN);
    static final Fill MEDIAN = new Fill.Statistic(ImputeStatistic.MEDIAN);
    static final Fill MODE = new Fill.Statistic(ImputeStatistic.MODE);

    static Step standardize(String... columns) {
        return new Step.Scale(List.of(columns), Step.Scaling.STANDARDIZE);
    }

    static Step normalize(String... columns) {
        return new Step.Scale(List.of(columns), Step.Scaling.NORMALIZE);
    }

    static Step log(String... columns) {
        return new Step.Log(List.of(columns));
    }

    static Step clip(String column, double lo, double hi) {
        return new Step.Clip(List.of(column), lo, hi);
    }

    static Step impute(Fill fill, String... columns) {
        return new Step.Impute(List.of(columns), fill);
    }

    static Step impute(double constant, String... columns) {
        return impute(new Fill.Number(constant), columns);
    }

    static Step impute(String constant, String... columns) {
        return impute(new Fill.Text(constant), columns);
    }

    /** {@code onehot COLUMNS}: every category. */
    static Step onehot(String... columns) {
        return new Step.OneHot(List.of(columns), 0, 1);
    }

    static Step bin(int into, String... columns) {
        return new Step.Bin(List.of(columns), into);
    }

    /** {@code tfidf COLUMNS} with the defaults: 1000 terms, found at least once, single words. */
    static Step tfidf(String... columns) {
        return new Step.TextVector(List.of(columns), Step.Weighting.TFIDF, 1000, 1, 1, 1);
    }

    static Step bagOfWords(String... columns) {
        return new Step.TextVector(List.of(columns), Step.Weighting.COUNTS, 1000, 1, 1, 1);
    }

    static Step dateParts(String column, DatePart... parts) {
        return new Step.DateParts(List.of(column), List.of(parts));
    }

    static Step derive(String name, Expr expr) {
        return new Step.Derive(name, expr);
    }

    static Step drop(String... columns) {
        return new Step.Drop(List.of(columns));
    }

    /** {@code left op right}, by the operator's symbol. */
    static Expr arithmetic(String symbol, Expr left, Expr right) {
        return new Expr.Arithmetic(ArithmeticOp.parse(symbol), left, right);
    }

    /** A call of a function, by its name. */
    static Expr call(String function, Expr... args) {
        return new Expr.Call(Builtin.parse(function), List.of(args));
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
