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
 * recommendation: promote the challenger, keep the champion, or wait for more feedback.
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

    /**
     * The online evaluation an experiment asks for: its {@code online metric} (else the scope's
     * metric, as served) and its A/B test; {@code e} may be null (a served folder without its file).
     */
    static Online of(dev.mlx.runtime.spec.Experiment e, Profile profile) {
        Feedback f = e == null ? null : e.feedback();
        return new Online(profile, f != null && f.onlineMetric() != null ? f.onlineMetric() : profile.metric,
                f != null ? f.abtest() : null);
    }

    Online(Profile profile, String metric, Feedback.AbTest ab) {
        this.profile = profile;
        this.metric = metric;
        this.ab = ab;
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

    /** Wilson's 95% interval of a proportion. */
    public static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z = Distributions.Z_975;
        double den = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new double[] {centre - half, centre + half};
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
        String rec;
        String why;
        if (t == null || have < MIN_SAMPLES) {
            rec = "wait";
            why = "fewer than " + MIN_SAMPLES + " labelled predictions for a variant";
        } else if (t.p() < ALPHA) {
            boolean challengerBetter = rate ? t.difference() > 0 : t.difference() < 0;
            rec = challengerBetter ? "promote" : "keep";
            why = "the challenger is significantly " + (challengerBetter ? "better" : "worse") + " (p = "
                    + String.format(java.util.Locale.ROOT, "%.4g", t.p()) + ")";
        } else if (needed == null) {
            rec = "keep";
            why = "no evidence that the challenger is better: " + unknown + "; the samples needed are unknown";
        } else if (needed <= have) {
            rec = "keep";
            why = "no significant difference with " + have + " labelled predictions per variant, enough to detect the observed "
                    + "difference (" + needed + " needed)";
        } else {
            rec = "wait";
            why = "no significant difference yet; about " + (needed - have) + " more labelled predictions per variant needed";
        }
        o.addProperty("recommendation", rec);
        o.addProperty("reason", why);
        return o;
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
