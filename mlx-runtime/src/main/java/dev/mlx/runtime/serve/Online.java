package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Feedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Online evaluation of the served variants on the feedback of a time window. Classification is
 * judged on the rate of correct answers (two-proportion z-test, Wilson intervals), regression on
 * absolute errors (Welch's t-test, t intervals); both at 5% significance, with the labelled samples
 * per variant a test of 80% power would need to detect the observed difference, and a
 * recommendation: promote the challenger, keep the champion, or wait for more feedback. With a
 * business KPI ({@code online METRIC, kpi NAME}), the feedback's values are judged the same way as
 * an error (Welch's t-test of the means, t intervals, samples needed), and the recommendation
 * weighs both: significantly worse on either keeps the champion.
 */
public final class Online {
    public static final double ALPHA = 0.05;
    /** Below this many labelled rows per variant no decision is made. */
    public static final int MIN_SAMPLES = 30;

    /** Result of a two-sample test: the difference (second minus first), its 95% interval, statistic, p-value. */
    public record Test(String kind, double difference, double lo, double hi, double statistic, double df, double p) {
    }

    private final Profile profile;
    private final String metric;
    private final Feedback.AbTest ab;
    private final Feedback.Kpi kpi;

    /**
     * The online evaluation an experiment asks for: its {@code online metric} (else the scope's
     * metric, as served) and its A/B test; {@code e} may be null (a served folder without its file).
     */
    static Online of(dev.mlx.runtime.spec.Experiment e, Profile profile) {
        Feedback f = e == null ? null : e.feedback();
        return new Online(profile, f != null && f.onlineMetric() != null ? f.onlineMetric() : profile.metric,
                f != null ? f.abtest() : null, f != null ? f.kpi() : null);
    }

    Online(Profile profile, String metric, Feedback.AbTest ab) {
        this(profile, metric, ab, null);
    }

    /** {@code kpi}: the business value feedback carries, judged beside the metric (null: none). */
    Online(Profile profile, String metric, Feedback.AbTest ab, Feedback.Kpi kpi) {
        this.profile = profile;
        this.metric = metric;
        this.ab = ab;
        this.kpi = kpi;
    }

    /**
     * A verdict on one measure: promote, keep or wait, why, and whether the challenger was
     * significantly better (+1), worse (-1) or neither (0).
     */
    record Verdict(String recommendation, String reason, int significant) {
    }

    /**
     * The verdict of a test of the challenger against the champion, {@code what} naming the
     * measure; {@code have} labelled rows in the smaller variant, {@code needed} null when unknown.
     */
    static Verdict verdict(Test t, boolean higherIsBetter, long have, Long needed, String unknown, String rows) {
        if (t == null || have < MIN_SAMPLES) {
            return new Verdict("wait", "fewer than " + MIN_SAMPLES + " " + rows + " for a variant", 0);
        } else if (t.p() < ALPHA) {
            boolean challengerBetter = higherIsBetter ? t.difference() > 0 : t.difference() < 0;
            return new Verdict(challengerBetter ? "promote" : "keep", "the challenger is significantly "
                    + (challengerBetter ? "better" : "worse") + " (p = " + String.format(java.util.Locale.ROOT, "%.4g", t.p()) + ")",
                    challengerBetter ? 1 : -1);
        } else if (needed == null) {
            return new Verdict("keep", "no evidence that the challenger is better: " + unknown
                    + "; the samples needed are unknown", 0);
        } else if (needed <= have) {
            return new Verdict("keep", "no significant difference with " + have + " " + rows + " per variant, enough to detect "
                    + "the observed difference (" + needed + " needed)", 0);
        }
        return new Verdict("wait", "no significant difference yet; about " + (needed - have) + " more " + rows
                + " per variant needed", 0);
    }

    /**
     * The A/B verdict on the metric and the KPI together: a challenger significantly worse on either
     * is kept out; else one significantly better on either is promoted; else wait while either
     * waits; else keep.
     */
    static Verdict combine(Verdict metric, Verdict kpi, String kpiName) {
        String both = "on the metric, " + metric.reason() + "; on " + kpiName + ", " + kpi.reason();
        if (metric.significant() < 0 || kpi.significant() < 0) {
            return new Verdict("keep", both, -1);
        } else if (metric.significant() > 0 || kpi.significant() > 0) {
            return new Verdict("promote", both, 1);
        } else if (metric.recommendation().equals("wait") || kpi.recommendation().equals("wait")) {
            return new Verdict("wait", both, 0);
        }
        return new Verdict("keep", both, 0);
    }

    /** Two-proportion z-test of x2/n2 against x1/n1 (pooled standard error); the interval is unpooled. */
    public static Test zTest(long x1, long n1, long x2, long n2) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double z = se == 0 ? 0 : (p2 - p1) / se;
        double p = se == 0 ? 1 : 2 * (1 - Distributions.normalCdf(Math.abs(z)));
        double seDiff = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return new Test("two-proportion z-test", p2 - p1, p2 - p1 - Distributions.Z_975 * seDiff, p2 - p1 + Distributions.Z_975 * seDiff, z,
                Double.NaN, p);
    }

    /** Welch's t-test of the second sample's mean against the first's (unequal variances). */
    public static Test welch(double m1, double v1, long n1, double m2, double v2, long n2) {
        double a = v1 / n1;
        double b = v2 / n2;
        double se = Math.sqrt(a + b);
        double df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
        double t = se == 0 ? 0 : (m2 - m1) / se;
        double p = se == 0 ? 1 : 2 * (1 - Distributions.tCdf(Math.abs(t), df));
        double q = se == 0 ? 0 : Distributions.tQuantile(0.975, df);
        return new Test("Welch's t-test", m2 - m1, m2 - m1 - q * se, m2 - m1 + q * se, t, df, p);
    }

    /**
     * Wilson's 95% interval of a proportion. At 0 or 1 the interval ends exactly there: the formula
     * gives 0.9999999999999999 for every answer correct, an interval that would not hold its own estimate.
     */
    public static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z = Distributions.Z_975;
        double den = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new double[] {x == 0 ? 0 : centre - half, x == n ? 1 : centre + half};
    }

    /** Rows per group for a two-sided 5% z-test with 80% power to detect p1 against p2; null when p1 == p2. */
    public static Long samplesForProportions(double p1, double p2) {
        if (p1 == p2) {
            return null;
        }
        double bar = (p1 + p2) / 2;
        double num = Distributions.Z_975 * Math.sqrt(2 * bar * (1 - bar)) + Distributions.Z_80 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(num * num / ((p1 - p2) * (p1 - p2)));
    }

    /** Rows per group to detect a mean difference d with variances v1, v2 (normal approximation, 5%, 80% power). */
    public static Long samplesForMeans(double v1, double v2, double d) {
        if (d == 0) {
            return null;
        }
        double z = Distributions.Z_975 + Distributions.Z_80;
        return (long) Math.ceil(z * z * (v1 + v2) / (d * d));
    }

    JsonObject report(Store store, long since) {
        JsonObject o = new JsonObject();
        o.addProperty("window_start", Instant.ofEpochMilli(since).toString());
        o.addProperty("online_metric", metric);
        if (profile.task == Task.CLUSTERING) {
            o.addProperty("note", "clustering has no true outcome to compare with: no online evaluation");
            return o;
        }
        boolean rate = profile.task == Task.CLASSIFICATION;
        o.addProperty("judged_on", rate ? "accuracy (share of correct answers)" : "mean absolute error");
        Map<String, List<Store.Joined>> byVariant = new LinkedHashMap<>();
        for (String v : names()) {
            byVariant.put(v, new ArrayList<>());
        }
        Map<String, Long> served = new LinkedHashMap<>();
        for (Store.Joined j : store.joined(since)) {
            if (!j.shadow()) {
                served.merge(j.variant(), 1L, Long::sum);
            }
            if (j.actual() != null) {
                byVariant.computeIfAbsent(j.variant(), k -> new ArrayList<>()).add(j);
            }
        }
        JsonArray variants = new JsonArray();
        Map<String, double[]> sums = new LinkedHashMap<>(); // n, correct or sum of errors, sum of squares
        for (Map.Entry<String, List<Store.Joined>> en : byVariant.entrySet()) {
            JsonObject v = new JsonObject();
            v.addProperty("name", en.getKey());
            v.addProperty("role", role(en.getKey()));
            v.addProperty("predictions", served.getOrDefault(en.getKey(), 0L));
            List<Store.Joined> rows = en.getValue();
            v.addProperty("labelled", rows.size());
            double n = rows.size();
            double s = 0;
            double ss = 0;
            for (Store.Joined j : rows) {
                double x = rate ? (j.prediction().equals(j.actual()) ? 1 : 0) : Math.abs(j.value() - Double.parseDouble(j.actual()));
                s += x;
                ss += x * x;
            }
            sums.put(en.getKey(), new double[] {n, s, ss});
            if (n > 0) {
                double mean = s / n;
                v.addProperty(rate ? "accuracy" : "mae", mean);
                JsonArray ci = new JsonArray();
                if (rate) {
                    double[] w = wilson((long) s, (long) n);
                    ci.add(w[0]);
                    ci.add(w[1]);
                } else if (n > 1) {
                    double var = (ss - n * mean * mean) / (n - 1);
                    double half = Distributions.tQuantile(0.975, n - 1) * Math.sqrt(Math.max(0, var) / n);
                    ci.add(mean - half);
                    ci.add(mean + half);
                }
                v.add("ci95", ci);
                if (rate && metric != null && !metric.equals("accuracy")) {
                    Double f1 = macroF1(rows);
                    if (f1 != null) {
                        v.addProperty("macro_f1", f1);
                    }
                }
            }
            variants.add(v);
        }
        o.add("variants", variants);
        if (ab == null) {
            if (kpi != null) {
                kpi(o, byVariant);
            }
            o.addProperty("recommendation", (String) null);
            o.addProperty("reason", "no A/B test is configured: there is nothing to choose between");
            return o;
        }
        double[] c = sums.get(ab.champion());
        double[] d = sums.get(ab.challenger());
        JsonObject test = new JsonObject();
        Test t = null;
        Long needed = null;
        if (c[0] >= 2 && d[0] >= 2) {
            if (rate) {
                t = zTest((long) c[1], (long) c[0], (long) d[1], (long) d[0]);
                needed = samplesForProportions(c[1] / c[0], d[1] / d[0]);
            } else {
                double v1 = (c[2] - c[1] * c[1] / c[0]) / (c[0] - 1);
                double v2 = (d[2] - d[1] * d[1] / d[0]) / (d[0] - 1);
                t = welch(c[1] / c[0], v1, (long) c[0], d[1] / d[0], v2, (long) d[0]);
                needed = samplesForMeans(v1, v2, t.difference());
            }
            test.addProperty("kind", t.kind());
            test.addProperty("difference", t.difference());
            JsonArray ci = new JsonArray();
            ci.add(t.lo());
            ci.add(t.hi());
            test.add("ci95", ci);
            test.addProperty("statistic", t.statistic());
            if (!Double.isNaN(t.df())) {
                test.addProperty("df", t.df());
            }
            test.addProperty("p_value", t.p());
            test.addProperty("alpha", ALPHA);
        }
        o.add("test", t == null ? com.google.gson.JsonNull.INSTANCE : test);
        long have = (long) Math.min(c[0], d[0]);
        String unknown = null;
        if (t == null) {
            unknown = "no test yet: each variant needs at least two labelled predictions";
        } else if (needed == null) {
            unknown = "both variants score the same (" + (rate ? "accuracy " : "mean absolute error ")
                    + String.format(java.util.Locale.ROOT, "%.4g", c[1] / c[0])
                    + "), so there is no observed difference to size a test for";
        }
        o.addProperty("samples_needed_per_variant", needed);
        o.addProperty("samples_still_needed", needed == null ? null : Math.max(0, needed - have));
        o.addProperty("samples_unknown_reason", unknown);
        Verdict v = verdict(t, rate, have, needed, unknown, "labelled predictions");
        if (kpi != null) {
            Verdict k = kpi(o, byVariant);
            v = combine(v, k, kpi.name());
        }
        o.addProperty("recommendation", v.recommendation());
        o.addProperty("reason", v.reason());
        return o;
    }

    /**
     * The KPI part of the report: per variant the predictions whose feedback carried a value, their
     * mean and sum and the mean's t interval; Welch's t-test of the challenger's mean against the
     * champion's, the samples a test of 80% power needs, and the verdict on the KPI alone.
     */
    private Verdict kpi(JsonObject o, Map<String, List<Store.Joined>> byVariant) {
        JsonObject k = new JsonObject();
        k.addProperty("name", kpi.name());
        k.addProperty("higher_is_better", kpi.higherIsBetter());
        JsonArray variants = new JsonArray();
        Map<String, double[]> sums = new LinkedHashMap<>(); // n, sum, sum of squares
        for (Map.Entry<String, List<Store.Joined>> en : byVariant.entrySet()) {
            double n = 0;
            double s = 0;
            double ss = 0;
            for (Store.Joined j : en.getValue()) {
                if (j.kpi() != null) {
                    n++;
                    s += j.kpi();
                    ss += j.kpi() * j.kpi();
                }
            }
            sums.put(en.getKey(), new double[] {n, s, ss});
            JsonObject v = new JsonObject();
            v.addProperty("name", en.getKey());
            v.addProperty("role", role(en.getKey()));
            v.addProperty("with_value", (long) n);
            if (n > 0) {
                double mean = s / n;
                v.addProperty("mean", mean);
                v.addProperty("total", s);
                JsonArray ci = new JsonArray();
                if (n > 1) {
                    double var = Math.max(0, (ss - n * mean * mean) / (n - 1));
                    double half = Distributions.tQuantile(0.975, n - 1) * Math.sqrt(var / n);
                    ci.add(mean - half);
                    ci.add(mean + half);
                }
                v.add("ci95", ci);
            }
            variants.add(v);
        }
        k.add("variants", variants);
        Verdict verdict = null;
        if (ab != null) {
            double[] c = sums.get(ab.champion());
            double[] d = sums.get(ab.challenger());
            Test t = null;
            Long needed = null;
            if (c[0] >= 2 && d[0] >= 2) {
                double v1 = Math.max(0, (c[2] - c[1] * c[1] / c[0]) / (c[0] - 1));
                double v2 = Math.max(0, (d[2] - d[1] * d[1] / d[0]) / (d[0] - 1));
                t = welch(c[1] / c[0], v1, (long) c[0], d[1] / d[0], v2, (long) d[0]);
                needed = samplesForMeans(v1, v2, t.difference());
                JsonObject test = new JsonObject();
                test.addProperty("kind", t.kind());
                test.addProperty("difference", t.difference());
                JsonArray ci = new JsonArray();
                ci.add(t.lo());
                ci.add(t.hi());
                test.add("ci95", ci);
                test.addProperty("statistic", t.statistic());
                test.addProperty("df", t.df());
                test.addProperty("p_value", t.p());
                test.addProperty("alpha", ALPHA);
                k.add("test", test);
            } else {
                k.add("test", com.google.gson.JsonNull.INSTANCE);
            }
            long have = (long) Math.min(c[0], d[0]);
            String unknown = t == null ? "no test yet: each variant needs at least two predictions with a " + kpi.name()
                    : needed == null ? "both variants have the same mean " + kpi.name() : null;
            k.addProperty("samples_needed_per_variant", needed);
            k.addProperty("samples_still_needed", needed == null ? null : Math.max(0, needed - have));
            k.addProperty("samples_unknown_reason", unknown);
            verdict = verdict(t, kpi.higherIsBetter(), have, needed, unknown, "predictions with a " + kpi.name());
            k.addProperty("recommendation", verdict.recommendation());
            k.addProperty("reason", verdict.reason());
        }
        o.add("kpi", k);
        return verdict == null ? new Verdict("keep", "no A/B test", 0) : verdict;
    }

    private List<String> names() {
        if (ab == null) {
            return List.of(profile.selected);
        }
        return List.of(ab.champion(), ab.challenger());
    }

    private String role(String name) {
        if (ab == null) {
            return "selected";
        }
        return name.equals(ab.champion()) ? "champion" : name.equals(ab.challenger()) ? "challenger" : "other";
    }

    /** Macro F1 over the classes seen in predictions or outcomes; null without rows. */
    static Double macroF1(List<Store.Joined> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        TreeSet<String> classes = new TreeSet<>();
        rows.forEach(r -> {
            classes.add(r.prediction());
            classes.add(r.actual());
        });
        double sum = 0;
        for (String k : classes) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (Store.Joined r : rows) {
                boolean p = r.prediction().equals(k);
                boolean a = r.actual().equals(k);
                tp += p && a ? 1 : 0;
                fp += p && !a ? 1 : 0;
                fn += !p && a ? 1 : 0;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / classes.size();
    }
}
