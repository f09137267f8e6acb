package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.Blocks.fact;
import static dev.mlx.runtime.report.Blocks.q;

import com.google.gson.GsonBuilder;
import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.ExperimentPlan;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.Provenance;
import dev.mlx.runtime.result.RunResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A run's results to the report model: the verdict, scope, operationalization, feedback and provenance here, the rest delegated. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static Report build(RunResult run) {
        ExperimentPlan exp = run.experiment();
        String status = run.status();
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
        sections.add(FeedbackSections.feedback(run));
        sections.add(FeedbackSections.drift(run));
        Section history = HistorySection.history(run);
        if (history != null) {
            sections.add(history);
        }
        sections.add(provenance(run));
        return new Report(exp.name(), exp.question(), status, status.equals("passed") ? "pass" : "fail", run.mlx().version(),
                sections);
    }

    private static Section verdict(RunResult run) {
        Evaluation ev = run.evaluation();
        String status = run.status();
        List<Block> blocks = new ArrayList<>();
        List<Fact> tiles = new ArrayList<>();
        tiles.add(fact("status", status, status.equals("passed") ? "pass" : "fail"));
        Evaluation.ModelScores sel = ev == null ? null : ev.selected();
        String metric = run.experiment().metric();
        if (sel != null) {
            tiles.add(fact("selected model", sel.name() + " (" + sel.kind() + ")"));
            tiles.add(fact(metric + (sel.cv().get(metric) != null && sel.cv().get(metric).mean() != null ? " (cv)" : " (holdout)"),
                    ModelSections.score(sel, metric)));
            if (!ModelSections.noHoldout(run)) {
                tiles.add(fact(metric + " (holdout)", Fmt.metric(sel.holdout().get(metric))));
            }
        } else {
            tiles.add(fact("selected model", "none: nothing was trained", "fail"));
        }
        int[] counts = new int[3];
        for (RunResult.Check c : run.checks()) {
            counts[switch (Blocks.status(c.status())) {
                case "pass" -> 0;
                case "warn" -> 1;
                default -> 2;
            }]++;
        }
        tiles.add(fact("checks", counts[0] + " passed · " + counts[1] + " warned · " + counts[2] + " failed",
                counts[2] > 0 ? "fail" : counts[1] > 0 ? "warn" : "pass"));
        List<Evaluation.GateOutcome> gates = ev == null ? List.of() : ev.gates();
        long passed = gates.stream().filter(Evaluation.GateOutcome::passed).count();
        if (ev != null) {
            tiles.add(fact("release gates", gates.isEmpty() ? "none set" : passed + " of " + gates.size() + " passed",
                    gates.isEmpty() ? "warn" : passed == gates.size() ? "pass" : "fail"));
        }
        blocks.add(Blocks.tiles(tiles));
        blocks.add(Blocks.tone(headline(run, sel, metric, gates, passed, counts), status.equals("passed") ? "pass" : "fail"));
        if (!gates.isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Evaluation.GateOutcome g : gates) {
                boolean ok = g.passed();
                String observed = g.metric().equals("latency") ? Fmt.ms(g.observed()) : Fmt.metric(g.observed());
                rows.add(List.of(Cell.styled(g.text(), "code"), Cell.num(observed), Cell.styled(ok ? "pass" : "fail", ok ? "pass" : "fail"),
                        Cell.of(g.note() == null ? "" : g.note())));
            }
            blocks.add(Blocks.table("Release gates (require) of the scope", List.of("gate", "observed", "result", "note"), rows));
        }
        return new Section("verdict", "Verdict", status, blocks);
    }

    private static String headline(RunResult run, Evaluation.ModelScores sel, String metric, List<Evaluation.GateOutcome> gates,
                                   long passed, int[] counts) {
        String name = sel == null ? null : sel.name();
        return switch (run.status()) {
            case "passed" -> "Ready for review: " + q(name) + " reaches " + metric + " " + ModelSections.score(sel, metric)
                    + (gates.isEmpty() ? "; no release gate was set." : " and passes every release gate.");
            case "failed gates" -> "Not releasable: " + (gates.size() - passed) + " of " + gates.size() + " release gates failed for "
                    + q(name) + ".";
            case "failed checks" -> "Stopped before training: the data failed " + Blocks.plural(counts[2], "check", "checks") + ".";
            case "failed feature review" -> "Stopped before training: the transformed data failed the feature review.";
            case "failed models" -> "Not releasable: a model of the ladder could not be trained (see the models).";
            default -> "The run ended with status “" + run.status() + "”.";
        };
    }

    private static Section scope(RunResult run) {
        ExperimentPlan exp = run.experiment();
        Evaluation ev = run.evaluation();
        RunResult.SplitSizes split = run.split();
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("task", exp.task()));
        facts.add(fact("target", exp.target() == null ? "none" : exp.target(), "mono"));
        if (exp.positive() != null) {
            facts.add(fact("positive class", exp.positive()));
        }
        facts.add(fact("deciding metric", exp.metric()));
        if (ev != null) {
            facts.add(fact("metrics", String.join(", ", ev.metrics())));
            Evaluation.CrossValidation cv = ev.cv();
            facts.add(fact("validation", cv.folds() > 0 ? Fmt.num((double) cv.folds()) + "-fold cross-validation"
                    + (cv.stratified() ? ", stratified" : "") + (ModelSections.noHoldout(run) ? " on all rows, no holdout"
                    : ", then the holdout") : "holdout only"));
        }
        if (split != null && ModelSections.noHoldout(run)) {
            facts.add(fact("split", "none: all " + Fmt.num((double) split.train()) + " rows are cross-validated, then the final "
                    + "model is fitted on them (seed " + split.seed() + ")"));
        } else if (split != null) {
            facts.add(fact("split", Fmt.num((double) split.train()) + " training rows, " + Fmt.num((double) split.holdout())
                    + " holdout rows (" + split.how() + ", seed " + split.seed() + ")"));
        }
        List<Block> blocks = new ArrayList<>();
        if (exp.question() != null) {
            blocks.add(Blocks.p("“" + exp.question() + "”"));
        }
        blocks.add(Blocks.facts(facts));
        modelCard(exp.modelCard(), blocks);
        List<List<Cell>> rows = new ArrayList<>();
        ExperimentPlan.Gate latencyGate = null;
        for (ExperimentPlan.Gate g : exp.gates()) {
            boolean latency = "latency".equals(g.metric());
            if (latency) {
                latencyGate = g;
            }
            rows.add(List.of(Cell.styled(g.text(), "code"), Cell.of(latency ? g.on() + " single-row latency"
                    : g.metric() + " on " + g.on()), Cell.num(g.op() + " " + (latency
                    ? Fmt.ms(g.threshold()) : Fmt.num(g.threshold())))));
        }
        if (rows.isEmpty()) {
            blocks.add(Blocks.tone("No release gate: any model that trains is released. Add `require METRIC >= X` to the scope.", "warn"));
        } else {
            blocks.add(Blocks.table("Release gates as written", List.of("gate", "measures", "requires"), rows));
        }
        Evaluation.ModelScores sel = ev == null ? null : ev.selected();
        Evaluation.Latency lat = sel == null ? null : sel.latencyMs();
        blocks.add(Blocks.h("Latency"));
        if (lat != null) {
            blocks.add(Blocks.tiles(List.of(fact("p50", Fmt.ms(lat.p50())), fact("p99", Fmt.ms(lat.p99())),
                    fact("requirement", latencyGate == null ? "none" : latencyGate.on() + " " + latencyGate.op() + " "
                            + Fmt.ms(latencyGate.threshold())))));
            blocks.add(Blocks.p("Single-row prediction latency of " + q(sel.name()) + ", measured in this run over "
                    + Fmt.num((double) lat.calls()) + " calls (raw row through the feature pipeline and the model, in process): p50 "
                    + Fmt.ms(lat.p50()) + ", p90 " + Fmt.ms(lat.p90()) + ", p99 " + Fmt.ms(lat.p99()) + "."));
        } else {
            blocks.add(Blocks.note("Not measured: no model was trained."));
        }
        blocks.add(Blocks.h("Retraining"));
        blocks.add(Blocks.p(retrain(exp.retrain())));
        return new Section("scope", "Scope", exp.task() + (exp.target() != null ? " of " + q(exp.target()) : "")
                + " by " + exp.metric(), blocks);
    }

    /** The model card's words: what the model is for and where it must not be used, as the scope states them. */
    private static void modelCard(ExperimentPlan.ModelCard card, List<Block> blocks) {
        blocks.add(Blocks.h("Intended use and limitations"));
        if (card == null) {
            blocks.add(Blocks.tone("Not stated: a reader of this report cannot tell what the model is for or where it must not be "
                    + "used. Add `intended use \"…\"` and one `limitation \"…\"` per known limit to the scope.", "warn"));
            return;
        }
        if (card.intendedUse() != null) {
            blocks.add(Blocks.p("Intended use: " + card.intendedUse()));
        } else {
            blocks.add(Blocks.tone("No intended use stated. Add `intended use \"…\"` to the scope.", "warn"));
        }
        if (card.limitations().isEmpty()) {
            blocks.add(Blocks.tone("No limitation stated. Add one `limitation \"…\"` per known limit to the scope.", "warn"));
        } else {
            blocks.add(Blocks.p(card.limitations().size() == 1 ? "Known limitation:" : "Known limitations:"));
            blocks.add(Blocks.bullets(card.limitations()));
        }
    }

    static String retrain(ExperimentPlan.Retrain r) {
        if (r == null) {
            return "No retraining plan: the model is retrained only by hand. Add `retrain every 30 days or when drift > 0.2` to the scope.";
        }
        List<String> when = new ArrayList<>();
        if (r.everyDays() != null) {
            when.add("every " + Fmt.num(r.everyDays()) + " days");
        }
        if (r.drift() != null) {
            when.add("when input drift exceeds " + Fmt.num(r.drift()));
        }
        return "Retrain " + String.join(", or ", when) + ".";
    }

    private static Section operationalization(RunResult run) {
        List<Block> blocks = new ArrayList<>();
        ExperimentPlan exp = run.experiment();
        List<RunResult.ExportedFile> exports = run.exports() == null ? List.of() : run.exports();
        if (exports.isEmpty()) {
            blocks.add(Blocks.note("No model file was written: the run stopped before training."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            for (RunResult.ExportedFile x : exports) {
                boolean ok = x.written();
                rows.add(List.of(Cell.of(x.format()), Cell.styled(x.path(), "code"), Cell.num(ok ? Fmt.bytes(x.bytes() == null ? null
                        : (double) x.bytes()) : "—"), Cell.styled(ok ? x.sha256() : "not written: " + x.reason(), ok ? "hash" : "warn")));
            }
            blocks.add(Blocks.table("Model files written by this run; trust a file only if its SHA-256 matches", List.of("format", "path",
                    "size", "SHA-256"), rows));
            boolean onnxAsked = exports.stream().anyMatch(x -> "onnx".equals(x.format()));
            boolean onnxWritten = exports.stream().anyMatch(x -> "onnx".equals(x.format()) && x.written());
            blocks.add(Blocks.tone(onnxWritten ? "ONNX: available — the model runs outside the JVM (ONNX Runtime) too; the feature "
                    + "pipeline is applied by mlx before it." : onnxAsked ? "ONNX: requested, but this model cannot be expressed in ONNX."
                    : "ONNX: not requested. Add `export onnx \"model.onnx\"` to the deploy block for a portable copy.",
                    onnxWritten ? "pass" : "note"));
        }
        List<FeaturesLearned.Input> inputs = run.features() == null ? List.of() : run.features().inputs();
        Map<String, String> example = example(run, inputs);
        if (!inputs.isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (FeaturesLearned.Input i : inputs) {
                String c = i.column();
                rows.add(List.of(Cell.styled(c, "code"), Cell.of(i.type() == null ? "?" : i.type()), Cell.of(example.getOrDefault(c, ""))));
            }
            blocks.add(Blocks.h("Input schema"));
            blocks.add(Blocks.table("The raw columns a request must carry (the fitted pipeline turns them into the model's features)",
                    List.of("column", "type", "example"), rows));
        }
        ExperimentPlan.Deploy deploy = exp.deploy();
        String port = Fmt.num((double) deploy.port()).replace(",", "");
        String name = exp.name();
        // The output folder is where the run wrote model.tribuo, the first export.
        Path model = exports.isEmpty() ? null : parent(exports.get(0).path());
        String outDir = model == null ? "out/" + name : model.toString();
        blocks.add(Blocks.h("Serve it"));
        if (run.source().jar() != null) {
            blocks.add(Blocks.code("from the compiled jar, with the model of this run's output folder",
                    "java -jar " + run.source().jar() + " serve --port " + port + " --out " + outDir + "\n"
                            + "# or, from the source: mlx serve " + run.source().file() + " --out " + outDir));
        } else {
            // `mlx run` compiles in memory and writes no jar: serve from the source, or compile one first.
            blocks.add(Blocks.code("from the source, with the model of this run's output folder (this run came from `mlx run`, "
                    + "which writes no jar)", "mlx serve " + run.source().file() + " --out " + outDir + "\n"
                    + "# or compile a jar to ship: mlx compile " + run.source().file() + " -o out/" + name + ".jar\n"
                    + "#   then: java -jar out/" + name + ".jar serve --port " + port + " --out " + outDir));
        }
        StringBuilder body = new StringBuilder("{");
        int n = 0;
        for (Map.Entry<String, String> e : example.entrySet()) {
            String type = inputs.stream().filter(i -> e.getKey().equals(i.column())).map(i -> i.type() == null ? "" : i.type())
                    .findFirst().orElse("");
            body.append(n++ == 0 ? "\n" : ",\n").append("    ").append(json(e.getKey())).append(": ")
                    .append(type.equals("number") || type.equals("integer") ? e.getValue() : json(e.getValue()));
        }
        body.append(n == 0 ? "}" : "\n  }");
        blocks.add(Blocks.code("one prediction", "curl -s -X POST http://127.0.0.1:" + port + "/predict \\\n  -H 'Content-Type: application/json' \\\n"
                + "  -d '" + body.toString().replace("'", "'\\''") + "'"));
        blocks.add(Blocks.p("Unknown categories in a request: " + (deploy.unknown() == null ? "treated as unseen" : deploy.unknown()) + "."));
        return new Section("operationalization", "Operationalization", exports.isEmpty() ? "nothing exported"
                : Blocks.plural(exports.stream().filter(RunResult.ExportedFile::written).count(), "file", "files") + " written", blocks);
    }

    /** The folder of a path as written, or null when it has none or is no path at all. */
    private static Path parent(String path) {
        try {
            return Path.of(path).getParent();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** An example request from the review: the median of numbers, the most frequent value of the rest. */
    private static Map<String, String> example(RunResult run, List<FeaturesLearned.Input> inputs) {
        Map<String, DataReview.Column> columns = new LinkedHashMap<>();
        for (DataReview.Column c : run.review().columns()) {
            columns.put(c.name(), c);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (FeaturesLearned.Input i : inputs) {
            DataReview.Column c = columns.get(i.column());
            String v = null;
            if (c instanceof DataReview.NumericColumn num && num.median() != null) {
                double m = num.median();
                v = m == Math.rint(m) || "integer".equals(c.type()) ? String.valueOf(Math.round(m))
                        : String.format(Locale.ROOT, "%s", m);
            } else if (c instanceof DataReview.CategoryColumn cat && !cat.top().isEmpty()) {
                v = cat.top().get(0).value();
                if (v.length() > 60) {
                    v = v.substring(0, 60);
                }
            } else if (c instanceof DataReview.DateColumn date && date.min() != null) {
                v = date.min();
            }
            if (v != null) {
                out.put(i.column(), v);
            }
        }
        return out;
    }

    private static final com.google.gson.Gson PLAIN_JSON = new GsonBuilder().disableHtmlEscaping().create();

    private static String json(String s) {
        return PLAIN_JSON.toJson(s);
    }

    private static Section provenance(RunResult run) {
        RunResult.Source source = run.source();
        RunResult.DataSummary data = run.data();
        RunResult.Environment env = run.environment();
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("mlx", run.mlx().version()));
        facts.add(fact("experiment file", source.file(), "mono"));
        facts.add(fact("its SHA-256", source.sha256(), "hash"));
        facts.add(fact("data", data.source(), "mono"));
        facts.add(fact("data SHA-256", data.sha256() == null ? "not hashed (a database query)" : data.sha256(), "hash"));
        facts.add(fact("seed", String.valueOf(run.seed())));
        facts.add(fact("Java", env.java() + " (" + env.javaVendor() + ")"));
        facts.add(fact("OS", env.os() + ", " + Fmt.num((double) env.cores()) + " cores, heap up to "
                + Fmt.bytes((double) env.maxHeapBytes())));
        facts.add(fact("Tribuo", env.tribuo()));
        facts.add(fact("Tablesaw", env.tablesaw()));
        List<Block> blocks = new ArrayList<>();
        blocks.add(Blocks.facts(facts));
        if (!run.timings().isEmpty()) {
            List<Charts.BarIn> bars = new ArrayList<>();
            double total = 0;
            for (Map.Entry<String, Long> e : run.timings().entrySet()) {
                double ms = e.getValue();
                total += ms;
                bars.add(new Charts.BarIn(e.getKey(), ms / 1000, null, "t-main"));
            }
            blocks.add(Blocks.chart(Charts.bars("Seconds per stage (" + Fmt.ms(total) + " in all)", "seconds", bars)));
        }
        trainer(run.provenance(), blocks);
        blocks.add(Blocks.details("The experiment file " + source.file() + ", in full", false,
                List.of(Blocks.code(source.file(), source.text()))));
        return new Section("provenance", "Provenance", "mlx " + run.mlx().version() + ", seed " + run.seed(), blocks);
    }

    /** The selected model's trainer and its settings, from Tribuo's marshalled provenance. */
    private static void trainer(Provenance provenance, List<Block> blocks) {
        if (provenance instanceof Provenance.InFile ref) {
            blocks.add(Blocks.note("Tribuo's provenance of the model (" + Fmt.num((double) ref.objects()) + " objects) is in "
                    + ref.file() + " beside run.json."));
            return;
        }
        if (!(provenance instanceof Provenance.Objects all) || all.objects().isEmpty()) {
            return;
        }
        Map<String, Provenance.MarshalledObject> byName = new LinkedHashMap<>();
        for (Provenance.MarshalledObject o : all.objects()) {
            byName.put(o.objectName(), o);
        }
        Provenance.MarshalledObject model = all.objects().get(0);
        Provenance.MarshalledObject trainer = model.map().get("trainer") instanceof Provenance.SimpleValue ref && ref.value() != null
                ? byName.get(ref.value()) : null;
        List<List<Cell>> rows = new ArrayList<>();
        if (trainer != null) {
            for (Map.Entry<String, Provenance.MarshalledValue> e : trainer.map().entrySet()) {
                if (e.getValue() instanceof Provenance.SimpleValue v && v.value() != null && !v.isReference()) {
                    rows.add(List.of(Cell.styled(e.getKey(), "code"), Cell.of(v.value())));
                }
            }
        }
        blocks.add(Blocks.details("Tribuo provenance: " + model.objectClassName() + (trainer == null ? ""
                : ", trained by " + trainer.objectClassName()), false, rows.isEmpty()
                ? List.of(Blocks.note("The trainer records no settings."))
                : List.of(Blocks.table("The trainer's settings as Tribuo recorded them", List.of("setting", "value"), rows))));
    }
}
