package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.B.fact;
import static dev.mlx.runtime.report.B.q;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** run.json to the report model: the verdict, scope, operationalization, feedback and provenance here, the rest delegated. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static Report build(JsonObject run) {
        JsonObject exp = J.obj(run, "experiment");
        String status = J.str(run, "status", "unknown");
        List<Section> sections = new ArrayList<>();
        sections.add(verdict(run));
        sections.add(scope(run));
        sections.add(DataSections.data(run));
        sections.add(DataSections.checks(run));
        sections.add(DataSections.features(run));
        sections.add(DataSections.featureReview(run));
        sections.add(ModelSections.models(run));
        sections.add(ModelSections.evaluation(run));
        sections.add(Accountability.section(run));
        sections.add(operationalization(run));
        sections.add(feedback(run));
        sections.add(provenance(run));
        return new Report(J.str(exp, "name", "experiment"), J.str(exp, "question"), status,
                status.equals("passed") ? "pass" : "fail", J.str(J.obj(run, "mlx"), "version", "?"), sections);
    }

    private static Section verdict(JsonObject run) {
        JsonObject ev = J.obj(run, "evaluation");
        String status = J.str(run, "status", "unknown");
        List<Block> blocks = new ArrayList<>();
        List<Fact> tiles = new ArrayList<>();
        tiles.add(fact("status", status, status.equals("passed") ? "pass" : "fail"));
        JsonObject sel = ModelSections.selected(ev);
        String metric = J.str(J.obj(run, "experiment"), "metric");
        if (sel != null) {
            tiles.add(fact("selected model", J.str(sel, "name") + " (" + J.str(sel, "kind") + ")"));
            tiles.add(fact(metric + (J.obj(J.obj(sel, "cv"), metric) != null ? " (cv)" : " (holdout)"), ModelSections.score(sel, metric)));
            tiles.add(fact(metric + " (holdout)", Fmt.metric(J.num(J.obj(sel, "holdout"), metric))));
        } else {
            tiles.add(fact("selected model", "none: nothing was trained", "fail"));
        }
        int[] counts = new int[3];
        for (JsonObject c : J.objects(J.arr(run, "checks"))) {
            counts[switch (B.status(J.str(c, "status"))) {
                case "pass" -> 0;
                case "warn" -> 1;
                default -> 2;
            }]++;
        }
        tiles.add(fact("checks", counts[0] + " passed · " + counts[1] + " warned · " + counts[2] + " failed",
                counts[2] > 0 ? "fail" : counts[1] > 0 ? "warn" : "pass"));
        List<JsonObject> gates = J.objects(J.arr(ev, "gates"));
        long passed = gates.stream().filter(g -> J.bool(g, "passed")).count();
        if (ev != null) {
            tiles.add(fact("release gates", gates.isEmpty() ? "none set" : passed + " of " + gates.size() + " passed",
                    gates.isEmpty() ? "warn" : passed == gates.size() ? "pass" : "fail"));
        }
        blocks.add(B.tiles(tiles));
        blocks.add(B.tone(headline(run, sel, metric, gates, passed, counts), status.equals("passed") ? "pass" : "fail"));
        if (!gates.isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonObject g : gates) {
                boolean ok = J.bool(g, "passed");
                String observed = J.str(g, "metric", "").equals("latency") ? Fmt.ms(J.num(g, "observed")) : Fmt.metric(J.num(g, "observed"));
                rows.add(List.of(Cell.styled(J.str(g, "text"), "code"), Cell.num(observed), Cell.styled(ok ? "pass" : "fail", ok ? "pass" : "fail"),
                        Cell.of(J.str(g, "note", ""))));
            }
            blocks.add(B.table("Release gates (require) of the scope", List.of("gate", "observed", "result", "note"), rows));
        }
        return new Section("verdict", "Verdict", status, blocks);
    }

    private static String headline(JsonObject run, JsonObject sel, String metric, List<JsonObject> gates, long passed, int[] counts) {
        String status = J.str(run, "status", "");
        return switch (status) {
            case "passed" -> "Ready for review: " + q(J.str(sel, "name")) + " reaches " + metric + " " + ModelSections.score(sel, metric)
                    + (gates.isEmpty() ? "; no release gate was set." : " and passes every release gate.");
            case "failed gates" -> "Not releasable: " + (gates.size() - passed) + " of " + gates.size() + " release gates failed for "
                    + q(J.str(sel, "name")) + ".";
            case "failed checks" -> "Stopped before training: the data failed " + B.plural(counts[2], "check", "checks") + ".";
            case "failed feature review" -> "Stopped before training: the transformed data failed the feature review.";
            default -> "The run ended with status “" + status + "”.";
        };
    }

    private static Section scope(JsonObject run) {
        JsonObject exp = J.obj(run, "experiment");
        JsonObject ev = J.obj(run, "evaluation");
        JsonObject split = J.obj(run, "split");
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("task", J.str(exp, "task")));
        facts.add(fact("target", J.str(exp, "target", "none"), "mono"));
        if (J.has(exp, "positive")) {
            facts.add(fact("positive class", J.str(exp, "positive")));
        }
        facts.add(fact("deciding metric", J.str(exp, "metric")));
        if (ev != null) {
            facts.add(fact("metrics", String.join(", ", J.strings(J.arr(ev, "metrics")))));
            JsonObject cv = J.obj(ev, "cv");
            facts.add(fact("validation", J.num(cv, "folds") != null && J.num(cv, "folds") > 0 ? Fmt.num(J.num(cv, "folds"))
                    + "-fold cross-validation" + (J.bool(cv, "stratified") ? ", stratified" : "") + ", then the holdout" : "holdout only"));
        }
        if (split != null) {
            facts.add(fact("split", Fmt.num(J.num(split, "train")) + " training rows, " + Fmt.num(J.num(split, "holdout"))
                    + " holdout rows (" + J.str(split, "how") + ", seed " + J.str(split, "seed") + ")"));
        }
        List<Block> blocks = new ArrayList<>();
        if (J.has(exp, "question")) {
            blocks.add(B.p("“" + J.str(exp, "question") + "”"));
        }
        blocks.add(B.facts(facts));
        // A run.json from before the plan was recorded has the gates only where they were evaluated.
        List<JsonObject> gates = J.objects(J.arr(exp.has("gates") ? exp : ev, "gates"));
        List<List<Cell>> rows = new ArrayList<>();
        JsonObject latencyGate = null;
        for (JsonObject g : gates) {
            boolean latency = "latency".equals(J.str(g, "metric"));
            if (latency) {
                latencyGate = g;
            }
            rows.add(List.of(Cell.styled(J.str(g, "text"), "code"), Cell.of(latency ? J.str(g, "on") + " single-row latency"
                    : J.str(g, "metric") + " on " + J.str(g, "on")), Cell.num(J.str(g, "op") + " " + (latency
                    ? Fmt.ms(J.num(g, "threshold")) : Fmt.num(J.num(g, "threshold"))))));
        }
        if (rows.isEmpty()) {
            blocks.add(B.tone("No release gate: any model that trains is released. Add `require METRIC >= X` to the scope.", "warn"));
        } else {
            blocks.add(B.table("Release gates as written", List.of("gate", "measures", "requires"), rows));
        }
        JsonObject sel = ModelSections.selected(ev);
        JsonObject lat = J.obj(sel, "latency_ms");
        blocks.add(B.h("Latency"));
        if (lat != null) {
            blocks.add(B.tiles(List.of(fact("p50", Fmt.ms(J.num(lat, "p50"))), fact("p99", Fmt.ms(J.num(lat, "p99"))),
                    fact("requirement", latencyGate == null ? "none" : J.str(latencyGate, "on") + " " + J.str(latencyGate, "op") + " "
                            + Fmt.ms(J.num(latencyGate, "threshold"))))));
            blocks.add(B.p("Single-row prediction latency of " + q(J.str(sel, "name")) + ", measured in this run over "
                    + Fmt.num(J.num(lat, "calls")) + " calls (raw row through the feature pipeline and the model, in process): p50 "
                    + Fmt.ms(J.num(lat, "p50")) + ", p90 " + Fmt.ms(J.num(lat, "p90")) + ", p99 " + Fmt.ms(J.num(lat, "p99")) + "."));
        } else {
            blocks.add(B.note("Not measured: no model was trained."));
        }
        blocks.add(B.h("Retraining"));
        blocks.add(B.p(retrain(J.obj(exp, "retrain"))));
        return new Section("scope", "Scope", J.str(exp, "task") + (J.has(exp, "target") ? " of " + q(J.str(exp, "target")) : "")
                + " by " + J.str(exp, "metric"), blocks);
    }

    static String retrain(JsonObject r) {
        if (r == null) {
            return "No retraining plan: the model is retrained only by hand. Add `retrain every 30 days or when drift > 0.2` to the scope.";
        }
        Double every = J.num(r, "everyDays");
        Double drift = J.num(r, "drift");
        List<String> when = new ArrayList<>();
        if (every != null) {
            when.add("every " + Fmt.num(every) + " days");
        }
        if (drift != null) {
            when.add("when input drift exceeds " + Fmt.num(drift));
        }
        return "Retrain " + String.join(", or ", when) + ".";
    }

    private static Section operationalization(JsonObject run) {
        List<Block> blocks = new ArrayList<>();
        JsonObject exp = J.obj(run, "experiment");
        List<JsonObject> exports = J.objects(J.arr(run, "exports"));
        if (exports.isEmpty()) {
            blocks.add(B.note("No model file was written: the run stopped before training."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonObject x : exports) {
                boolean ok = J.bool(x, "written");
                rows.add(List.of(Cell.of(J.str(x, "format")), Cell.styled(J.str(x, "path"), "code"), Cell.num(ok ? Fmt.bytes(J.num(x, "bytes"))
                        : "—"), Cell.styled(ok ? J.str(x, "sha256") : "not written: " + J.str(x, "reason"), ok ? "hash" : "warn")));
            }
            blocks.add(B.table("Model files written by this run; trust a file only if its SHA-256 matches", List.of("format", "path",
                    "size", "SHA-256"), rows));
            boolean onnxAsked = exports.stream().anyMatch(x -> "onnx".equals(J.str(x, "format")));
            boolean onnxWritten = exports.stream().anyMatch(x -> "onnx".equals(J.str(x, "format")) && J.bool(x, "written"));
            blocks.add(B.tone(onnxWritten ? "ONNX: available — the model runs outside the JVM (ONNX Runtime) too; the feature "
                    + "pipeline is applied by mlx before it." : onnxAsked ? "ONNX: requested, but this model cannot be expressed in ONNX."
                    : "ONNX: not requested. Add `export onnx \"model.onnx\"` to the deploy block for a portable copy.",
                    onnxWritten ? "pass" : "note"));
        }
        List<JsonObject> inputs = J.objects(J.arr(J.obj(run, "features"), "inputs"));
        Map<String, String> example = example(run, inputs);
        if (!inputs.isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonObject i : inputs) {
                String c = J.str(i, "column");
                rows.add(List.of(Cell.styled(c, "code"), Cell.of(J.str(i, "type", "?")), Cell.of(example.getOrDefault(c, ""))));
            }
            blocks.add(B.h("Input schema"));
            blocks.add(B.table("The raw columns a request must carry (the fitted pipeline turns them into the model's features)",
                    List.of("column", "type", "example"), rows));
        }
        JsonObject deploy = J.obj(exp, "deploy");
        String port = deploy == null ? "8080" : Fmt.num(J.num(deploy, "port")).replace(",", "");
        String name = J.str(exp, "name", "experiment");
        String jar = J.str(J.obj(run, "source"), "jar", name + ".jar");
        // The output folder is where the run wrote model.tribuo, the first export.
        Path model = exports.isEmpty() || !J.has(exports.get(0), "path") ? null : Path.of(J.str(exports.get(0), "path")).getParent();
        String outDir = model == null ? "out/" + name : model.toString();
        blocks.add(B.h("Serve it"));
        blocks.add(B.code("from the compiled jar, with the model of this run's output folder",
                "java -jar " + jar + " serve --port " + port + " --out " + outDir + "\n"
                        + "# or, from the source: mlx serve " + J.str(J.obj(run, "source"), "file", name + ".mlx")));
        StringBuilder body = new StringBuilder("{");
        int n = 0;
        for (Map.Entry<String, String> e : example.entrySet()) {
            String type = inputs.stream().filter(i -> e.getKey().equals(J.str(i, "column"))).map(i -> J.str(i, "type", ""))
                    .findFirst().orElse("");
            body.append(n++ == 0 ? "\n" : ",\n").append("    ").append(json(e.getKey())).append(": ")
                    .append(type.equals("number") || type.equals("integer") ? e.getValue() : json(e.getValue()));
        }
        body.append(n == 0 ? "}" : "\n  }");
        blocks.add(B.code("one prediction", "curl -s -X POST http://127.0.0.1:" + port + "/predict \\\n  -H 'Content-Type: application/json' \\\n"
                + "  -d '" + body.toString().replace("'", "'\\''") + "'"));
        if (deploy != null) {
            blocks.add(B.p("Unknown categories in a request: " + J.str(deploy, "unknown", "treated as unseen") + "."));
        }
        return new Section("operationalization", "Operationalization", exports.isEmpty() ? "nothing exported"
                : B.plural(exports.stream().filter(x -> J.bool(x, "written")).count(), "file", "files") + " written", blocks);
    }

    /** An example request from the review: the median of numbers, the most frequent value of the rest. */
    private static Map<String, String> example(JsonObject run, List<JsonObject> inputs) {
        Map<String, JsonObject> columns = new LinkedHashMap<>();
        for (JsonObject c : J.objects(J.arr(J.obj(run, "review"), "columns"))) {
            columns.put(J.str(c, "name"), c);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonObject i : inputs) {
            JsonObject c = columns.get(J.str(i, "column"));
            String v = null;
            if (c != null && J.num(c, "median") != null) {
                double m = J.num(c, "median");
                v = m == Math.rint(m) || "integer".equals(J.str(c, "type")) ? String.valueOf(Math.round(m))
                        : String.format(Locale.ROOT, "%s", m);
            } else if (c != null && !J.arr(c, "top").isEmpty()) {
                v = J.str(J.arr(c, "top").get(0).getAsJsonObject(), "value");
                if (v != null && v.length() > 60) {
                    v = v.substring(0, 60);
                }
            } else if (c != null && J.has(c, "min")) {
                v = J.str(c, "min");
            }
            if (v != null) {
                out.put(J.str(i, "column"), v);
            }
        }
        return out;
    }

    private static final com.google.gson.Gson PLAIN_JSON = new GsonBuilder().disableHtmlEscaping().create();

    private static String json(String s) {
        return PLAIN_JSON.toJson(s);
    }

    private static Section feedback(JsonObject run) {
        JsonObject f = J.obj(J.obj(run, "experiment"), "feedback");
        List<Block> blocks = new ArrayList<>();
        if (f == null) {
            blocks.add(B.note("No feedback plan: predictions are not logged and no online evaluation is planned."));
            return new Section("feedback", "Feedback", "no plan", blocks);
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("prediction log", J.str(f, "store") + " at " + J.str(f, "location"), "mono"));
        facts.add(fact("online metric", J.str(f, "onlineMetric")));
        facts.add(fact("window", Fmt.num(J.num(f, "windowDays")) + " days"));
        JsonObject ab = J.obj(f, "abtest");
        if (ab != null) {
            double share = J.num(ab, "challengerShare") == null ? 0 : J.num(ab, "challengerShare");
            facts.add(fact("A/B test", J.str(ab, "champion") + " (champion, " + Fmt.pct(1 - share) + ") vs " + J.str(ab, "challenger")
                    + " (challenger, " + Fmt.pct(share) + ")" + (J.bool(ab, "shadow") ? ", shadow: the challenger only scores" : "")));
            facts.add(fact("sticky by", J.str(ab, "stickyBy", "none (each request assigned afresh)")));
        } else {
            facts.add(fact("A/B test", "none: the selected model serves all traffic"));
        }
        facts.add(fact("retraining", retrain(J.obj(J.obj(run, "experiment"), "retrain"))));
        blocks.add(B.facts(facts));
        blocks.add(B.p("Offline scores are estimates. Once served, each prediction is logged with an id; `POST /feedback` records the "
                + "true outcome, and the online " + J.str(f, "onlineMetric") + " over the last " + Fmt.num(J.num(f, "windowDays"))
                + " days is what decides."));
        JsonObject online = J.obj(run, "online");
        if (online == null) {
            blocks.add(B.note("Online results: no feedback has been recorded for this run yet."));
        } else {
            for (Map.Entry<String, JsonElement> e : online.entrySet()) {
                blocks.add(B.facts(List.of(fact(e.getKey(), J.text(e.getValue())))));
            }
        }
        return new Section("feedback", "Feedback", ab == null ? "online " + J.str(f, "onlineMetric") : "A/B test "
                + J.str(ab, "champion") + " vs " + J.str(ab, "challenger"), blocks);
    }

    private static Section provenance(JsonObject run) {
        JsonObject source = J.obj(run, "source");
        JsonObject data = J.obj(run, "data");
        JsonObject env = J.obj(run, "environment");
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("mlx", J.str(J.obj(run, "mlx"), "version")));
        facts.add(fact("experiment file", J.str(source, "file"), "mono"));
        facts.add(fact("its SHA-256", J.str(source, "sha256"), "hash"));
        facts.add(fact("data", J.str(data, "source"), "mono"));
        facts.add(fact("data SHA-256", J.str(data, "sha256", "not hashed (a database query)"), "hash"));
        facts.add(fact("seed", J.str(run, "seed")));
        facts.add(fact("Java", J.str(env, "java") + " (" + J.str(env, "javaVendor") + ")"));
        facts.add(fact("OS", J.str(env, "os") + ", " + Fmt.num(J.num(env, "cores")) + " cores, heap up to " + Fmt.bytes(J.num(env, "maxHeapBytes"))));
        facts.add(fact("Tribuo", J.str(env, "tribuo")));
        facts.add(fact("Tablesaw", J.str(env, "tablesaw")));
        List<Block> blocks = new ArrayList<>();
        blocks.add(B.facts(facts));
        JsonObject timings = J.obj(run, "timings");
        if (timings != null && !timings.isEmpty()) {
            List<Charts.BarIn> bars = new ArrayList<>();
            double total = 0;
            for (Map.Entry<String, JsonElement> e : timings.entrySet()) {
                double ms = J.num(e.getValue()) == null ? 0 : J.num(e.getValue());
                total += ms;
                bars.add(new Charts.BarIn(e.getKey(), ms / 1000, null, "t-main"));
            }
            blocks.add(B.chart(Charts.bars("Seconds per stage (" + Fmt.ms(total) + " in all)", "seconds", bars)));
        }
        trainer(run.get("provenance"), blocks);
        if (J.has(source, "text")) {
            blocks.add(B.details("The experiment file " + J.str(source, "file") + ", in full", false,
                    List.of(B.code(J.str(source, "file"), J.str(source, "text")))));
        }
        return new Section("provenance", "Provenance", "mlx " + J.str(J.obj(run, "mlx"), "version") + ", seed " + J.str(run, "seed"),
                blocks);
    }

    /** The selected model's trainer and its settings, from Tribuo's marshalled provenance. */
    private static void trainer(JsonElement provenance, List<Block> blocks) {
        if (provenance instanceof JsonObject ref && J.has(ref, "file")) {
            blocks.add(B.note("Tribuo's provenance of the model (" + Fmt.num(J.num(ref, "objects")) + " objects) is in "
                    + J.str(ref, "file") + " beside run.json."));
            return;
        }
        if (!(provenance instanceof JsonArray objects) || objects.isEmpty()) {
            return;
        }
        Map<String, JsonObject> byName = new LinkedHashMap<>();
        for (JsonObject o : J.objects(objects)) {
            byName.put(J.str(o, "object-name", ""), o);
        }
        JsonObject model = J.objects(objects).get(0);
        JsonObject trainerRef = J.obj(J.obj(model, "map"), "trainer");
        JsonObject trainer = trainerRef == null ? null : byName.get(J.str(trainerRef, "value", ""));
        List<List<Cell>> rows = new ArrayList<>();
        if (trainer != null) {
            for (Map.Entry<String, JsonElement> e : J.obj(trainer, "map") == null ? List.<Map.Entry<String, JsonElement>>of()
                    : J.obj(trainer, "map").entrySet()) {
                if (e.getValue() instanceof JsonObject v && J.has(v, "value") && !J.bool(v, "is-reference")) {
                    rows.add(List.of(Cell.styled(e.getKey(), "code"), Cell.of(J.str(v, "value"))));
                }
            }
        }
        blocks.add(B.details("Tribuo provenance: " + J.str(model, "object-class-name", "model") + (trainer == null ? ""
                : ", trained by " + J.str(trainer, "object-class-name")), false, rows.isEmpty()
                ? List.of(B.note("The trainer records no settings."))
                : List.of(B.table("The trainer's settings as Tribuo recorded them", List.of("setting", "value"), rows))));
    }
}
