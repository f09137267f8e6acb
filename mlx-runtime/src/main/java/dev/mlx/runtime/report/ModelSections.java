package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.B.fact;
import static dev.mlx.runtime.report.B.q;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sections 7 and 8: the models with their tuning, and the evaluation of the selected model. */
final class ModelSections {
    private ModelSections() {
    }

    /** The selected model's object in evaluation.models, or null. */
    static JsonObject selected(JsonObject ev) {
        String name = J.str(J.obj(ev, "selection"), "selected");
        for (JsonObject m : J.objects(J.arr(ev, "models"))) {
            if (J.str(m, "name", "").equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** "0.9582 ± 0.0210" from a cv entry, or the holdout value when there was no CV. */
    static String score(JsonObject model, String metric) {
        JsonObject cv = J.obj(J.obj(model, "cv"), metric);
        if (cv != null && J.num(cv, "mean") != null) {
            return Fmt.metric(J.num(cv, "mean")) + " ± " + Fmt.metric(J.num(cv, "sd"));
        }
        return Fmt.metric(J.num(J.obj(model, "holdout"), metric));
    }

    static Section models(JsonObject run) {
        JsonObject ev = J.obj(run, "evaluation");
        List<Block> blocks = new ArrayList<>();
        if (ev == null) {
            blocks.add(B.note("Nothing was trained: the run stopped with status “" + J.str(run, "status") + "”."));
            return new Section("models", "Models", "nothing trained", blocks);
        }
        String metric = J.str(ev, "metric");
        List<String> metrics = J.strings(J.arr(ev, "metrics"));
        JsonObject selection = J.obj(ev, "selection");
        String selectedName = J.str(selection, "selected", "");
        boolean hasCv = J.num(J.obj(ev, "cv"), "folds") != null && J.num(J.obj(ev, "cv"), "folds") > 0;
        List<String> headers = new ArrayList<>(List.of("model", "kind"));
        for (String m : metrics) {
            headers.add(m + (hasCv ? " (cv)" : " (holdout)"));
        }
        headers.addAll(List.of(metric + " (holdout)", "vs baseline", "training", "size"));
        List<List<Cell>> rows = new ArrayList<>();
        List<Charts.BarIn> bars = new ArrayList<>();
        for (JsonObject m : J.objects(J.arr(ev, "models"))) {
            String name = J.str(m, "name");
            boolean sel = name.equals(selectedName);
            List<Cell> row = new ArrayList<>();
            row.add(Cell.styled(name + (sel ? " ★ selected" : ""), sel ? "sel" : "code"));
            row.add(Cell.of(J.str(m, "kind")));
            if (J.has(m, "error")) {
                for (int i = 0; i < metrics.size() + 2; i++) {
                    row.add(Cell.styled(i == 0 ? "failed: " + J.str(m, "error") : "", i == 0 ? "fail" : ""));
                }
            } else {
                for (String x : metrics) {
                    row.add(Cell.num(score(m, x)));
                }
                row.add(Cell.num(Fmt.metric(J.num(J.obj(m, "holdout"), metric))));
                JsonObject vs = J.obj(m, "vs_baseline");
                row.add(Cell.num(vs == null ? "—" : (J.num(vs, "difference") != null && J.num(vs, "difference") >= 0 ? "+" : "")
                        + Fmt.metric(J.num(vs, "difference"))));
            }
            row.add(Cell.num(Fmt.ms(J.num(m, "train_ms"))));
            row.add(Cell.num(Fmt.bytes(J.num(m, "model_bytes"))));
            rows.add(row);
            JsonObject cv = J.obj(J.obj(m, "cv"), metric);
            Double value = cv != null ? J.num(cv, "mean") : J.num(J.obj(m, "holdout"), metric);
            if (value != null) {
                bars.add(new Charts.BarIn(name, value, cv == null ? null : J.num(cv, "sd"), sel ? "t-sel" : "t-main"));
            }
        }
        blocks.add(B.table("Leaderboard: every model of the ladder" + (hasCv ? ", mean ± sd over " + Fmt.num(J.num(J.obj(ev, "cv"),
                "folds")) + " cross-validation folds of the training rows" : " on the holdout"), headers, rows));
        if (!bars.isEmpty()) {
            blocks.add(B.chart(Charts.bars(metric + (hasCv ? " by model, mean ± sd over the CV folds" : " by model on the holdout")
                    + (J.bool(ev, "higher_is_better") ? " (higher is better)" : " (lower is better)"), metric, bars)));
        }
        blocks.add(B.tone("Selection: " + J.str(selection, "reason", "—") + ".", "note"));
        JsonObject sel = selected(ev);
        JsonObject vs = J.obj(sel, "vs_baseline");
        if (vs != null) {
            blocks.add(B.p("Against the baseline " + q(J.str(vs, "against")) + ", the selected model differs by "
                    + Fmt.metric(J.num(vs, "difference")) + " " + metric + " (sd of the fold differences " + Fmt.metric(J.num(vs, "sd"))
                    + ", t = " + Fmt.num(J.num(vs, "t")) + " over " + Fmt.num(J.num(vs, "folds")) + " folds)."));
        }
        for (JsonObject t : J.objects(J.arr(ev, "tuning"))) {
            tuning(t, blocks);
        }
        return new Section("models", "Models", J.arr(ev, "models").size() + " models, selected " + q(selectedName), blocks);
    }

    private static void tuning(JsonObject t, List<Block> blocks) {
        String metric = J.str(t, "metric");
        blocks.add(B.h("Tuning of " + q(J.str(t, "model"))));
        JsonObject best = J.obj(t, "best");
        List<Fact> facts = new ArrayList<>(List.of(fact("search", J.str(t, "search")), fact("trials", Fmt.num(J.num(t, "trials_run"))
                + " of " + Fmt.num(J.num(t, "trials_requested"))), fact("folds", Fmt.num(J.num(t, "folds"))),
                fact("best " + metric, best == null ? "—" : Fmt.metric(J.num(best, "mean")) + " ± " + Fmt.metric(J.num(best, "sd"))),
                fact("time", Fmt.ms(J.num(t, "ms")))));
        JsonObject tuned = J.obj(t, "tuned_params");
        if (tuned != null) {
            List<String> ps = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : tuned.entrySet()) {
                ps.add(e.getKey() + " " + J.text(e.getValue()));
            }
            facts.add(fact("tuned", String.join(", ", ps), "mono"));
        }
        blocks.add(B.facts(facts));
        List<JsonObject> space = J.objects(J.arr(t, "space"));
        if (!space.isEmpty()) {
            blocks.add(new Report.TableBlock(DataSections.objectTable("The search space", space)));
        }
        List<double[]> score = new ArrayList<>();
        List<double[]> bestSoFar = new ArrayList<>();
        boolean higher = J.bool(t, "higher_is_better");
        double running = Double.NaN;
        List<List<Cell>> rows = new ArrayList<>();
        Double bestTrial = J.num(best, "trial");
        for (JsonObject trial : J.objects(J.arr(t, "trials"))) {
            Double n = J.num(trial, "trial");
            Double mean = J.num(trial, "mean");
            if (n != null && mean != null) {
                score.add(new double[] {n, mean});
                running = Double.isNaN(running) ? mean : higher ? Math.max(running, mean) : Math.min(running, mean);
                bestSoFar.add(new double[] {n, running});
            }
            JsonObject params = J.obj(trial, "params");
            List<String> ps = new ArrayList<>();
            if (params != null) {
                params.entrySet().forEach(e -> ps.add(e.getKey() + " " + J.text(e.getValue())));
            }
            boolean isBest = n != null && n.equals(bestTrial);
            rows.add(List.of(Cell.styled(Fmt.num(n) + (isBest ? " ★" : ""), isBest ? "sel" : "num"), Cell.styled(String.join(", ", ps),
                    "code"), Cell.num(J.has(trial, "error") ? "failed: " + J.str(trial, "error") : Fmt.metric(mean) + " ± "
                    + Fmt.metric(J.num(trial, "sd"))), Cell.num(Fmt.ms(J.num(trial, "ms")))));
        }
        if (score.size() >= 2) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : score) {
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
            blocks.add(B.chart(Charts.lines("Cross-validated " + metric + " of each trial, and the best so far", "trial", metric,
                    List.of(new Charts.SeriesIn("trial", score, "t-muted"), new Charts.SeriesIn("best so far", bestSoFar, "t-sel")),
                    new double[] {score.get(0)[0], score.get(score.size() - 1)[0]}, new double[] {lo, hi}, false)));
        }
        blocks.add(B.table("Every trial, cross-validated on the training rows only", List.of("trial", "parameters", metric, "time"),
                rows));
    }

    static Section evaluation(JsonObject run) {
        JsonObject ev = J.obj(run, "evaluation");
        List<Block> blocks = new ArrayList<>();
        JsonObject m = selected(ev);
        if (m == null) {
            blocks.add(B.note("Nothing was evaluated: no model was trained."));
            return new Section("evaluation", "Evaluation", "not reached", blocks);
        }
        String task = J.str(ev, "task", "");
        List<Fact> facts = new ArrayList<>();
        JsonObject holdout = J.obj(m, "holdout");
        if (holdout != null) {
            for (Map.Entry<String, JsonElement> e : holdout.entrySet()) {
                facts.add(fact(e.getKey(), Fmt.metric(J.num(e.getValue()))));
            }
        }
        blocks.add(B.p("The selected model " + q(J.str(m, "name")) + ", trained on all " + Fmt.num(J.num(ev, "train_rows"))
                + " training rows, scored once on the " + Fmt.num(J.num(ev, "test_rows")) + " holdout rows it never saw."));
        blocks.add(B.tiles(facts));
        switch (task) {
            case "classification" -> classification(m, blocks);
            case "regression" -> regression(m, blocks);
            case "clustering" -> clustering(m, blocks);
            default -> {
            }
        }
        for (JsonObject s : J.objects(J.arr(m, "slices"))) {
            blocks.add(B.h("By " + q(J.str(s, "column"))));
            if (J.has(s, "note")) {
                blocks.add(B.note(J.str(s, "note")));
            }
            List<String> headers = new ArrayList<>(List.of(J.str(s, "column"), "rows"));
            List<List<Cell>> rows = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (JsonObject g : J.objects(J.arr(s, "groups"))) {
                JsonObject metrics = J.obj(g, "metrics");
                if (metrics != null && keys.isEmpty()) {
                    keys.addAll(metrics.keySet());
                    headers.addAll(keys);
                }
                List<Cell> row = new ArrayList<>(List.of(Cell.of(J.str(g, "value")), Cell.num(Fmt.num(J.num(g, "rows")))));
                for (String k : keys) {
                    row.add(Cell.num(Fmt.metric(J.num(metrics, k))));
                }
                rows.add(row);
            }
            blocks.add(B.table("Holdout metrics per value of " + q(J.str(s, "column")), headers, rows));
        }
        return new Section("evaluation", "Evaluation", "holdout " + J.str(ev, "metric") + " "
                + Fmt.metric(J.num(holdout, J.str(ev, "metric"))), blocks);
    }

    private static void classification(JsonObject m, List<Block> blocks) {
        JsonObject confusion = J.obj(m, "confusion");
        List<Chart> charts = new ArrayList<>();
        if (confusion != null) {
            List<String> labels = J.strings(J.arr(confusion, "labels"));
            JsonArray matrix = J.arr(confusion, "matrix");
            Double[][] v = new Double[labels.size()][labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                for (int j = 0; j < labels.size(); j++) {
                    v[i][j] = J.num(matrix.get(i).getAsJsonArray().get(j));
                }
            }
            List<String> rowLabels = labels.stream().map(l -> "actual " + l).toList();
            List<String> colLabels = labels.stream().map(l -> "predicted " + l).toList();
            charts.add(Charts.heatmap("Confusion matrix on the holdout: rows are the actual class, columns the predicted one",
                    rowLabels, colLabels, v, false, true, "rows"));
        }
        List<JsonObject> perClass = J.objects(J.arr(m, "per_class"));
        if (!perClass.isEmpty()) {
            blocks.add(new Report.TableBlock(DataSections.objectTable("Precision, recall and F1 per class on the holdout", perClass)));
        }
        curves(J.arr(m, "roc"), "ROC curve on the holdout (false positive rate against true positive rate); the diagonal is chance",
                "false positive rate", "true positive rate", true, charts);
        curves(J.arr(m, "pr"), "Precision–recall curve on the holdout", "recall", "precision", false, charts);
        if (!charts.isEmpty()) {
            blocks.add(B.figures(charts));
        }
        if (J.arr(m, "roc").isEmpty()) {
            blocks.add(B.note("No ROC or precision–recall curve: the selected model gives no probabilities."));
        }
    }

    private static void curves(JsonArray in, String caption, String x, String y, boolean diagonal, List<Chart> charts) {
        List<Charts.SeriesIn> series = new ArrayList<>();
        String[] tones = {"t-sel", "t-main", "t-alt", "t-4", "t-5", "t-6"};
        for (JsonObject c : J.objects(in)) {
            List<double[]> pts = new ArrayList<>();
            for (JsonElement p : J.arr(c, "points")) {
                JsonArray a = p.getAsJsonArray();
                Double px = J.num(a.get(0));
                Double py = J.num(a.get(1));
                if (px != null && py != null) {
                    pts.add(new double[] {px, py});
                }
            }
            if (!pts.isEmpty()) {
                series.add(new Charts.SeriesIn(J.str(c, "class"), pts, tones[series.size() % tones.length]));
            }
        }
        if (!series.isEmpty()) {
            charts.add(Charts.lines(caption, x, y, series, new double[] {0, 1}, new double[] {0, 1}, diagonal));
        }
    }

    private static void regression(JsonObject m, List<Block> blocks) {
        List<double[]> pairs = new ArrayList<>();
        List<double[]> residuals = new ArrayList<>();
        for (JsonElement p : J.arr(m, "pairs")) {
            JsonArray a = p.getAsJsonArray();
            Double actual = J.num(a.get(0));
            Double predicted = J.num(a.get(1));
            if (actual != null && predicted != null) {
                pairs.add(new double[] {actual, predicted});
                residuals.add(new double[] {predicted, actual - predicted});
            }
        }
        if (!pairs.isEmpty()) {
            blocks.add(B.figures(List.of(
                    Charts.scatter("Predicted against actual on the holdout; points on the diagonal are exact", "actual", "predicted",
                            pairs, "identity"),
                    Charts.scatter("Residuals (actual − predicted) against the prediction; a pattern means the model misses "
                            + "something", "predicted", "residual", residuals, "zero"))));
        }
        JsonObject r = J.obj(m, "residuals");
        if (r != null) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : r.entrySet()) {
                rows.add(List.of(Cell.of(e.getKey().replace('_', ' ')), Cell.num(Fmt.num(J.num(e.getValue())))));
            }
            blocks.add(B.table("Residuals on the holdout", List.of("statistic", "value"), rows));
        }
    }

    private static void clustering(JsonObject m, List<Block> blocks) {
        JsonObject clusters = J.obj(m, "clusters");
        List<Chart> charts = new ArrayList<>();
        if (clusters != null) {
            List<Charts.BarIn> bars = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : clusters.entrySet()) {
                bars.add(new Charts.BarIn("cluster " + e.getKey(), J.num(e.getValue()), null, "t-alt"));
            }
            charts.add(Charts.bars("Holdout rows per cluster", "rows", bars));
        }
        JsonObject k = J.obj(m, "k_scores");
        if (k != null && k.size() >= 2) {
            List<double[]> pts = new ArrayList<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, JsonElement> e : k.entrySet()) {
                Double v = J.num(e.getValue());
                if (v != null) {
                    pts.add(new double[] {Double.parseDouble(e.getKey()), v});
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            charts.add(Charts.lines("Silhouette for each number of clusters k tried; the highest is chosen", "k", "silhouette",
                    List.of(new Charts.SeriesIn("silhouette", pts, "t-sel")), new double[] {pts.get(0)[0], pts.get(pts.size() - 1)[0]},
                    new double[] {lo, hi}, false));
        }
        if (!charts.isEmpty()) {
            blocks.add(B.figures(charts));
        }
    }
}
