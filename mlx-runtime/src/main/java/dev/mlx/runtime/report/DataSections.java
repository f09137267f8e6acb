package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.Blocks.fact;
import static dev.mlx.runtime.report.Blocks.q;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import dev.mlx.runtime.result.DataReview;
import dev.mlx.runtime.result.ExperimentPlan;
import dev.mlx.runtime.result.FeatureReview;
import dev.mlx.runtime.result.FeatureScore;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sections 3 to 6: data review, checks, features, feature review. */
final class DataSections {
    /**
     * Columns shown in the correlation heatmap; the rest are listed in its table only when few. 22 columns
     * share the grid's 420 px in cells of 19 px, the narrowest whose 45-degree labels do not overlap, and the
     * chart then still fits an 800 px page without shrinking its 13 px text.
     */
    static final int MAX_HEATMAP = 22;
    /** Features shown in a sample of transformed rows. */
    static final int MAX_SAMPLE_FEATURES = 12;
    /** Features listed in the statistics of the transformed data. */
    static final int MAX_FEATURE_STATS = 200;

    private DataSections() {
    }

    static Section data(RunResult run) {
        RunResult.DataSummary data = run.data();
        DataReview review = run.review();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Blocks.tiles(List.of(fact("rows", Fmt.num((double) data.rows())), fact("columns", Fmt.num((double) data.columns())),
                fact("rows without a target", Fmt.num((double) data.rowsWithoutTarget()), data.rowsWithoutTarget() > 0 ? "warn" : ""),
                fact("source", data.source(), "mono"))));
        described(run, review, blocks);
        List<DataReview.Column> columns = review.columns();
        if (!columns.isEmpty()) {
            blocks.add(Blocks.h("Columns"));
            blocks.add(new Report.TableBlock(columnTable(columns)));
            List<List<Cell>> outliers = new ArrayList<>();
            for (DataReview.Column c : columns) {
                if (c instanceof DataReview.NumericColumn num && num.outliers() != null) {
                    DataReview.Outliers o = num.outliers();
                    List<String> ex = new ArrayList<>();
                    for (DataReview.OutlierRow e : o.examples()) {
                        ex.add("row " + Fmt.num((double) e.row()) + ": " + Fmt.num(e.value()));
                    }
                    outliers.add(List.of(Cell.styled(c.name(), "code"), Cell.of(o.method() + " " + Fmt.num(o.threshold())),
                            Cell.num(Fmt.num(o.low())), Cell.num(Fmt.num(o.high())),
                            Cell.styled(Fmt.num((double) o.count()), o.count() > 0 ? "warn" : "num"), Cell.of(String.join("; ", ex))));
                }
            }
            if (!outliers.isEmpty()) {
                blocks.add(Blocks.h("Outliers"));
                blocks.add(Blocks.table("Values outside the fences, per numeric column", List.of("column", "method", "low fence",
                        "high fence", "outside", "most extreme"), outliers));
            }
        } else {
            blocks.add(Blocks.note("The review did not ask for a summary of the columns."));
        }
        correlations(review.correlations(), blocks);
        balance(review.balance(), blocks);
        plots(review.plots() == null ? List.of() : review.plots(), blocks);
        DataReview.Sample sample = review.sample();
        if (sample != null) {
            List<List<Cell>> rows = new ArrayList<>();
            for (List<String> r : sample.rows()) {
                List<Cell> row = new ArrayList<>();
                for (String v : r) {
                    row.add(Cell.of(v));
                }
                rows.add(row);
            }
            blocks.add(Blocks.h("Sample"));
            blocks.add(Blocks.table("The first rows of the data, as read", sample.columns(), rows));
        }
        String summary = Fmt.num((double) data.rows()) + " rows × " + Fmt.num((double) data.columns()) + " columns";
        return new Section("data", "Data review", summary, blocks);
    }

    /** What each column means, as the experiment's {@code describe} says, with its unit and type. */
    private static void described(RunResult run, DataReview review, List<Block> blocks) {
        List<ExperimentPlan.Described> described = run.experiment().described();
        if (described == null || described.isEmpty()) {
            return;
        }
        java.util.Map<String, String> types = new java.util.HashMap<>();
        for (DataReview.Column c : review.columns()) {
            types.put(c.name(), c.type());
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (ExperimentPlan.Described d : described) {
            rows.add(List.of(Cell.styled(d.column(), "code"), Cell.of(d.description()), Cell.of(d.unit() == null ? "" : d.unit()),
                    Cell.of(types.getOrDefault(d.column(), ""))));
        }
        blocks.add(Blocks.h("What the columns mean"));
        blocks.add(Blocks.table("Each described column, as the describe statement of the data block defines it", List.of("column", "meaning",
                "unit", "type"), rows));
    }

    private static Table columnTable(List<DataReview.Column> columns) {
        List<List<Cell>> rows = new ArrayList<>();
        for (DataReview.Column c : columns) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.styled(c.name(), "code"));
            row.add(Cell.of(c.type()));
            double share = c.missingShare();
            row.add(Cell.styled(Fmt.pct(share), share > 0.2 ? "warn" : "num"));
            row.add(Cell.num(Fmt.num((double) c.distinct())));
            if (c instanceof DataReview.NumericColumn n) {
                row.add(Cell.num(Fmt.num(n.min())));
                row.add(Cell.num(Fmt.num(n.max())));
                row.add(Cell.num(Fmt.num(n.mean())));
                row.add(Cell.num(Fmt.num(n.median())));
                row.add(Cell.num(Fmt.num(n.std())));
            } else {
                DataReview.DateColumn d = c instanceof DataReview.DateColumn date ? date : null;
                row.add(Cell.of(d != null && d.min() != null ? d.min() : ""));
                row.add(Cell.of(d != null && d.max() != null ? d.max() : ""));
                row.add(Cell.of(""));
                row.add(Cell.of(""));
                row.add(Cell.of(""));
            }
            row.add(distribution(c));
            rows.add(row);
        }
        return new Table("Every column of the raw data (after rows without a target were set aside)",
                List.of("column", "type", "missing", "distinct", "min", "max", "mean", "median", "std", "distribution"), rows);
    }

    /** A histogram thumbnail for numbers, the top values for categories, words beside it. */
    private static Cell distribution(DataReview.Column c) {
        String name = c.name();
        if (c instanceof DataReview.NumericColumn n && n.histogram().edges().size() >= 2) {
            List<Double> edges = n.histogram().edges();
            List<Double> counts = bins(edges, n.histogram().counts());
            return Cell.thumbnail(Charts.histogram("Distribution of " + name, name, edges, counts, true),
                    counts.size() + " bins from " + Fmt.num(edges.get(0)) + " to " + Fmt.num(edges.get(edges.size() - 1)));
        }
        if (c instanceof DataReview.CategoryColumn cat && !cat.top().isEmpty()) {
            List<String> values = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            List<String> words = new ArrayList<>();
            for (DataReview.ValueCount t : cat.top()) {
                values.add(t.value());
                counts.add((double) t.count());
                if (words.size() < 3) {
                    words.add(t.value() + " (" + Fmt.num((double) t.count()) + ")");
                }
            }
            return Cell.thumbnail(Charts.categorySpark("Most frequent values of " + name, name, values, counts),
                    String.join(", ", words) + (cat.top().size() > 3 ? ", …" : ""));
        }
        return Cell.of("");
    }

    /** A histogram's counts as numbers, no more of them than its edges have bins. */
    private static List<Double> bins(List<Double> edges, List<Long> counts) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(counts.size(), edges.size() - 1); i++) {
            out.add((double) counts.get(i));
        }
        return out;
    }

    /** The matrix's value at (i, j), or null where it has none. */
    private static Double cell(List<List<Double>> matrix, int i, int j) {
        return i < matrix.size() && j < matrix.get(i).size() ? matrix.get(i).get(j) : null;
    }

    private static void correlations(DataReview.Correlations corr, List<Block> blocks) {
        if (corr == null) {
            return;
        }
        List<String> cols = corr.columns();
        List<List<Double>> matrix = corr.matrix();
        DataReview.TargetAssociation target = corr.target();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            keep.add(i);
        }
        String method = corr.method();
        blocks.add(Blocks.h("Correlations"));
        if (cols.size() > MAX_HEATMAP) {
            // The most correlated columns tell the story; a 500 x 500 grid tells none.
            double[] strength = new double[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                for (int j = 0; j < cols.size(); j++) {
                    Double v = cell(matrix, i, j);
                    if (i != j && v != null) {
                        strength[i] = Math.max(strength[i], Math.abs(v));
                    }
                }
            }
            keep.sort(Comparator.comparingDouble((Integer i) -> -strength[i]).thenComparing(i -> i));
            keep = new ArrayList<>(keep.subList(0, MAX_HEATMAP));
            keep.sort(Comparator.naturalOrder());
            int all = corr.numericColumns() == null ? cols.size() : corr.numericColumns();
            String paired = corr.numericColumns() == null ? ""
                    : String.format(Locale.ROOT, " (among the %,d %s, which were correlated in pairs)", cols.size(),
                            target == null ? "first" : "most associated with the target");
            blocks.add(Blocks.note(String.format(Locale.ROOT, "The %d of %,d numeric columns with the strongest correlation "
                    + "to another column are shown%s.", MAX_HEATMAP, all, paired)));
        }
        if (!cols.isEmpty()) {
            List<String> labels = new ArrayList<>();
            Double[][] values = new Double[keep.size()][keep.size()];
            for (int a = 0; a < keep.size(); a++) {
                labels.add(cols.get(keep.get(a)));
                for (int b = 0; b < keep.size(); b++) {
                    values[a][b] = cell(matrix, keep.get(a), keep.get(b));
                }
            }
            blocks.add(Blocks.chart(Charts.heatmap(capital(method) + " correlation between the numeric columns (pairwise complete rows);"
                    + " red is positive, blue negative", labels, labels, values, true, true, "−1 … +1")));
        }
        if (target != null && !target.values().isEmpty()) {
            List<Charts.BarIn> bars = new ArrayList<>();
            for (DataReview.Association v : target.values()) {
                if (v.value() != null) {
                    bars.add(new Charts.BarIn(v.column(), v.value(), null, "t-main"));
                }
            }
            if (!bars.isEmpty()) {
                String measure = target.measure();
                bars.sort(Comparator.comparingDouble((Charts.BarIn b) -> -Math.abs(b.value())));
                blocks.add(Blocks.chart(Charts.bars("Association of each column with the target " + q(target.column())
                        + (measure.equals("eta") ? " (correlation ratio η, 0 to 1)" : " (" + measure + " r)"), measure, bars)));
            }
        }
    }

    private static void balance(DataReview.Balance balance, List<Block> blocks) {
        if (balance == null) {
            return;
        }
        blocks.add(Blocks.h("Class balance"));
        List<Charts.BarIn> bars = new ArrayList<>();
        for (DataReview.ClassShare c : balance.classes()) {
            bars.add(new Charts.BarIn(c.value() + " (" + Fmt.pct(c.share()) + ")", c.count(), null, "t-alt"));
        }
        Double imbalance = balance.imbalance();
        blocks.add(Blocks.chart(Charts.bars("Rows per class of " + q(balance.target()), "rows", bars)));
        blocks.add(Blocks.tone("Largest class / smallest class: " + Fmt.num(imbalance) + (imbalance != null && imbalance > 3
                ? " — imbalanced: prefer balanced accuracy, macro F1 or AUC over accuracy." : "."),
                imbalance != null && imbalance > 3 ? "warn" : "note"));
    }

    private static void plots(List<DataReview.Plot> plots, List<Block> blocks) {
        if (plots.isEmpty()) {
            return;
        }
        blocks.add(Blocks.h("Plots"));
        List<Chart> charts = new ArrayList<>();
        for (DataReview.Plot p : plots) {
            String kind = p.kind();
            if (p.error() != null) {
                blocks.add(Blocks.tone("plot " + kind + ": " + p.error(), "warn"));
                continue;
            }
            String column = p.column();
            switch (kind) {
                case "histogram" -> {
                    if (p.edges() != null && p.edges().size() >= 2) {
                        charts.add(Charts.histogram("Histogram of " + q(column), column, p.edges(),
                                bins(p.edges(), p.counts() == null ? List.of() : p.counts()), false));
                    }
                }
                case "bar" -> {
                    List<Charts.BarIn> bars = new ArrayList<>();
                    for (DataReview.ValueCount v : p.values() == null ? List.<DataReview.ValueCount>of() : p.values()) {
                        bars.add(new Charts.BarIn(v.value(), v.count(), null, "t-alt"));
                    }
                    if (p.other() != null && p.other() > 0) {
                        bars.add(new Charts.BarIn("(other values)", p.other(), null, "t-muted"));
                    }
                    if (p.missing() != null && p.missing() > 0) {
                        bars.add(new Charts.BarIn("(missing)", p.missing(), null, "t-muted"));
                    }
                    charts.add(Charts.bars("Rows per value of " + q(column), "rows", bars));
                }
                case "box" -> {
                    if (p.min() != null && p.q1() != null && p.median() != null && p.q3() != null && p.max() != null
                            && p.whiskerLow() != null && p.whiskerHigh() != null) {
                        charts.add(Charts.box("Box plot of " + q(column) + ": quartiles, whiskers at 1.5 IQR", column, p.min(),
                                p.q1(), p.median(), p.q3(), p.max(), p.whiskerLow(), p.whiskerHigh(),
                                p.outliers() == null ? 0 : p.outliers()));
                    }
                }
                case "scatter" -> {
                    List<double[]> pts = new ArrayList<>();
                    for (List<Double> a : p.points() == null ? List.<List<Double>>of() : p.points()) {
                        if (a.size() >= 2) {
                            pts.add(new double[] {a.get(0), a.get(1)});
                        }
                    }
                    // a run.json edited by hand may lack the axes' names: draw the points with plain axis titles
                    String x = p.x() == null ? "x" : p.x();
                    String y = p.y() == null ? "y" : p.y();
                    if (!pts.isEmpty()) {
                        charts.add(Charts.scatter(q(y) + " against " + q(x) + " (" + Fmt.num(p.total() == null ? null
                                : (double) p.total()) + " complete rows" + (Boolean.TRUE.equals(p.sampled()) ? ", " + pts.size()
                                + " drawn" : "") + ")", x, y, pts, null));
                    }
                }
                default -> blocks.add(Blocks.note("plot " + kind + " of " + column + " has no drawing in this report"));
            }
        }
        if (!charts.isEmpty()) {
            blocks.add(Blocks.figures(charts));
        }
    }

    static Section checks(RunResult run) {
        List<RunResult.Check> checks = run.checks();
        List<List<Cell>> rows = new ArrayList<>();
        int pass = 0;
        int warn = 0;
        int fail = 0;
        for (RunResult.Check c : checks) {
            String s = Blocks.status(c.status());
            switch (s) {
                case "pass" -> pass++;
                case "warn" -> warn++;
                default -> fail++;
            }
            rows.add(List.of(Cell.styled(c.check(), "code"), Cell.of(c.observed()), Cell.of(c.detail() == null ? "" : c.detail()),
                    Cell.styled(s, s)));
        }
        List<Block> blocks = new ArrayList<>();
        String summary = pass + " passed, " + warn + " warned, " + fail + " failed";
        if (checks.isEmpty()) {
            blocks.add(Blocks.note("The experiment has no checks block: nothing was asserted about the data."));
            summary = "none written";
        } else {
            blocks.add(Blocks.tiles(List.of(fact("passed", String.valueOf(pass), "pass"), fact("warned", String.valueOf(warn),
                    warn > 0 ? "warn" : ""), fact("failed", String.valueOf(fail), fail > 0 ? "fail" : ""))));
            blocks.add(Blocks.table("Each expectation of the checks block, on the raw data", List.of("check", "observed", "detail",
                    "result"), rows));
        }
        return new Section("checks", "Checks", summary, blocks);
    }

    static Section features(RunResult run) {
        FeaturesLearned features = run.features();
        List<Block> blocks = new ArrayList<>();
        if (features == null) {
            blocks.add(Blocks.note("The run stopped before the features were fitted."));
            return new Section("features", "Features", "not reached", blocks);
        }
        RunResult.SplitSizes split = run.split();
        blocks.add(Blocks.p("Every step below was fitted on the " + Fmt.num(split == null ? null : (double) split.train())
                + " training rows only, and is replayed unchanged on the holdout and on every row served."));
        int i = 0;
        for (FeaturesLearned.Step step : features.steps()) {
            i++;
            String kind = step.step();
            boolean auto = step instanceof FeaturesLearned.OneHot oneHot && Boolean.TRUE.equals(oneHot.auto());
            blocks.add(Blocks.h(i + ". " + kind + (auto ? " (automatic encoding of the remaining categories)" : "")));
            List<Fact> facts = new ArrayList<>();
            List<Block> tables = new ArrayList<>();
            // What a step learned is shown as its fields say it, under run.json's names.
            for (Map.Entry<String, JsonElement> e : Fields.of(step).entrySet()) {
                if (e.getKey().equals("step") || e.getKey().equals("auto")) {
                    continue;
                }
                JsonElement v = e.getValue();
                if (v.isJsonArray() && !v.getAsJsonArray().isEmpty() && v.getAsJsonArray().get(0).isJsonObject()) {
                    tables.add(new Report.TableBlock(objectTable((e.getKey().equals("columns") ? "What " + q(kind) + " learned, per column"
                            : e.getKey().equals("top_terms") ? "The most frequent terms of the vocabulary" : e.getKey() + " of " + q(kind)),
                            Fields.objects(v.getAsJsonArray()))));
                } else {
                    facts.add(fact(Fields.header(e.getKey()), v.isJsonArray() ? String.join(", ", Fields.strings(v.getAsJsonArray())) : Fields.text(v)));
                }
            }
            if (!facts.isEmpty()) {
                blocks.add(Blocks.facts(facts));
            }
            blocks.addAll(tables);
        }
        blocks.add(Blocks.tone("The models see " + Blocks.plural(features.count(), "feature", "features") + ".", "note"));
        return new Section("features", "Features", Fmt.num((double) features.count()) + " features from "
                + features.steps().size() + " steps", blocks);
    }

    /** Records of one kind as a table: one column per field (under run.json's names), values as text. */
    static Table recordTable(String caption, List<? extends Record> records) {
        List<JsonObject> objects = new ArrayList<>();
        for (Record r : records) {
            objects.add(Fields.of(r));
        }
        return objectTable(caption, objects);
    }

    /** Objects with the same kind of keys as a table: one column per key, values as text. */
    static Table objectTable(String caption, List<JsonObject> objects) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonObject o : objects) {
            keys.addAll(o.keySet());
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonObject o : objects) {
            List<Cell> row = new ArrayList<>();
            for (String k : keys) {
                JsonElement v = o.get(k);
                if (v != null && v.isJsonArray()) {
                    List<String> parts = new ArrayList<>();
                    for (JsonElement x : v.getAsJsonArray()) {
                        parts.add(Fields.text(x));
                    }
                    String joined = String.join(", ", parts);
                    row.add(Cell.of(joined.length() > 300 ? joined.substring(0, 300) + " …" : joined));
                } else {
                    row.add(v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? Cell.num(Fields.text(v))
                            : Cell.of(Fields.text(v)));
                }
            }
            rows.add(row);
        }
        return new Table(caption, keys.stream().map(Fields::header).toList(), rows);
    }

    static Section featureReview(RunResult run) {
        FeatureReview in = run.inspect();
        List<Block> blocks = new ArrayList<>();
        if (in == null) {
            blocks.add(Blocks.note("The run stopped before the feature review."));
            return new Section("feature-review", "Feature review", "not reached", blocks);
        }
        FeatureReview.MissingValues missing = in.missing();
        blocks.add(Blocks.tiles(List.of(fact("training rows", Fmt.num((double) in.rows())), fact("features", Fmt.num((double) in.features())),
                fact("missing values", Fmt.num((double) missing.total()), missing.total() > 0 ? "warn" : ""),
                fact("duplicate rows", Fmt.num((double) in.duplicateRows())))));
        List<String> failures = in.failures();
        for (String f : failures) {
            blocks.add(Blocks.tone(f, "fail"));
        }
        List<String> warnings = new ArrayList<>();
        if (!in.constant().isEmpty()) {
            warnings.add("Constant features (one value in every training row): " + String.join(", ", in.constant()) + ".");
        }
        List<List<Cell>> identical = new ArrayList<>();
        for (List<String> d : in.duplicates()) {
            identical.add(List.of(Cell.styled(d.get(0), "code"), Cell.styled(String.join(", ", d.subList(1, d.size())), "code")));
        }
        if (!identical.isEmpty()) {
            // One finding with its list, not one warning per pair: a text vocabulary makes dozens of them.
            warnings.add(identical.size() == 1 ? "Identical features: " + String.join(" = ", in.duplicates().get(0))
                    + " (the first is kept)." : Blocks.plural(identical.size(), "group", "groups")
                    + " of identical features (the same value in every training row): the first of each group is kept, "
                    + "the others are dropped; the table below lists them.");
        }
        FeatureReview.Leakage leakage = in.leakage();
        for (FeatureScore s : leakage == null ? List.<FeatureScore>of() : leakage.suspects()) {
            warnings.add("Possible leakage: " + q(s.feature()) + " alone scores " + Fmt.metric(s.score()) + " "
                    + leakage.metric() + ".");
        }
        for (String w : warnings) {
            blocks.add(Blocks.tone(w, failures.isEmpty() ? "warn" : "fail"));
        }
        if (identical.size() > 1) {
            blocks.add(Blocks.table("Identical features: the one kept, and the ones equal to it in every training row",
                    List.of("kept", "identical to it"), identical));
        }
        if (warnings.isEmpty() && failures.isEmpty()) {
            blocks.add(Blocks.tone("No constant or duplicate features, and no single feature above the leakage threshold.", "pass"));
        }
        if (leakage != null && !leakage.top().isEmpty()) {
            List<Charts.BarIn> bars = new ArrayList<>();
            Double threshold = leakage.threshold();
            for (FeatureScore t : leakage.top()) {
                double score = t.score() == null ? 0 : t.score();
                bars.add(new Charts.BarIn(t.feature(), score, null, threshold != null && score >= threshold ? "t-bad" : "t-main"));
            }
            // An AUC of 0.5 is chance: the axis starts there, so scores near the threshold stay apart, and the threshold is on it.
            boolean auc = "auc".equals(leakage.metric());
            blocks.add(Blocks.chart(Charts.bars("Leakage screen: how well each feature alone predicts the target ("
                    + leakage.metric() + (auc ? ", from 0.5, which is chance" : "") + (threshold == null ? ""
                    : "; the dashed line is the threshold " + Fmt.num(threshold)) + ")", leakage.metric(), bars,
                    auc ? 0.5 : null, threshold)));
        }
        FeatureReview.Coverage coverage = in.coverage();
        if (coverage != null) {
            blocks.add(Blocks.p("Holdout coverage: " + Fmt.pct(coverage.share()) + " of the " + Fmt.num((double) coverage.rows())
                    + " holdout rows have only categories seen in training."));
            if (!coverage.columns().isEmpty()) {
                blocks.add(new Report.TableBlock(recordTable("Coverage per one-hot column", coverage.columns())));
            }
        }
        List<FeatureReview.FeatureStats> stats = in.stats();
        if (!stats.isEmpty()) {
            blocks.add(Blocks.h("Transformed features"));
            // A text vocabulary makes thousands of features: the first ones show, run.json has all.
            boolean cut = stats.size() > MAX_FEATURE_STATS;
            blocks.add(new Report.TableBlock(recordTable("Statistics of each feature on the transformed training rows"
                    + (cut ? " (the first " + MAX_FEATURE_STATS + " of " + stats.size() + "; run.json has them all)" : ""),
                    cut ? stats.subList(0, MAX_FEATURE_STATS) : stats)));
        }
        List<FeatureReview.TransformedRow> sample = in.sample();
        if (!sample.isEmpty()) {
            Map<String, Boolean> names = new LinkedHashMap<>();
            for (FeatureReview.TransformedRow s : sample) {
                s.values().keySet().forEach(k -> names.putIfAbsent(k, true));
            }
            List<String> shown = new ArrayList<>(names.keySet()).subList(0, Math.min(MAX_SAMPLE_FEATURES, names.size()));
            boolean regression = sample.get(0).target() != null;
            List<String> headers = new ArrayList<>(List.of("row", regression ? "target" : "label"));
            headers.addAll(shown);
            List<List<Cell>> rows = new ArrayList<>();
            for (FeatureReview.TransformedRow s : sample) {
                String label = regression ? s.target() == null ? null : Double.toString(s.target()) : s.label();
                List<Cell> row = new ArrayList<>(List.of(Cell.num(Fmt.num((double) s.row())), Cell.of(label)));
                for (String f : shown) {
                    row.add(Cell.num(s.values().containsKey(f) ? Fmt.num(s.values().get(f)) : "0"));
                }
                rows.add(row);
            }
            blocks.add(Blocks.h("Sample of transformed rows"));
            blocks.add(Blocks.table("Training rows as the models see them" + (names.size() > shown.size() ? " (the first "
                    + shown.size() + " of " + names.size() + " features with a value)" : ""), headers, rows));
        }
        String summary = failures.isEmpty() ? warnings.isEmpty() ? "no warnings" : Blocks.plural(warnings.size(), "warning", "warnings")
                : Blocks.plural(failures.size(), "failure", "failures");
        return new Section("feature-review", "Feature review", summary, blocks);
    }

    static String capital(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
