package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.result.DriftResults;
import dev.mlx.runtime.result.OnlineResults;
import dev.mlx.runtime.spec.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The feedback report of {@code report} / {@code mlx feedback report}: online evaluation and drift, as JSON and as text. */
public final class FeedbackReport {
    private FeedbackReport() {
    }

    public static JsonObject both(Experiment e, Profile profile, Store store, double windowDays) {
        long since = System.currentTimeMillis() - (long) (windowDays * 86_400_000L);
        JsonObject o = new JsonObject();
        o.addProperty("experiment", e.name());
        o.addProperty("store", store.label());
        o.addProperty("window_days", windowDays);
        o.add("online", Online.of(e, profile).report(store, since));
        o.add("drift", Drift.of(e, profile).report(store, since));
        return o;
    }

    public static String text(JsonObject r) {
        StringBuilder sb = new StringBuilder();
        JsonObject on = r.getAsJsonObject("online");
        sb.append("feedback of `").append(r.get("experiment").getAsString()).append("` over the last ")
                .append(num(r.get("window_days").getAsDouble())).append(" days (").append(r.get("store").getAsString()).append(")\n");
        if (on.has("variants")) {
            for (JsonElement v : on.getAsJsonArray("variants")) {
                JsonObject x = v.getAsJsonObject();
                sb.append(String.format(Locale.ROOT, "  %-12s %-10s %6d predictions, %6d labelled", x.get("name").getAsString(),
                        x.get("role").getAsString(), x.get("predictions").getAsLong(), x.get("labelled").getAsLong()));
                for (String k : new String[] {"accuracy", "mae"}) {
                    if (x.has(k)) {
                        sb.append(", ").append(k).append(' ').append(num(x.get(k).getAsDouble()));
                        if (x.getAsJsonArray("ci95").size() == 2) {
                            sb.append(" [").append(num(x.getAsJsonArray("ci95").get(0).getAsDouble())).append(", ")
                                    .append(num(x.getAsJsonArray("ci95").get(1).getAsDouble())).append(']');
                        }
                    }
                }
                sb.append('\n');
            }
        }
        if (on.has("test") && on.get("test").isJsonObject()) {
            JsonObject t = on.getAsJsonObject("test");
            sb.append("  ").append(t.get("kind").getAsString()).append(": difference ").append(num(t.get("difference").getAsDouble()))
                    .append(", p = ").append(num(t.get("p_value").getAsDouble())).append('\n');
        }
        if (on.has("samples_unknown_reason") && !on.get("samples_unknown_reason").isJsonNull()) {
            sb.append("  samples needed: unknown — ").append(on.get("samples_unknown_reason").getAsString()).append('\n');
        } else if (on.has("samples_needed_per_variant") && !on.get("samples_needed_per_variant").isJsonNull()) {
            sb.append("  samples needed per variant: ").append(on.get("samples_needed_per_variant").getAsLong())
                    .append(" (still needed: ").append(on.get("samples_still_needed").getAsLong()).append(")\n");
        }
        if (on.has("kpi") && on.get("kpi").isJsonObject()) {
            JsonObject k = on.getAsJsonObject("kpi");
            String name = k.get("name").getAsString();
            sb.append("  kpi ").append(name).append(k.get("higher_is_better").getAsBoolean() ? " (higher is better)" : " (lower is better)")
                    .append('\n');
            for (JsonElement v : k.getAsJsonArray("variants")) {
                JsonObject x = v.getAsJsonObject();
                sb.append(String.format(Locale.ROOT, "    %-10s %-10s %6d with a value", x.get("name").getAsString(),
                        x.get("role").getAsString(), x.get("with_value").getAsLong()));
                if (x.has("mean")) {
                    sb.append(", mean ").append(num(x.get("mean").getAsDouble())).append(", total ").append(num(x.get("total").getAsDouble()));
                    if (x.getAsJsonArray("ci95").size() == 2) {
                        sb.append(" [").append(num(x.getAsJsonArray("ci95").get(0).getAsDouble())).append(", ")
                                .append(num(x.getAsJsonArray("ci95").get(1).getAsDouble())).append(']');
                    }
                }
                sb.append('\n');
            }
            if (k.has("test") && k.get("test").isJsonObject()) {
                JsonObject t = k.getAsJsonObject("test");
                sb.append("    ").append(t.get("kind").getAsString()).append(" on ").append(name).append(": difference ")
                        .append(num(t.get("difference").getAsDouble())).append(", p = ").append(num(t.get("p_value").getAsDouble()))
                        .append('\n');
            }
            if (k.has("recommendation") && !k.get("recommendation").isJsonNull()) {
                sb.append("    on ").append(name).append(" alone: ").append(k.get("recommendation").getAsString()).append(" — ")
                        .append(k.get("reason").getAsString()).append('\n');
            }
        }
        if (on.has("recommendation") && !on.get("recommendation").isJsonNull()) {
            sb.append("  recommendation: ").append(on.get("recommendation").getAsString()).append(" — ")
                    .append(on.get("reason").getAsString()).append('\n');
        } else if (on.has("reason")) {
            sb.append("  ").append(on.get("reason").getAsString()).append('\n');
        }
        JsonObject d = r.getAsJsonObject("drift");
        sb.append("drift over ").append(d.get("rows").getAsInt()).append(" logged rows: max PSI ")
                .append(num(d.get("max_psi").getAsDouble()));
        JsonObject rt = d.getAsJsonObject("retrain");
        if (!rt.get("threshold").isJsonNull()) {
            sb.append(" (retrain when drift > ").append(num(rt.get("threshold").getAsDouble())).append(": ")
                    .append(rt.get("triggered").getAsBoolean() ? "RETRAIN" : "not yet").append(')');
        }
        sb.append('\n');
        for (JsonElement f : d.getAsJsonArray("features")) {
            JsonObject x = f.getAsJsonObject();
            if (!x.get("psi").isJsonNull()) {
                sb.append(String.format(Locale.ROOT, "  %-24s PSI %s (%s)%n", x.get("column").getAsString(),
                        num(x.get("psi").getAsDouble()), x.get("level").getAsString()));
            }
        }
        return sb.toString();
    }

    /** The online half of a feedback report ({@link #both}) as run.json's typed record. */
    public static OnlineResults online(JsonObject report) {
        JsonObject on = report.getAsJsonObject("online");
        List<OnlineResults.Variant> variants = new ArrayList<>();
        if (on.has("variants")) {
            for (JsonElement v : on.getAsJsonArray("variants")) {
                JsonObject x = v.getAsJsonObject();
                Double value = x.has("accuracy") ? dbl(x, "accuracy") : x.has("mae") ? dbl(x, "mae") : null;
                JsonArray ci = x.has("ci95") ? x.getAsJsonArray("ci95") : new JsonArray();
                variants.add(new OnlineResults.Variant(x.get("name").getAsString(), x.get("role").getAsString(),
                        x.get("predictions").getAsLong(), x.get("labelled").getAsLong(), value,
                        ci.size() == 2 ? ci.get(0).getAsDouble() : null, ci.size() == 2 ? ci.get(1).getAsDouble() : null,
                        dbl(x, "macro_f1")));
            }
        }
        OnlineResults.Test test = test(on);
        OnlineResults.Kpi kpi = null;
        if (on.has("kpi") && on.get("kpi").isJsonObject()) {
            JsonObject k = on.getAsJsonObject("kpi");
            List<OnlineResults.KpiVariant> kv = new ArrayList<>();
            for (JsonElement v : k.getAsJsonArray("variants")) {
                JsonObject x = v.getAsJsonObject();
                JsonArray ci = x.has("ci95") ? x.getAsJsonArray("ci95") : new JsonArray();
                kv.add(new OnlineResults.KpiVariant(x.get("name").getAsString(), x.get("role").getAsString(),
                        x.get("with_value").getAsLong(), dbl(x, "mean"), dbl(x, "total"),
                        ci.size() == 2 ? ci.get(0).getAsDouble() : null, ci.size() == 2 ? ci.get(1).getAsDouble() : null));
            }
            kpi = new OnlineResults.Kpi(k.get("name").getAsString(), k.get("higher_is_better").getAsBoolean(), kv, test(k),
                    lng(k, "samples_needed_per_variant"), lng(k, "samples_still_needed"), str(k, "samples_unknown_reason"),
                    str(k, "recommendation"), str(k, "reason"));
        }
        String judged = str(on, "judged_on"); // the endpoint's words, run.json's one word
        judged = judged == null ? null : judged.startsWith("accuracy") ? "accuracy" : "mae";
        return new OnlineResults(on.get("window_start").getAsString(), report.get("window_days").getAsDouble(),
                report.get("store").getAsString(), on.get("online_metric").getAsString(), judged, str(on, "note"),
                variants, test, lng(on, "samples_needed_per_variant"), lng(on, "samples_still_needed"),
                str(on, "samples_unknown_reason"), str(on, "recommendation"), str(on, "reason"), kpi);
    }

    private static OnlineResults.Test test(JsonObject on) {
        if (!on.has("test") || !on.get("test").isJsonObject()) {
            return null;
        }
        JsonObject t = on.getAsJsonObject("test");
        JsonArray ci = t.getAsJsonArray("ci95");
        return new OnlineResults.Test(t.get("kind").getAsString(), t.get("difference").getAsDouble(), ci.get(0).getAsDouble(),
                ci.get(1).getAsDouble(), t.get("statistic").getAsDouble(), dbl(t, "df"), t.get("p_value").getAsDouble(),
                t.get("alpha").getAsDouble());
    }

    /** The drift half of a feedback report ({@link #both}) as run.json's typed record. */
    public static DriftResults drift(JsonObject report) {
        JsonObject d = report.getAsJsonObject("drift");
        List<DriftResults.Column> columns = new ArrayList<>();
        for (JsonElement f : d.getAsJsonArray("features")) {
            JsonObject x = f.getAsJsonObject();
            JsonObject ks = x.has("ks") ? x.getAsJsonObject("ks") : null;
            columns.add(new DriftResults.Column(x.get("column").getAsString(), x.get("type").getAsString(),
                    x.has("live_values") ? x.get("live_values").getAsInt() : 0, dbl(x, "psi"), str(x, "level"),
                    ks == null ? null : ks.get("statistic").getAsDouble(), ks == null ? null : ks.get("p_value").getAsDouble()));
        }
        JsonObject rt = d.getAsJsonObject("retrain");
        List<String> over = new ArrayList<>();
        rt.getAsJsonArray("columns").forEach(c -> over.add(c.getAsString()));
        return new DriftResults(d.get("window_start").getAsString(), d.get("rows").getAsInt(), d.get("max_psi").getAsDouble(),
                str(d, "note"), columns, new DriftResults.Trigger(dbl(rt, "threshold"), rt.get("triggered").getAsBoolean(), over));
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    private static Double dbl(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : null;
    }

    private static Long lng(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsLong() : null;
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
