package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The statistics of online evaluation and drift against values computed by hand and checked with
 * SciPy 1.17 (scipy.stats.ttest_ind(equal_var=False), t.ppf, t.cdf, kstwobign.sf, ks_2samp).
 */
class OnlineStatsTest {
    @Test
    void twoProportionZTest() {
        // champion 45/60 correct, challenger 30/60: pooled p = 0.625, se = sqrt(.625*.375*(2/60)) = 0.0883883
        Online.Test t = Online.zTest(45, 60, 30, 60);
        assertEquals(-0.25, t.difference(), 1e-12);
        assertEquals(-2.82842712474619, t.statistic(), 1e-9);
        assertEquals(0.004677734981047177, t.p(), 1e-6);
        // unpooled interval: -0.25 -+ 1.96 * sqrt(.75*.25/60 + .5*.5/60)
        double half = 1.959963984540054 * Math.sqrt(0.75 * 0.25 / 60 + 0.25 / 60);
        assertEquals(-0.25 - half, t.lo(), 1e-12);
        assertEquals(-0.25 + half, t.hi(), 1e-12);
    }

    @Test
    void welchTTest() {
        double[] a = {1.2, 0.8, 1.9, 2.2, 0.4, 1.1, 1.5};
        double[] b = {0.5, 0.3, 0.9, 0.2, 0.6, 0.4};
        Online.Test t = Online.welch(mean(a), var(a), a.length, mean(b), var(b), b.length);
        assertEquals(-3.1905941414047887, t.statistic(), 1e-9);
        assertEquals(8.103815493033958, t.df(), 1e-9);
        assertEquals(0.012579073163974051, t.p(), 1e-6);
        double se = Math.sqrt(var(a) / 7 + var(b) / 6);
        assertEquals(0.48333333333333334 - 1.3 - 2.3008721444462763 * se, t.lo(), 1e-6);
    }

    @Test
    void studentT() {
        assertEquals(0.8932009153989933, Distributions.tCdf(1.5, 3.7), 1e-7);
        assertEquals(0.028772469367475562, Distributions.tCdf(-2.1, 12), 1e-7);
        assertEquals(2.3008721444462763, Distributions.tQuantile(0.975, 8.103815493033958), 1e-6);
        assertEquals(0.975, Distributions.normalCdf(1.959963984540054), 1e-7);
    }

    @Test
    void wilsonInterval() {
        // every answer right (or wrong): the interval ends at the estimate itself, so it holds it
        assertEquals(1.0, Online.wilson(496, 496)[1]);
        assertEquals(0.0, Online.wilson(0, 55)[0]);
        double[] ci = Online.wilson(45, 60);
        assertEquals(0.6276792992295218, ci[0], 1e-12);
        assertEquals(0.8422347746994333, ci[1], 1e-12);
    }

    @Test
    void samplesNeeded() {
        // (1.96 sqrt(2 * .625 * .375) + 0.8416 sqrt(.75*.25 + .5*.5))^2 / .25^2 = 57.67
        assertEquals(58L, Online.samplesForProportions(0.75, 0.5));
        assertNull(Online.samplesForProportions(0.6, 0.6));
        // (1.96 + 0.8416)^2 * (4 + 4) / 1^2 = 62.79
        assertEquals(63L, Online.samplesForMeans(4, 4, 1));
    }

    @Test
    void populationStabilityIndex() {
        // (.3-.5) ln(.3/.5) + 0 + (.4-.2) ln(.4/.2)
        assertEquals(0.2407945608651872, Drift.psi(new double[] {0.5, 0.3, 0.2}, new double[] {0.3, 0.3, 0.4}), 1e-12);
        assertEquals(0, Drift.psi(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 1e-15);
        assertTrue(Double.isFinite(Drift.psi(new double[] {1, 0}, new double[] {0, 1})), "empty bins are floored");
    }

    @Test
    void kolmogorovSmirnov() {
        double[] a = {0.1, 0.2, 0.35, 0.4, 0.55, 0.8, 0.9};
        double[] b = {0.3, 0.6, 0.7, 0.85, 0.95, 1.2};
        double d = Drift.ks(a, b);
        assertEquals(0.5476190476190477, d, 1e-12);
        assertEquals(0.2872007193514701, Drift.ksP(d, 7, 6), 1e-7);
    }

    @Test
    void stickyBucketsAreUniformAndStable() {
        assertEquals(Variants.bucket("penguin-17"), Variants.bucket("penguin-17"));
        int below = 0;
        for (int i = 0; i < 10_000; i++) {
            if (Variants.bucket(Integer.toString(i)) < 0.1) {
                below++;
            }
        }
        // 10% of 10,000 keys, binomial sd 30: within 4 sd
        assertTrue(Math.abs(below - 1000) < 120, "share below 0.1: " + below);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double var(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
