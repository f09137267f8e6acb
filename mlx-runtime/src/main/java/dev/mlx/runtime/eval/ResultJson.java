package dev.mlx.runtime.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.mlx.runtime.eval.EvaluationResult.Comparison;
import dev.mlx.runtime.eval.EvaluationResult.Curve;
import dev.mlx.runtime.eval.EvaluationResult.Gate;
import dev.mlx.runtime.eval.EvaluationResult.Group;
import dev.mlx.runtime.eval.EvaluationResult.PerClass;
import dev.mlx.runtime.eval.EvaluationResult.Slice;
import dev.mlx.runtime.eval.EvaluationResult.Summary;
import java.util.List;
import java.util.Map;

/** Writes an {@link EvaluationResult} as JSON; NaN and infinities become null. */
final class ResultJson {
    private ResultJson() {
    }

    static String write(EvaluationResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("task", r.task.word());
        o.addProperty("metric", r.metric);
        o.addProperty("higher_is_better", r.higherIsBetter);
        o.add("metrics", strings(r.metrics));
        o.addProperty("seed", r.seed);
        JsonObject cv = new JsonObject();
        cv.addProperty("folds", r.folds);
        cv.addProperty("stratified", r.stratified);
        JsonArray sizes = new JsonArray();
        for (EvaluationResult.FoldSize f : r.foldSizes) {
            JsonObject s = new JsonObject();
            s.addProperty("fold", f.fold());
            s.addProperty("train_rows", f.trainRows());
            s.addProperty("validation_rows", f.validationRows());
            sizes.add(s);
        }
        cv.add("sizes", sizes);
        o.add("cv", cv);
        if (r.classes != null) {
            o.add("classes", strings(r.classes));
            o.add("positive", str(r.positive));
        }
        o.addProperty("train_rows", r.trainRows);
        o.addProperty("test_rows", r.testRows);
        JsonArray models = new JsonArray();
        for (ModelResult m : r.models) {
            models.add(model(m));
        }
        o.add("models", models);
        JsonObject sel = new JsonObject();
        EvaluationResult.Selection s = r.selection;
        sel.addProperty("rule", s.rule());
        sel.addProperty("metric", s.metric());
        sel.addProperty("on", s.on());
        sel.addProperty("higher_is_better", s.higherIsBetter());
        sel.add("tolerance", num(s.tolerance()));
        sel.add("best", str(s.best()));
        sel.add("selected", str(s.selected()));
        sel.add("reason", str(s.reason()));
        o.add("selection", sel);
        JsonArray gates = new JsonArray();
        for (Gate g : r.gates) {
            JsonObject j = new JsonObject();
            j.addProperty("text", g.text());
            j.addProperty("metric", g.metric());
            j.addProperty("op", g.op());
            j.add("threshold", num(g.threshold()));
            j.add("on", str(g.on()));
            j.add("observed", g.observed() == null ? JsonNull.INSTANCE : num(g.observed()));
            j.addProperty("passed", g.passed());
            j.add("note", str(g.note()));
            gates.add(j);
        }
        o.add("gates", gates);
        o.addProperty("passed", r.passed());
        JsonArray tuning = new JsonArray();
        r.tuning.forEach(t -> tuning.add(t.json()));
        o.add("tuning", tuning);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(o);
    }

    private static JsonObject model(ModelResult m) {
        JsonObject o = new JsonObject();
        o.addProperty("name", m.name);
        o.addProperty("kind", m.kind);
        o.addProperty("complexity", m.complexity);
        o.addProperty("probabilities", m.probabilities);
        o.add("error", str(m.error));
        JsonObject cv = new JsonObject();
        for (Map.Entry<String, Summary> e : m.cv.entrySet()) {
            JsonObject s = new JsonObject();
            s.add("mean", num(e.getValue().mean()));
            s.add("sd", num(e.getValue().sd()));
            JsonArray folds = new JsonArray();
            e.getValue().folds().forEach(v -> folds.add(num(v)));
            s.add("folds", folds);
            cv.add(e.getKey(), s);
        }
        o.add("cv", cv);
        o.add("holdout", metrics(m.holdout));
        if (m.confusion != null) {
            JsonArray pc = new JsonArray();
            for (PerClass c : m.perClass) {
                JsonObject j = new JsonObject();
                j.addProperty("class", c.label());
                j.add("precision", num(c.precision()));
                j.add("recall", num(c.recall()));
                j.add("f1", num(c.f1()));
                j.addProperty("support", c.support());
                pc.add(j);
            }
            o.add("per_class", pc);
            JsonObject cm = new JsonObject();
            cm.add("labels", strings(m.confusionLabels));
            JsonArray rows = new JsonArray();
            for (int[] row : m.confusion) {
                JsonArray a = new JsonArray();
                for (int v : row) {
                    a.add(v);
                }
                rows.add(a);
            }
            cm.add("matrix", rows);
            o.add("confusion", cm);
            o.add("roc", curves(m.roc));
            o.add("pr", curves(m.pr));
        }
        if (!m.residuals.isEmpty()) {
            o.add("residuals", metrics(m.residuals));
            o.add("pairs", points(m.pairs));
        }
        if (!m.clusterSizes.isEmpty()) {
            JsonObject c = new JsonObject();
            m.clusterSizes.forEach(c::addProperty);
            o.add("clusters", c);
            JsonObject k = new JsonObject();
            m.kScores.forEach((kk, v) -> k.add(String.valueOf(kk), num(v)));
            o.add("k_scores", k);
        }
        JsonArray slices = new JsonArray();
        for (Slice s : m.slices) {
            JsonObject j = new JsonObject();
            j.addProperty("column", s.column());
            j.add("note", str(s.note()));
            JsonArray groups = new JsonArray();
            for (Group g : s.groups()) {
                JsonObject gj = new JsonObject();
                gj.addProperty("value", g.value());
                gj.addProperty("rows", g.rows());
                gj.add("metrics", metrics(g.metrics()));
                groups.add(gj);
            }
            j.add("groups", groups);
            slices.add(j);
        }
        o.add("slices", slices);
        o.add("vs_best", comparison(m.vsBest));
        o.add("vs_baseline", comparison(m.vsBaseline));
        if (m.latency == null) {
            o.add("latency_ms", JsonNull.INSTANCE);
        } else {
            JsonObject l = new JsonObject();
            l.add("p50", num(m.latency.p50()));
            l.add("p90", num(m.latency.p90()));
            l.add("p95", num(m.latency.p95()));
            l.add("p99", num(m.latency.p99()));
            l.add("mean", num(m.latency.mean()));
            l.addProperty("calls", m.latency.calls());
            o.add("latency_ms", l);
        }
        o.add("train_ms", m.trainMillis < 0 ? JsonNull.INSTANCE : new JsonPrimitive(m.trainMillis));
        o.add("model_bytes", m.modelBytes < 0 ? JsonNull.INSTANCE : new JsonPrimitive(m.modelBytes));
        return o;
    }

    private static JsonElement comparison(Comparison c) {
        if (c == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject o = new JsonObject();
        o.addProperty("against", c.against());
        o.add("difference", num(c.difference()));
        o.add("sd", c.sd() == null ? JsonNull.INSTANCE : num(c.sd()));
        o.add("t", c.t() == null ? JsonNull.INSTANCE : num(c.t()));
        o.addProperty("folds", c.folds());
        return o;
    }

    private static JsonArray curves(List<Curve> curves) {
        JsonArray a = new JsonArray();
        for (Curve c : curves) {
            JsonObject o = new JsonObject();
            o.addProperty("class", c.label());
            o.add("points", points(c.points()));
            a.add(o);
        }
        return a;
    }

    private static JsonArray points(List<double[]> points) {
        JsonArray a = new JsonArray();
        for (double[] p : points) {
            JsonArray q = new JsonArray();
            for (double v : p) {
                q.add(num(v));
            }
            a.add(q);
        }
        return a;
    }

    private static JsonObject metrics(Map<String, Double> m) {
        JsonObject o = new JsonObject();
        m.forEach((k, v) -> o.add(k, num(v)));
        return o;
    }

    private static JsonArray strings(List<String> xs) {
        JsonArray a = new JsonArray();
        xs.forEach(a::add);
        return a;
    }

    private static JsonElement str(String s) {
        return s == null ? JsonNull.INSTANCE : new JsonPrimitive(s);
    }

    private static JsonElement num(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? JsonNull.INSTANCE : new JsonPrimitive(d);
    }
}
