package dev.mlx.runtime.serve;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.spec.Experiment;
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

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
