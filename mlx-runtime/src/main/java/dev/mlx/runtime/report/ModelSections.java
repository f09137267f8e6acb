package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.Blocks.fact;
import static dev.mlx.runtime.report.Blocks.q;

import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.result.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sections 7 and 8: the models with their tuning, and the evaluation of the selected model. */
final class ModelSections {
    private ModelSections() {
    }

    /** "0.9582 ± 0.0210" from a cv entry, or the holdout value when there was no CV. */
    static String score(Evaluation.ModelScores model, String metric) {
        if (model == null) {
            return Fmt.metric(null);
        }
        Evaluation.CvSummary cv = model.cv().get(metric);
        if (cv != null && cv.mean() != null) {
            return Fmt.metric(cv.mean()) + " ± " + Fmt.metric(cv.sd());
        }
        return Fmt.metric(model.holdout().get(metric));
    }

    /** Whether the run kept no holdout ({@code split none}): cross-validation on all rows is its only score. */
    static boolean noHoldout(RunResult run) {
        return run.split() != null && "none".equals(run.split().how());
    }

    /** Whether the metric was measured by cross-validation: some model has fold scores for it (clustering never has). */
    static boolean ranOnCv(Evaluation ev, String metric) {
        return ev.cv().folds() > 0 && ev.models().stream().anyMatch(m -> m.cv().get(metric) != null);
    }

    static Section models(RunResult run) {
        Evaluation ev = run.evaluation();
        List<Block> blocks = new ArrayList<>();
        if (ev == null) {
            blocks.add(Blocks.note("Nothing was trained: the run stopped with status “" + run.status() + "”."));
            return new Section("models", "Models", "nothing trained", blocks);
        }
        String metric = ev.metric();
        List<String> metrics = ev.metrics();
        Evaluation.Selection selection = ev.selection();
        String selectedName = selection.selected() == null ? "" : selection.selected();
        List<String> headers = new ArrayList<>(List.of("model", "kind"));
        for (String m : metrics) {
            headers.add(m + (ranOnCv(ev, m) ? " (cv)" : " (holdout)"));
        }
        boolean hasCv = ranOnCv(ev, metric);
        boolean holdout = !noHoldout(run);
        boolean noise = ev.models().stream().anyMatch(m -> m.noiseShare() != null);
        if (noise) {
            headers.add("noise");
        }
        if (holdout) {
            headers.add(metric + " (holdout)");
        }
        headers.addAll(List.of("vs baseline", "training", "size"));
        List<List<Cell>> rows = new ArrayList<>();
        List<Charts.BarIn> bars = new ArrayList<>();
        for (Evaluation.ModelScores m : ev.models()) {
            String name = m.name();
            boolean sel = name.equals(selectedName);
            List<Cell> row = new ArrayList<>();
            row.add(Cell.styled(name + (sel ? " ★ selected" : ""), sel ? "sel" : "code"));
            row.add(Cell.of(m.kind()));
            if (m.error() != null) {
                for (int i = 0; i < metrics.size() + (noise ? 2 : 1) + (holdout ? 1 : 0); i++) {
                    row.add(Cell.styled(i == 0 ? "failed: " + m.error() : "", i == 0 ? "fail" : ""));
                }
            } else {
                for (String x : metrics) {
                    // "mean ± sd" may break before its ± when the table needs the room, never inside a number
                    row.add(Cell.styled(score(m, x).replace(" ± ", " ±\u00a0"), "num wrap"));
                }
                if (noise) {
                    row.add(Cell.num(m.noiseShare() == null ? "—" : Fmt.pct(m.noiseShare())));
                }
                if (holdout) {
                    row.add(Cell.num(Fmt.metric(m.holdout().get(metric))));
                }
                Evaluation.Comparison vs = m.vsBaseline();
                row.add(Cell.num(vs == null ? "—" : (vs.difference() != null && vs.difference() >= 0 ? "+" : "")
                        + Fmt.metric(vs.difference())));
            }
            row.add(Cell.num(Fmt.ms(m.trainMs() == null ? null : (double) m.trainMs())));
            row.add(Cell.num(Fmt.bytes(m.modelBytes() == null ? null : (double) m.modelBytes())));
            rows.add(row);
            Evaluation.CvSummary cv = m.cv().get(metric);
            Double value = cv != null ? cv.mean() : m.holdout().get(metric);
            if (value != null) {
                bars.add(new Charts.BarIn(name, value, cv == null ? null : cv.sd(), sel ? "t-sel" : "t-main"));
            }
        }
        blocks.add(Blocks.table("Leaderboard: every model of the ladder" + (hasCv ? ", mean ± sd over " + Fmt.num((double) ev.cv().folds())
                + " cross-validation folds of " + (holdout ? "the training rows" : "all rows (no holdout)") : " on the holdout"),
                headers, rows));
        if (!bars.isEmpty()) {
            blocks.add(Blocks.chart(Charts.bars(metric + (hasCv ? " by model, mean ± sd over the CV folds" : " by model on the holdout")
                    + (ev.higherIsBetter() ? " (higher is better)" : " (lower is better)"), metric, bars)));
        }
        if (noise) {
            blocks.add(Blocks.note("Noise: HDBSCAN leaves rows that fit no cluster out as noise. They are not a cluster: silhouette and "
                    + "WCSS are over the clustered rows only, AMI and ARI count the noise as one group of its own, and selection by "
                    + "silhouette weighs it by the share of rows clustered (a noise row counts as 0), so calling rows noise cannot "
                    + "win it."));
        }
        blocks.add(Blocks.tone("Selection: " + (selection.reason() == null ? "—" : selection.reason()) + ".", "note"));
        Evaluation.ModelScores sel = ev.selected();
        Evaluation.Comparison vs = sel == null ? null : sel.vsBaseline();
        if (vs != null) {
            blocks.add(Blocks.p("Against the baseline " + q(vs.against()) + ", the selected model differs by "
                    + Fmt.metric(vs.difference()) + " " + metric + " (sd of the fold differences " + Fmt.metric(vs.sd())
                    + ", t = " + Fmt.num(vs.t()) + " over " + Fmt.num((double) vs.folds()) + " folds)."));
        }
        for (Evaluation.Tuning t : ev.tuning()) {
            tuning(t, blocks);
        }
        return new Section("models", "Models", ev.models().size() + " models, selected " + q(selectedName), blocks);
    }

    /** Settings as "name value, name value". */
    private static String settings(Map<String, Scalar> params) {
        List<String> ps = new ArrayList<>();
        params.forEach((k, v) -> ps.add(k + " " + text(v)));
        return String.join(", ", ps);
    }

    /** A setting's value as the page writes it: numbers formatted, lists as JSON. */
    private static String text(Scalar v) {
        return v == null ? "—" : Fields.text(dev.mlx.runtime.result.RunJson.tree(v, Scalar.class));
    }

    private static void tuning(Evaluation.Tuning t, List<Block> blocks) {
        String metric = t.metric();
        blocks.add(Blocks.h("Tuning of " + q(t.model())));
        Evaluation.BestTrial best = t.best();
        List<Fact> facts = new ArrayList<>(List.of(fact("search", t.search()), fact("trials", Fmt.num((double) t.trialsRun())
                + " of " + Fmt.num((double) t.trialsRequested())), fact("folds", Fmt.num((double) t.folds())),
                fact("best " + metric, best == null ? "—" : Fmt.metric(best.mean()) + " ± " + Fmt.metric(best.sd())),
                fact("time", Fmt.ms((double) t.ms()))));
        facts.add(fact("tuned", settings(t.tunedParams()), "mono"));
        blocks.add(Blocks.facts(facts));
        if (!t.space().isEmpty()) {
            blocks.add(new Report.TableBlock(DataSections.recordTable("The search space", t.space())));
        }
        List<double[]> score = new ArrayList<>();
        List<double[]> bestSoFar = new ArrayList<>();
        boolean higher = t.higherIsBetter();
        double running = Double.NaN;
        List<List<Cell>> rows = new ArrayList<>();
        Integer bestTrial = best == null ? null : best.trial();
        for (Evaluation.Trial trial : t.trials()) {
            int n = trial.trial();
            Double mean = trial.mean();
            if (mean != null) {
                score.add(new double[] {n, mean});
                running = Double.isNaN(running) ? mean : higher ? Math.max(running, mean) : Math.min(running, mean);
                bestSoFar.add(new double[] {n, running});
            }
            boolean isBest = bestTrial != null && n == bestTrial;
            rows.add(List.of(Cell.styled(Fmt.num((double) n) + (isBest ? " ★" : ""), isBest ? "sel" : "num"),
                    Cell.styled(settings(trial.params()), "code"), Cell.num(trial.error() != null ? "failed: " + trial.error()
                            : Fmt.metric(mean) + " ± " + Fmt.metric(trial.sd())), Cell.num(Fmt.ms((double) trial.ms()))));
        }
        if (score.size() >= 2) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : score) {
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
            blocks.add(Blocks.chart(Charts.lines("Cross-validated " + metric + " of each trial, and the best so far", "trial", metric,
                    List.of(new Charts.SeriesIn("trial", score, "t-muted"), new Charts.SeriesIn("best so far", bestSoFar, "t-sel")),
                    new double[] {score.get(0)[0], score.get(score.size() - 1)[0]}, new double[] {lo, hi}, false)));
        }
        blocks.add(Blocks.table("Every trial, cross-validated on the training rows only", List.of("trial", "parameters", metric, "time"),
                rows));
    }

    static Section evaluation(RunResult run) {
        Evaluation ev = run.evaluation();
        List<Block> blocks = new ArrayList<>();
        Evaluation.ModelScores m = ev == null ? null : ev.selected();
        if (m == null) {
            blocks.add(Blocks.note("Nothing was evaluated: no model was trained."));
            return new Section("evaluation", "Evaluation", "not reached", blocks);
        }
        if (noHoldout(run)) {
            return withoutHoldout(ev, m, run.experiment().positive(), blocks);
        }
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<String, Double> e : m.holdout().entrySet()) {
            facts.add(fact(e.getKey(), Fmt.metric(e.getValue())));
        }
        blocks.add(Blocks.p("The selected model " + q(m.name()) + ", trained on all " + Fmt.num((double) ev.trainRows())
                + " training rows, scored once on the " + Fmt.num((double) ev.testRows()) + " holdout rows it never saw."));
        blocks.add(Blocks.tiles(facts));
        switch (ev.task()) {
            case "classification" -> classification(m, run.experiment().positive(), blocks, ON_HOLDOUT);
            case "regression" -> regression(m, blocks, ON_HOLDOUT);
            case "clustering" -> clustering(m, blocks);
            default -> {
            }
        }
        for (Evaluation.Slice s : m.slices()) {
            blocks.add(Blocks.h("By " + q(s.column())));
            if (s.note() != null) {
                blocks.add(Blocks.note(s.note()));
            }
            List<String> headers = new ArrayList<>(List.of(s.column(), "rows"));
            List<List<Cell>> rows = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Evaluation.SliceGroup g : s.groups()) {
                if (keys.isEmpty()) {
                    keys.addAll(g.metrics().keySet());
                    headers.addAll(keys);
                }
                List<Cell> row = new ArrayList<>(List.of(Cell.of(g.value()), Cell.num(Fmt.num((double) g.rows()))));
                for (String k : keys) {
                    row.add(Cell.num(Fmt.metric(g.metrics().get(k))));
                }
                rows.add(row);
            }
            blocks.add(Blocks.table("Holdout metrics per value of " + q(s.column()), headers, rows));
        }
        if (ev.learningCurve() != null) {
            learningCurve(ev.learningCurve(), blocks);
        }
        return new Section("evaluation", "Evaluation", "holdout " + ev.metric() + " " + Fmt.metric(m.holdout().get(ev.metric())), blocks);
    }

    /** "Do we have enough data?": the verdict, the curve with its fold-to-fold spread, and its numbers. */
    private static void learningCurve(Evaluation.LearningCurve lc, List<Block> blocks) {
        blocks.add(Blocks.h("Learning curve: do we have enough data?"));
        blocks.add(Blocks.tone(capitalised(lc.verdict()) + ".", lc.moreDataHelps() ? "warn" : "pass"));
        List<double[]> mean = new ArrayList<>();
        List<double[]> low = new ArrayList<>();
        List<double[]> high = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Evaluation.CurvePoint p : lc.points()) {
            rows.add(List.of(Cell.num(Fmt.pct(p.size())), Cell.num(Fmt.num((double) p.trainRows())),
                    Cell.num(Fmt.metric(p.mean()) + (p.sd() == null ? "" : " ± " + Fmt.metric(p.sd())))));
            if (p.mean() == null) {
                continue;
            }
            double sd = p.sd() == null ? 0 : p.sd();
            mean.add(new double[] {p.trainRows(), p.mean()});
            low.add(new double[] {p.trainRows(), p.mean() - sd});
            high.add(new double[] {p.trainRows(), p.mean() + sd});
            lo = Math.min(lo, p.mean() - sd);
            hi = Math.max(hi, p.mean() + sd);
        }
        if (mean.size() >= 2) {
            if (hi == lo) {
                hi = lo + 1;
            }
            blocks.add(Blocks.chart(Charts.lines("Cross-validated " + lc.metric() + " of " + q(lc.model())
                            + " by training rows, mean and mean ± sd over " + lc.folds() + " folds"
                            + (lc.higherIsBetter() ? " (higher is better)" : " (lower is better)"), "training rows", lc.metric(),
                    List.of(new Charts.SeriesIn("mean + sd", high, "t-muted"), new Charts.SeriesIn("mean − sd", low, "t-muted"),
                            new Charts.SeriesIn("mean", mean, "t-sel")),
                    new double[] {mean.get(0)[0], mean.get(mean.size() - 1)[0]}, new double[] {lo, hi}, false)));
        }
        blocks.add(Blocks.table("The learning curve of " + q(lc.model()) + ": each size is a share of every fold's training rows",
                List.of("share", "training rows", lc.metric() + " (mean ± sd)"), rows));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code split none}: the cross-validated scores are the evaluation; no row is left to score the final model on. */
    private static Section withoutHoldout(Evaluation ev, Evaluation.ModelScores m, String positive, List<Block> blocks) {
        List<Fact> facts = new ArrayList<>();
        for (String metric : ev.metrics()) {
            Evaluation.CvSummary cv = m.cv().get(metric);
            if (cv != null) {
                facts.add(fact(metric + " (cv)", score(m, metric)));
            }
        }
        blocks.add(Blocks.p("No holdout (" + q("split none") + "): every model was cross-validated over " + Fmt.num((double) ev.cv().folds())
                + " folds of all " + Fmt.num((double) ev.trainRows()) + " rows, and the selected model " + q(m.name())
                + " was then fitted on all of them for export and serving. Its scores are the means over the folds, each "
                + "measured on rows that fold did not train on; release gates are checked on these means."));
        blocks.add(Blocks.tiles(facts));
        boolean details = m.confusion() != null || m.pairs() != null;
        if (details) {
            blocks.add(Blocks.p("Below, the selected model's out-of-fold predictions: every row predicted once, by the model of the "
                    + "fold that held it out (predictions.csv holds them too)."));
        }
        switch (ev.task()) {
            case "classification" -> {
                if (m.confusion() != null) {
                    classification(m, positive, blocks, OUT_OF_FOLD);
                }
            }
            case "regression" -> regression(m, blocks, OUT_OF_FOLD);
            default -> {
            }
        }
        return new Section("evaluation", "Evaluation", "cv " + ev.metric() + " " + score(m, ev.metric()), blocks);
    }

    /** Where the evaluation's details were measured, as the captions say it. */
    private static final String ON_HOLDOUT = "on the holdout";
    private static final String OUT_OF_FOLD = "out of fold";

    private static void classification(Evaluation.ModelScores m, String positive, List<Block> blocks, String where) {
        Evaluation.Confusion confusion = m.confusion();
        List<Chart> charts = new ArrayList<>();
        if (confusion != null) {
            List<String> labels = confusion.labels();
            List<List<Integer>> matrix = confusion.matrix();
            Double[][] v = new Double[labels.size()][labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                for (int j = 0; j < labels.size(); j++) {
                    v[i][j] = i < matrix.size() && j < matrix.get(i).size() ? (double) matrix.get(i).get(j) : null;
                }
            }
            List<String> rowLabels = labels.stream().map(l -> "actual " + l).toList();
            List<String> colLabels = labels.stream().map(l -> "predicted " + l).toList();
            charts.add(Charts.heatmap("Confusion matrix " + where + ": rows are the actual class, columns the predicted one",
                    rowLabels, colLabels, v, false, true, "rows"));
        }
        List<Evaluation.PerClass> perClass = m.perClass() == null ? List.of() : m.perClass();
        if (!perClass.isEmpty()) {
            blocks.add(new Report.TableBlock(DataSections.recordTable("Precision, recall and F1 per class " + where, perClass)));
        }
        List<Evaluation.Curve> roc = m.roc() == null ? List.of() : m.roc();
        curves(roc, "ROC curve " + where + " (false positive rate against true positive rate); the diagonal is chance",
                "false positive rate", "true positive rate", true, charts);
        curves(m.pr() == null ? List.of() : m.pr(), "Precision–recall curve " + where, "recall", "precision", false, charts);
        if (confusion != null && confusion.labels().size() == 2 && !roc.isEmpty()) {
            binary(m, positive, confusion, roc, charts, where);
        }
        if (!charts.isEmpty()) {
            blocks.add(Blocks.figures(charts));
        }
        if (roc.isEmpty()) {
            blocks.add(Blocks.note("No ROC or precision–recall curve: the selected model gives no probabilities."));
        }
    }

    /** A binary classifier's calibration and threshold trade-off, for its positive class (else the second label). */
    private static void binary(Evaluation.ModelScores m, String positive, Evaluation.Confusion confusion, List<Evaluation.Curve> roc,
                               List<Chart> charts, String where) {
        String pos = positive != null && confusion.labels().contains(positive) ? positive : confusion.labels().get(1);
        int i = confusion.labels().indexOf(pos);
        long positives = 0;
        long all = 0;
        for (int r = 0; r < confusion.matrix().size(); r++) {
            for (Integer n : confusion.matrix().get(r)) {
                all += n == null ? 0 : n;
                positives += r == i && n != null ? n : 0;
            }
        }
        Evaluation.Curve rocPos = roc.stream().filter(c -> pos.equals(c.label())).findFirst().orElse(null);
        Evaluation.Curve prPos = m.pr() == null ? null : m.pr().stream().filter(c -> pos.equals(c.label())).findFirst().orElse(null);
        Chart calibration = rocPos == null ? null : Calibration.calibration(rocPos, pos, positives, all - positives, where);
        Chart tradeOff = prPos == null ? null : Calibration.tradeOff(prPos, pos, where);
        if (calibration != null) {
            charts.add(calibration);
        }
        if (tradeOff != null) {
            charts.add(tradeOff);
        }
    }

    private static void curves(List<Evaluation.Curve> in, String caption, String x, String y, boolean diagonal, List<Chart> charts) {
        List<Charts.SeriesIn> series = new ArrayList<>();
        String[] tones = {"t-sel", "t-main", "t-alt", "t-4", "t-5", "t-6"};
        for (Evaluation.Curve c : in) {
            List<double[]> pts = new ArrayList<>();
            for (List<Double> p : c.points()) {
                Double px = p.size() > 0 ? p.get(0) : null;
                Double py = p.size() > 1 ? p.get(1) : null;
                if (px != null && py != null) {
                    pts.add(new double[] {px, py});
                }
            }
            if (!pts.isEmpty()) {
                series.add(new Charts.SeriesIn(c.label(), pts, tones[series.size() % tones.length]));
            }
        }
        if (!series.isEmpty()) {
            charts.add(Charts.lines(caption, x, y, series, new double[] {0, 1}, new double[] {0, 1}, diagonal));
        }
    }

    private static void regression(Evaluation.ModelScores m, List<Block> blocks, String where) {
        List<double[]> pairs = new ArrayList<>();
        List<double[]> residuals = new ArrayList<>();
        for (List<Double> p : m.pairs() == null ? List.<List<Double>>of() : m.pairs()) {
            Double actual = p.size() > 0 ? p.get(0) : null;
            Double predicted = p.size() > 1 ? p.get(1) : null;
            if (actual != null && predicted != null) {
                pairs.add(new double[] {actual, predicted});
                residuals.add(new double[] {predicted, actual - predicted});
            }
        }
        if (!pairs.isEmpty()) {
            blocks.add(Blocks.figures(List.of(
                    Charts.scatter("Predicted against actual " + where + "; points on the diagonal are exact", "actual", "predicted",
                            pairs, "identity"),
                    Charts.scatter("Residuals (actual − predicted) against the prediction; a pattern means the model misses "
                            + "something", "predicted", "residual", residuals, "zero"))));
        }
        if (m.residuals() != null) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, Double> e : m.residuals().entrySet()) {
                rows.add(List.of(Cell.of(e.getKey().replace('_', ' ')), Cell.num(Fmt.num(e.getValue()))));
            }
            blocks.add(Blocks.table("Residuals " + where, List.of("statistic", "value"), rows));
        }
    }

    private static void clustering(Evaluation.ModelScores m, List<Block> blocks) {
        List<Chart> charts = new ArrayList<>();
        if (m.clusters() != null) {
            List<Charts.BarIn> bars = new ArrayList<>();
            for (Map.Entry<String, Long> e : m.clusters().entrySet()) {
                boolean noise = e.getKey().equals("noise");
                bars.add(new Charts.BarIn(noise ? "noise" : "cluster " + e.getKey(), e.getValue(), null, noise ? "t-muted" : "t-alt"));
            }
            charts.add(Charts.bars(m.noiseShare() == null ? "Holdout rows per cluster" : "Holdout rows per cluster, and those called "
                    + "noise (" + Fmt.pct(m.noiseShare()) + ", left out of silhouette and WCSS)", "rows", bars));
        }
        Map<String, Double> k = m.kScores();
        if (k != null && k.size() >= 2) {
            List<double[]> pts = new ArrayList<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, Double> e : k.entrySet()) {
                Double v = e.getValue();
                Double at = number(e.getKey());
                if (v != null && at != null) {
                    pts.add(new double[] {at, v});
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (!pts.isEmpty()) {
                charts.add(Charts.lines("Silhouette for each number of clusters k tried; the highest is chosen", "k", "silhouette",
                        List.of(new Charts.SeriesIn("silhouette", pts, "t-sel")), new double[] {pts.get(0)[0],
                                pts.get(pts.size() - 1)[0]}, new double[] {lo, hi}, false));
            }
        }
        if (!charts.isEmpty()) {
            blocks.add(Blocks.figures(charts));
        }
    }

    /** A map key that names a number (k of k-means), or null when it does not. */
    private static Double number(String key) {
        try {
            return Double.parseDouble(key);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
