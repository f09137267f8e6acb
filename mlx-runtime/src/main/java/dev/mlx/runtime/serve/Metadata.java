package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.runtime.spec.Feedback;

/** {@code GET /metadata}: the schema, the selected model's holdout metrics and a model-card summary. */
final class Metadata {
    private Metadata() {
    }

    static JsonObject json(Profile p, ServeOptions options, Feedback.AbTest ab) {
        JsonObject o = new JsonObject();
        o.addProperty("experiment", p.experiment);
        o.addProperty("task", p.task.word());
        o.addProperty("target", p.target);
        o.addProperty("positive", p.positive);
        o.addProperty("metric", p.metric);
        o.addProperty("model", p.selected);
        if (p.intendedUse != null) {
            o.addProperty("intended_use", p.intendedUse);
        }
        if (!p.limitations.isEmpty()) {
            JsonArray lim = new JsonArray();
            p.limitations.forEach(lim::add);
            o.add("limitations", lim);
        }
        JsonArray vs = new JsonArray();
        p.variants.forEach(v -> vs.add(v.name()));
        o.add("variants", vs);
        if (ab != null) {
            JsonObject a = new JsonObject();
            a.addProperty("champion", ab.champion());
            a.addProperty("challenger", ab.challenger());
            a.addProperty("challenger_share", ab.challengerShare());
            a.addProperty("sticky_by", ab.stickyBy());
            a.addProperty("shadow", ab.shadow());
            o.add("abtest", a);
        }
        if (p.classes != null) {
            JsonArray cl = new JsonArray();
            p.classes.forEach(cl::add);
            o.add("classes", cl);
        }
        o.add("holdout_metrics", p.metrics);
        o.addProperty("unknown_categories", p.unknownPolicy.word());
        JsonArray cols = new JsonArray();
        for (Profile.Col c : p.columns) {
            JsonObject x = new JsonObject();
            x.addProperty("name", c.name());
            x.addProperty("type", c.type().word());
            if (c.description() != null) {
                x.addProperty("description", c.description());
            }
            if (c.unit() != null) {
                x.addProperty("unit", c.unit());
            }
            x.addProperty("required", c.required());
            if (c.numeric() != null) {
                x.addProperty("min", c.numeric().min());
                x.addProperty("max", c.numeric().max());
            }
            if (c.categories() != null) {
                JsonArray cats = new JsonArray();
                c.categories().keySet().forEach(cats::add);
                x.add("categories", cats);
            }
            cols.add(x);
        }
        o.add("schema", cols);
        JsonObject limits = new JsonObject();
        limits.addProperty("max_body_bytes", options.maxBodyBytes());
        limits.addProperty("max_batch", options.maxBatch());
        limits.addProperty("timeout_ms", options.timeoutMillis());
        o.add("limits", limits);
        return o;
    }
}
