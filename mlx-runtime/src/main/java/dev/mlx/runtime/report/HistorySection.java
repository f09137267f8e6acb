package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.Blocks.fact;
import static dev.mlx.runtime.report.Blocks.q;

import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import dev.mlx.runtime.result.RunComparison;
import dev.mlx.runtime.result.RunRecord;
import dev.mlx.runtime.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Compared with earlier runs": this run's id and parameters, and what changed since the previous
 * run and since the promoted one — the file, the data, the parameters and every metric, each with
 * whether its change is within noise. Drawn from run.json's {@code run}, which runs in the history have.
 */
final class HistorySection {
    private HistorySection() {
    }

    /** The section, or null for a run outside the history (it has no {@code run}). */
    static Section history(RunResult run) {
        RunRecord record = run.run();
        if (record == null) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        facts.add(fact("run", record.id(), "mono"));
        facts.add(fact("started", record.started(), "mono"));
        facts.add(fact("parameters", record.parameters().isEmpty() ? "none" : params(record.parameters())));
        facts.add(fact("set on the command line", record.set().isEmpty() ? "nothing" : String.join(", ",
                record.set().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
        facts.add(fact("git commit", record.git() == null ? "not in a git work tree" : record.git(), "hash"));
        blocks.add(Blocks.facts(facts));
        String summary;
        if (record.compared().isEmpty()) {
            blocks.add(Blocks.note("The first run of this experiment in its output folder: nothing to compare with yet. "
                    + "`mlx runs` lists the runs, `mlx diff` compares any two."));
            summary = "first run";
        } else {
            for (RunComparison c : record.compared()) {
                blocks.addAll(comparison(c));
            }
            summary = summary(record.compared().get(0));
        }
        return new Section("history", "Compared with earlier runs", summary, blocks);
    }

    private static String params(Map<String, Double> values) {
        return String.join(", ", values.entrySet().stream().map(e -> "$" + e.getKey() + " = " + Fmt.num(e.getValue())).toList());
    }

    private static String summary(RunComparison c) {
        long better = c.metrics().stream().filter(m -> m.verdict().equals("better")).count();
        long worse = c.metrics().stream().filter(m -> m.verdict().equals("worse")).count();
        return "vs " + c.against() + " run " + c.id() + ": " + better + " better, " + worse + " worse beyond noise";
    }

    private static List<Block> comparison(RunComparison c) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(Blocks.h("Compared with the " + c.against() + " run " + c.id() + " (" + c.status() + ")"));
        List<String> changed = new ArrayList<>();
        changed.add(c.fileDiff() == null ? "the experiment file is the same" : "the experiment file changed");
        RunComparison.DataChange d = c.data();
        if (d.same()) {
            changed.add("the data is the same");
        } else {
            String what = Objects.equals(d.sha256Before(), d.sha256After()) ? "the data was read differently" : "the data changed";
            what += " (" + Fmt.num((double) d.rowsBefore()) + " → " + Fmt.num((double) d.rowsAfter()) + " rows, "
                    + Fmt.num((double) d.columnsBefore()) + " → " + Fmt.num((double) d.columnsAfter()) + " columns";
            if (!d.columnsAdded().isEmpty()) {
                what += "; added " + String.join(", ", d.columnsAdded().stream().map(Blocks::q).toList());
            }
            if (!d.columnsRemoved().isEmpty()) {
                what += "; removed " + String.join(", ", d.columnsRemoved().stream().map(Blocks::q).toList());
            }
            changed.add(what + ")");
        }
        if (c.parameters().isEmpty()) {
            changed.add("no parameter changed");
        } else {
            changed.add("parameters " + String.join(", ", c.parameters().stream().map(p -> "$" + p.name() + " "
                    + (p.before() == null ? "—" : Fmt.num(p.before())) + " → " + (p.after() == null ? "—" : Fmt.num(p.after())))
                    .toList()));
        }
        String selBefore = c.selected().get(0);
        String selAfter = c.selected().get(1);
        if (selBefore != null || selAfter != null) {
            changed.add(Objects.equals(selBefore, selAfter) ? "both selected " + q(selAfter)
                    : "selected " + (selBefore == null ? "nothing" : q(selBefore)) + " then, " + (selAfter == null ? "nothing"
                    : q(selAfter)) + " now");
        }
        blocks.add(Blocks.p(String.join("; ", changed) + "."));
        List<List<Cell>> selectedRows = new ArrayList<>();
        List<List<Cell>> allRows = new ArrayList<>();
        for (RunComparison.MetricChange m : c.metrics()) {
            List<Cell> row = List.of(Cell.styled(m.model(), "code"), Cell.of(m.metric()), Cell.of(m.on()),
                    Cell.num(score(m.before(), m.sdBefore())), Cell.num(score(m.after(), m.sdAfter())),
                    Cell.num(m.difference() == null ? null : signed(m.difference())),
                    Cell.num(m.noise() == null ? null : "± " + Fmt.metric(m.noise())), Cell.styled(m.verdict(), tone(m.verdict())));
            allRows.add(row);
            if (m.model().equals(selAfter)) {
                selectedRows.add(row);
            }
        }
        List<String> headers = List.of("model", "metric", "on", "then", "now", "change", "noise", "verdict");
        if (!selectedRows.isEmpty()) {
            blocks.add(Blocks.table("The selected model " + q(selAfter) + ", then and now", headers, selectedRows));
        }
        if (!allRows.isEmpty()) {
            blocks.add(Blocks.details("Every metric of every model (" + allRows.size() + ")", selectedRows.isEmpty(),
                    List.of(Blocks.table("Every metric, then and now", headers, allRows))));
        }
        blocks.add(Blocks.note("A change is within noise when it is smaller than twice its standard error: for cross-validated "
                + "scores, of the difference of two fold means; on the holdout, twice the fold-to-fold spread of the score."));
        if (c.fileDiff() != null) {
            blocks.add(Blocks.details("What changed in the experiment file", false, List.of(Blocks.code("diff", c.fileDiff()))));
        }
        return blocks;
    }

    private static String score(Double value, Double sd) {
        if (value == null) {
            return null;
        }
        return sd == null ? Fmt.metric(value) : Fmt.metric(value) + " ± " + Fmt.metric(sd);
    }

    private static String signed(double d) {
        return (d > 0 ? "+" : d < 0 ? "−" : "") + Fmt.metric(Math.abs(d));
    }

    private static String tone(String verdict) {
        return switch (verdict) {
            case "better" -> "pass";
            case "worse" -> "fail";
            case "within noise", "same" -> "";
            default -> "warn";
        };
    }
}
