package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live inputs against training: the population stability index per input column (numeric columns
 * in ten bins cut at the training deciles, categories by value with one bin for unseen ones) and,
 * for numeric columns, the two-sample Kolmogorov–Smirnov statistic with its asymptotic p-value. The
 * scope's {@code retrain when drift > x} fires when the largest PSI passes x.
 */
public final class Drift {
    /** Live rows read from the log at most: enough for stable bins, bounded work per request. */
    static final int MAX_ROWS = 20_000;
    /** Empty bins are floored to this share so that PSI stays finite. */
    static final double FLOOR = 1e-4;
    /** Fewer live rows than this give noisy bins: reported, but they never trigger retraining. */
    public static final int MIN_ROWS = 100;

    private final Profile profile;
    private final Double threshold;

    /** The drift report with the scope's {@code retrain ... when drift > x} threshold, if any; {@code e} may be null. */
    static Drift of(dev.mlx.runtime.spec.Experiment e, Profile profile) {
        return new Drift(profile, e != null && e.scope().retrain() != null ? e.scope().retrain().drift() : null);
    }

    Drift(Profile profile, Double threshold) {
        this.profile = profile;
        this.threshold = threshold;
    }

    /** PSI of live shares against expected shares, bin by bin: sum of (live - expected) ln(live / expected). */
    public static double psi(double[] expected, double[] live) {
        double s = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], FLOOR);
            double a = Math.max(live[i], FLOOR);
            s += (a - e) * Math.log(a / e);
        }
        return s;
    }

    /** The two-sample KS statistic D = max |F1 - F2| of two sorted samples. */
    public static double ks(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /** Asymptotic p-value of D for samples of n and m values. */
    public static double ksP(double d, int n, int m) {
        return Distributions.kolmogorovQ(Math.sqrt((double) n * m / (n + m)) * d);
    }

    /** Cut points at the training deciles (distinct values only). */
    static double[] edges(double[] sortedTraining) {
        List<Double> out = new ArrayList<>();
        for (int q = 1; q < 10; q++) {
            double v = sortedTraining[(int) Math.floor(q * (sortedTraining.length - 1) / 10.0)];
            if (out.isEmpty() || v > out.get(out.size() - 1)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Shares of values per bin: bin k holds values in (edges[k-1], edges[k]]. */
    static double[] shares(double[] values, double[] edges) {
        double[] out = new double[edges.length + 1];
        for (double v : values) {
            int k = Arrays.binarySearch(edges, v);
            out[k >= 0 ? k : -k - 1]++;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= Math.max(1, values.length);
        }
        return out;
    }

    JsonObject report(Store store, long since) {
        List<Store.Logged> logged = store.inputs(since, MAX_ROWS);
        List<JsonObject> rows = new ArrayList<>();
        for (Store.Logged l : logged) {
            JsonElement e = JsonParser.parseString(l.inputs());
            if (e.isJsonObject()) {
                rows.add(e.getAsJsonObject());
            }
        }
        return report(rows, since);
    }

    JsonObject report(List<JsonObject> rows, long since) {
        JsonObject o = new JsonObject();
        o.addProperty("window_start", Instant.ofEpochMilli(since).toString());
        o.addProperty("rows", rows.size());
        JsonArray features = new JsonArray();
        double max = 0;
        List<String> over = new ArrayList<>();
        for (Profile.Col c : profile.columns) {
            if (!c.required()) {
                continue;
            }
            JsonObject f = new JsonObject();
            f.addProperty("column", c.name());
            f.addProperty("type", c.type().word());
            Double psi = null;
            if (c.numeric() != null && c.numeric().sample().length > 0) {
                double[] live = rows.stream().filter(r -> r.has(c.name()) && !r.get(c.name()).isJsonNull()
                        && r.get(c.name()).getAsJsonPrimitive().isNumber()).mapToDouble(r -> r.get(c.name()).getAsDouble())
                        .sorted().toArray();
                f.addProperty("live_values", live.length);
                if (live.length > 0) {
                    double[] train = c.numeric().sample();
                    double[] e = edges(train);
                    psi = psi(shares(train, e), shares(live, e));
                    double d = ks(train, live);
                    JsonObject ks = new JsonObject();
                    ks.addProperty("statistic", d);
                    ks.addProperty("p_value", ksP(d, train.length, live.length));
                    f.add("ks", ks);
                }
            } else if (c.categories() != null && !c.categories().isEmpty()) {
                Map<String, Integer> index = new LinkedHashMap<>();
                c.categories().keySet().forEach(k -> index.put(k, index.size()));
                double[] expected = new double[index.size() + 1];
                double total = c.categories().values().stream().mapToLong(Long::longValue).sum();
                c.categories().forEach((k, n) -> expected[index.get(k)] = n / total);
                double[] live = new double[index.size() + 1];
                int n = 0;
                for (JsonObject r : rows) {
                    if (r.has(c.name()) && !r.get(c.name()).isJsonNull()) {
                        Integer k = index.get(r.get(c.name()).getAsString());
                        live[k == null ? index.size() : k]++;
                        n++;
                    }
                }
                f.addProperty("live_values", n);
                if (n > 0) {
                    for (int i = 0; i < live.length; i++) {
                        live[i] /= n;
                    }
                    psi = psi(expected, live);
                }
            }
            f.addProperty("psi", psi);
            f.addProperty("level", psi == null ? null : psi < 0.1 ? "stable" : psi < 0.25 ? "moderate" : "major");
            if (psi != null) {
                max = Math.max(max, psi);
                if (threshold != null && psi > threshold) {
                    over.add(c.name());
                }
            }
            features.add(f);
        }
        o.add("features", features);
        o.addProperty("max_psi", max);
        JsonObject retrain = new JsonObject();
        retrain.addProperty("threshold", threshold);
        retrain.addProperty("triggered", threshold != null && max > threshold && rows.size() >= MIN_ROWS);
        if (rows.size() < MIN_ROWS) {
            o.addProperty("note", "fewer than " + MIN_ROWS + " logged rows: PSI is noisy and does not trigger retraining");
        }
        JsonArray cols = new JsonArray();
        over.forEach(cols::add);
        retrain.add("columns", cols);
        o.add("retrain", retrain);
        return o;
    }
}
