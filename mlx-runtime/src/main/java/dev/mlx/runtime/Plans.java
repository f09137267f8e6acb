package dev.mlx.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.spec.Deploy;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Feedback;
import dev.mlx.runtime.spec.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the plan that run.json records for the report although no stage computes them: the
 * release gates as written, the retraining plan, serving and the feedback plan, and the input schema
 * a served model expects.
 */
final class Plans {
    private Plans() {
    }

    /** Adds {@code gates}, {@code retrain}, {@code deploy}, {@code feedback} and {@code report} to the experiment object. */
    static void describe(Experiment e, JsonObject exp) {
        JsonArray gates = new JsonArray();
        for (Scope.Gate g : e.scope().gates()) {
            JsonObject o = new JsonObject();
            o.addProperty("text", g.text());
            if (g instanceof Scope.LatencyGate l) {
                o.addProperty("metric", "latency");
                o.addProperty("op", l.op().symbol());
                o.addProperty("threshold", l.thresholdMs());
                o.addProperty("on", l.percentile().word());
            } else {
                Scope.MetricGate m = (Scope.MetricGate) g;
                o.addProperty("metric", m.metric());
                o.addProperty("op", m.op().symbol());
                o.addProperty("threshold", m.threshold());
                o.addProperty("on", m.on().word());
            }
            gates.add(o);
        }
        exp.add("gates", gates);
        Scope.Retrain r = e.scope().retrain();
        if (r == null) {
            exp.add("retrain", null);
        } else {
            JsonObject o = new JsonObject();
            o.addProperty("everyDays", r.everyDays());
            o.addProperty("drift", r.drift());
            exp.add("retrain", o);
        }
        Deploy d = e.deploy();
        JsonObject deploy = new JsonObject();
        deploy.addProperty("port", d.port());
        deploy.addProperty("unknown", d.unknownPolicy().word());
        JsonArray exports = new JsonArray();
        for (Deploy.Export x : d.exports()) {
            JsonObject o = new JsonObject();
            o.addProperty("format", x.format().word());
            o.addProperty("path", x.path());
            exports.add(o);
        }
        deploy.add("exports", exports);
        exp.add("deploy", deploy);
        Feedback f = e.feedback();
        if (f == null) {
            exp.add("feedback", null);
        } else {
            JsonObject o = new JsonObject();
            o.addProperty("store", f.store().word());
            o.addProperty("location", f.location() == null ? null : Stages.redact(f.location()));
            if (f.abtest() == null) {
                o.add("abtest", null);
            } else {
                JsonObject ab = new JsonObject();
                ab.addProperty("champion", f.abtest().champion());
                ab.addProperty("challenger", f.abtest().challenger());
                ab.addProperty("challengerShare", f.abtest().challengerShare());
                ab.addProperty("stickyBy", f.abtest().stickyBy());
                ab.addProperty("shadow", f.abtest().shadow());
                o.add("abtest", ab);
            }
            o.addProperty("onlineMetric", f.onlineMetric());
            o.addProperty("windowDays", f.windowDays());
            exp.add("feedback", o);
        }
        exp.addProperty("report", e.report());
    }

    /** The raw columns the fitted pipeline reads, with the types the review found: a served model's input schema. */
    static JsonArray inputs(List<String> columns, JsonObject review) {
        Map<String, String> types = new HashMap<>();
        if (review != null && review.get("columns") instanceof JsonArray a) {
            for (JsonElement c : a) {
                JsonObject o = c.getAsJsonObject();
                types.put(o.get("name").getAsString(), o.get("type").getAsString());
            }
        }
        JsonArray out = new JsonArray();
        for (String c : columns) {
            JsonObject o = new JsonObject();
            o.addProperty("column", c);
            o.addProperty("type", types.get(c));
            out.add(o);
        }
        return out;
    }
}
