package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.Blocks.fact;
import static dev.mlx.runtime.report.Blocks.q;

import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import dev.mlx.runtime.result.DriftResults;
import dev.mlx.runtime.result.ExperimentPlan;
import dev.mlx.runtime.result.OnlineResults;
import dev.mlx.runtime.result.Retraining;
import dev.mlx.runtime.result.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened after the run: the feedback plan with the online evaluation and the last retrain
 * decision, and the drift of live inputs against training. Drawn from run.json's {@code online},
 * {@code retrain} and {@code drift}, which the feedback report and {@code retrain} add.
 */
final class FeedbackSections {
    private FeedbackSections() {
    }

    static Section feedback(RunResult run) {
        ExperimentPlan.Feedback f = run.experiment().feedback();
        List<Block> blocks = new ArrayList<>();
        if (f == null) {
            blocks.add(Blocks.note("No feedback plan: predictions are not logged and no online evaluation is planned."));
            if (run.retrain() != null) {
                blocks.addAll(retrain(run.retrain()));
            }
            return new Section("feedback", "Feedback", "no plan", blocks);
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("prediction log", f.store() + " at " + (f.location() == null ? "feedback.db in the output folder"
                : f.location()), "mono"));
        facts.add(fact("online metric", f.onlineMetric()));
        if (f.kpi() != null) {
            facts.add(fact("business KPI", f.kpi().name() + " per prediction (" + (f.kpi().higherIsBetter() ? "higher" : "lower")
                    + " is better), carried by the feedback as \"kpi\""));
        }
        facts.add(fact("window", Fmt.num(f.windowDays()) + " days"));
        ExperimentPlan.AbTest ab = f.abtest();
        if (ab != null) {
            double share = ab.challengerShare();
            facts.add(fact("A/B test", ab.champion() + " (champion, " + Fmt.pct(1 - share) + ") vs " + ab.challenger()
                    + " (challenger, " + Fmt.pct(share) + ")" + (ab.shadow() ? ", shadow: the challenger only scores" : "")));
            facts.add(fact("sticky by", ab.stickyBy() == null ? "none (each request assigned afresh)" : ab.stickyBy()));
        } else {
            facts.add(fact("A/B test", "none: the selected model serves all traffic"));
        }
        facts.add(fact("retraining", ReportBuilder.retrain(run.experiment().retrain())));
        facts.add(fact("retrain promotes", f.retrainMargin() > 0 ? "a new model significantly better, or not worse by more than "
                + Fmt.num(f.retrainMargin()) + " (retrain within)" : "only a new model significantly better"));
        blocks.add(Blocks.facts(facts));
        blocks.add(Blocks.p("Offline scores are estimates. Once served, each prediction is logged with an id; `POST /feedback` records the "
                + "true outcome, and the online " + f.onlineMetric() + " over the last " + Fmt.num(f.windowDays())
                + " days is what decides."));
        OnlineResults online = run.online();
        if (online == null) {
            blocks.add(Blocks.note("Online results: no feedback has been recorded for this run yet."));
        } else {
            blocks.addAll(online(online));
        }
        if (run.retrain() != null) {
            blocks.addAll(retrain(run.retrain()));
        }
        return new Section("feedback", "Feedback", ab == null ? "online " + f.onlineMetric() : "A/B test "
                + ab.champion() + " vs " + ab.challenger(), blocks);
    }

    /** The online evaluation: the window, a table of the variants, the test, the samples needed and the recommendation. */
    private static List<Block> online(OnlineResults online) {
        List<Block> out = new ArrayList<>();
        out.add(Blocks.h("Online results"));
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("window", Fmt.num(online.windowDays()) + " days from " + online.windowStart() + ", " + online.store()));
        if (online.note() != null) {
            facts.add(fact("note", online.note()));
        }
        if (online.judgedOn() != null) {
            facts.add(fact("judged on", online.judgedOn().equals("accuracy") ? "accuracy (share of correct answers)"
                    : "mean absolute error"));
        }
        out.add(Blocks.facts(facts));
        if (!online.variants().isEmpty() && online.judgedOn() != null) {
            List<List<Cell>> rows = new ArrayList<>();
            for (OnlineResults.Variant v : online.variants()) {
                rows.add(List.of(Cell.styled(v.name(), "code"), Cell.of(v.role()), Cell.num(Fmt.num((double) v.predictions())),
                        Cell.num(Fmt.num((double) v.labelled())), Cell.num(Fmt.metric(v.value())),
                        Cell.num(v.ciLow() == null ? "—" : Fmt.metric(v.ciLow()) + " – " + Fmt.metric(v.ciHigh()))));
            }
            out.add(Blocks.table("Served variants on the feedback of the window", List.of("variant", "role", "predictions",
                    "with feedback", online.judgedOn(), "95% interval"), rows));
        }
        List<Fact> verdict = new ArrayList<>();
        OnlineResults.Test t = online.test();
        if (t != null) {
            verdict.add(fact("test", t.kind() + ": challenger − champion " + Fmt.num(t.difference()) + " (95% interval "
                    + Fmt.num(t.ciLow()) + " to " + Fmt.num(t.ciHigh()) + "), p = " + Fmt.num(t.pValue())));
        }
        if (online.samplesNeeded() != null) {
            verdict.add(fact("samples needed per variant", Fmt.num((double) online.samplesNeeded())));
            verdict.add(fact("samples still needed per variant", Fmt.num((double) online.samplesStillNeeded())));
        } else if (online.samplesUnknown() != null) {
            verdict.add(fact("samples needed per variant", "unknown: " + online.samplesUnknown()));
        }
        if (online.kpi() != null) {
            out.addAll(kpi(online.kpi()));
        }
        if (online.recommendation() != null) {
            verdict.add(fact(online.kpi() == null ? "recommendation" : "recommendation (metric and " + online.kpi().name() + ")",
                    online.recommendation() + ": " + online.reason()));
        } else if (online.reason() != null) {
            verdict.add(fact("recommendation", "none: " + online.reason()));
        }
        if (!verdict.isEmpty()) {
            out.add(Blocks.facts(verdict));
        }
        return out;
    }

    /** The business KPI: its mean per variant with its interval, the test on it and its verdict alone. */
    private static List<Block> kpi(OnlineResults.Kpi k) {
        List<Block> out = new ArrayList<>();
        out.add(Blocks.h("Business KPI: " + k.name()));
        List<List<Cell>> rows = new ArrayList<>();
        for (OnlineResults.KpiVariant v : k.variants()) {
            rows.add(List.of(Cell.styled(v.name(), "code"), Cell.of(v.role()), Cell.num(Fmt.num((double) v.withValue())),
                    Cell.num(Fmt.num(v.mean())), Cell.num(v.ciLow() == null ? "—" : Fmt.num(v.ciLow()) + " – " + Fmt.num(v.ciHigh())),
                    Cell.num(Fmt.num(v.total()))));
        }
        out.add(Blocks.table("The " + k.name() + " the feedback carried, per variant (" + (k.higherIsBetter() ? "higher" : "lower")
                + " is better)", List.of("variant", "role", "with a value", "mean " + k.name(), "95% interval", "total"), rows));
        List<Fact> facts = new ArrayList<>();
        OnlineResults.Test t = k.test();
        if (t != null) {
            facts.add(fact("test on " + k.name(), t.kind() + ": challenger − champion " + Fmt.num(t.difference()) + " (95% interval "
                    + Fmt.num(t.ciLow()) + " to " + Fmt.num(t.ciHigh()) + "), p = " + Fmt.num(t.pValue())));
        }
        if (k.samplesNeeded() != null) {
            facts.add(fact("samples needed per variant", Fmt.num((double) k.samplesNeeded()) + " (still needed "
                    + Fmt.num((double) k.samplesStillNeeded()) + ")"));
        } else if (k.samplesUnknown() != null) {
            facts.add(fact("samples needed per variant", "unknown: " + k.samplesUnknown()));
        }
        if (k.recommendation() != null) {
            facts.add(fact("on " + k.name() + " alone", k.recommendation() + ": " + k.reason()));
        }
        if (!facts.isEmpty()) {
            out.add(Blocks.facts(facts));
        }
        return out;
    }

    /** The last retrain: the decision, then the comparison it rests on, number by number. */
    private static List<Block> retrain(Retraining r) {
        List<Block> out = new ArrayList<>();
        out.add(Blocks.h("Last retrain"));
        String tone = switch (r.outcome()) {
            case "promoted" -> "pass";
            case "kept" -> "warn";
            default -> "fail";
        };
        out.add(Blocks.tone(r.outcome() + ": " + r.reason(), tone));
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("when", r.time()));
        facts.add(fact("trained on", Fmt.num((double) r.dataRows()) + " data rows + " + Fmt.num((double) r.feedbackRows())
                + " labelled feedback rows"));
        if (r.candidateRun() != null) {
            facts.add(fact("new run", r.candidateRun() + (r.candidateSelected() == null ? ""
                    : ", selected " + q(r.candidateSelected()) + " (its release gates are checked on it)")));
        }
        Retraining.Comparison c = r.comparison();
        if (c != null) {
            facts.add(fact("compared", "the model that answers requests — " + (c.role().equals("champion") ? "the A/B test's champion"
                    : "the selected model") + ": serving " + q(c.servingModel()) + " against new " + q(c.candidateModel())));
            facts.add(fact("on", Fmt.num((double) c.rows()) + " rows neither model trained on (" + Fmt.num((double) c.rowsFromFeedback())
                    + " from feedback)"));
            facts.add(fact(c.metric(), "serving " + Fmt.metric(c.serving()) + ", new " + Fmt.metric(c.candidate()) + " ("
                    + (c.higherIsBetter() ? "higher" : "lower") + " is better)"));
            facts.add(fact("difference", Fmt.num(c.difference()) + ", 95% interval " + Fmt.num(c.ciLow()) + " to " + Fmt.num(c.ciHigh())
                    + " (paired bootstrap, " + Fmt.num((double) c.resamples()) + " resamples)"));
            facts.add(fact("rule", c.significant() ? "significantly better"
                    : c.notWorse() ? "not worse by more than the margin " + Fmt.num(c.margin())
                    : c.margin() > 0 ? "neither significantly better nor within the margin " + Fmt.num(c.margin())
                    : "not significantly better (no margin set)"));
        }
        out.add(Blocks.facts(facts));
        return out;
    }

    static Section drift(RunResult run) {
        DriftResults d = run.drift();
        List<Block> blocks = new ArrayList<>();
        if (d == null) {
            blocks.add(Blocks.note("No drift measured yet: once the model is served, `java -jar X.jar report` (or `mlx feedback "
                    + "report`) compares the logged inputs with the training data, column by column, and adds the numbers here."));
            blocks.add(Blocks.p(ReportBuilder.retrain(run.experiment().retrain())));
            return new Section("drift", "Drift", "not measured", blocks);
        }
        DriftResults.Trigger t = d.retrain();
        List<Fact> tiles = new ArrayList<>();
        tiles.add(fact("logged rows", Fmt.num((double) d.rows())));
        tiles.add(fact("largest PSI", Fmt.num(d.maxPsi()), d.maxPsi() < 0.1 ? "pass" : d.maxPsi() < 0.25 ? "warn" : "fail"));
        tiles.add(fact("retrain trigger", t.threshold() == null ? "none set" : t.triggered() ? "fired (PSI > " + Fmt.num(t.threshold()) + ")"
                : "not fired (PSI > " + Fmt.num(t.threshold()) + ")", t.triggered() ? "fail" : "pass"));
        blocks.add(Blocks.tiles(tiles));
        blocks.add(Blocks.p("The population stability index compares each input's live distribution (logged since " + d.windowStart()
                + ") with training: numeric columns in ten bins cut at the training deciles, categories by value. Below 0.1 is "
                + "stable, below 0.25 moderate, above that major. Numeric columns also get the two-sample Kolmogorov–Smirnov test."));
        if (d.note() != null) {
            blocks.add(Blocks.note(d.note()));
        }
        List<Charts.BarIn> bars = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (DriftResults.Column c : d.columns()) {
            if (c.psi() != null) {
                bars.add(new Charts.BarIn(c.column(), c.psi(), null, c.psi() < 0.1 ? "t-main" : c.psi() < 0.25 ? "t-4" : "t-bad"));
            }
            rows.add(List.of(Cell.styled(c.column(), "code"), Cell.of(c.type()), Cell.num(Fmt.num((double) c.liveValues())),
                    Cell.num(Fmt.num(c.psi())), Cell.of(c.level() == null ? "—" : c.level()), Cell.num(Fmt.num(c.ksStatistic())),
                    Cell.num(Fmt.num(c.ksPValue()))));
        }
        if (!bars.isEmpty()) {
            blocks.add(Blocks.chart(Charts.bars("PSI per input column (live against training)", "PSI", bars)));
        }
        blocks.add(Blocks.table("Drift per input column", List.of("column", "type", "live values", "PSI", "level", "KS D",
                "KS p-value"), rows));
        return new Section("drift", "Drift", (t.triggered() ? "retrain triggered, " : "") + "largest PSI " + Fmt.num(d.maxPsi()),
                blocks);
    }
}
