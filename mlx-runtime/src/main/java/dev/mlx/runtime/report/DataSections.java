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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sections 3 to 6: data review, checks, features, feature review. */
final class DataSections {
    /** Columns shown in the correlation heatmap; the rest are listed in its table only when few. */
    static final int MAX_HEATMAP = 30;
    /** Features shown in a sample of transformed rows. */
    static final int MAX_SAMPLE_FEATURES = 12;
    /** Features listed in the statistics of the transformed data. */
    static final int MAX_FEATURE_STATS = 200;

    private DataSections() {
    }

    static Section data(JsonObject run) {
        JsonObject data = J.obj(run, "data");
        JsonObject review = J.obj(run, "review");
        List<Block> blocks = new ArrayList<>();
        blocks.add(B.tiles(List.of(fact("rows", Fmt.num(J.num(data, "rows"))), fact("columns", Fmt.num(J.num(data, "columns"))),
                fact("rows without a target", Fmt.num(J.num(data, "rowsWithoutTarget")),
                        J.num(data, "rowsWithoutTarget") != null && J.num(data, "rowsWithoutTarget") > 0 ? "warn" : ""),
                fact("source", J.str(data, "source"), "mono"))));
        List<JsonObject> columns = J.objects(J.arr(review, "columns"));
        if (!columns.isEmpty()) {
            blocks.add(B.h("Columns"));
            blocks.add(new Report.TableBlock(columnTable(columns)));
            List<List<Cell>> outliers = new ArrayList<>();
            for (JsonObject c : columns) {
                JsonObject o = J.obj(c, "outliers");
                if (o != null) {
                    List<String> ex = new ArrayList<>();
                    for (JsonObject e : J.objects(J.arr(o, "examples"))) {
                        ex.add("row " + Fmt.num(J.num(e, "row")) + ": " + Fmt.num(J.num(e, "value")));
                    }
                    outliers.add(List.of(Cell.styled(J.str(c, "name"), "code"), Cell.of(J.str(o, "method") + " "
                            + Fmt.num(J.num(o, "threshold"))), Cell.num(Fmt.num(J.num(o, "low"))), Cell.num(Fmt.num(J.num(o, "high"))),
                            Cell.styled(Fmt.num(J.num(o, "count")), J.num(o, "count") != null && J.num(o, "count") > 0 ? "warn" : "num"),
                            Cell.of(String.join("; ", ex))));
                }
            }
            if (!outliers.isEmpty()) {
                blocks.add(B.h("Outliers"));
                blocks.add(B.table("Values outside the fences, per numeric column", List.of("column", "method", "low fence",
                        "high fence", "outside", "most extreme"), outliers));
            }
        } else {
            blocks.add(B.note("The review did not ask for a summary of the columns."));
        }
        correlations(J.obj(review, "correlations"), blocks);
        balance(J.obj(review, "balance"), blocks);
        plots(J.arr(review, "plots"), blocks);
        JsonObject sample = J.obj(review, "sample");
        if (sample != null) {
            List<String> headers = J.strings(J.arr(sample, "columns"));
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonElement r : J.arr(sample, "rows")) {
                List<Cell> row = new ArrayList<>();
                for (String v : J.strings(r.getAsJsonArray())) {
                    row.add(Cell.of(v));
                }
                rows.add(row);
            }
            blocks.add(B.h("Sample"));
            blocks.add(B.table("The first rows of the data, as read", headers, rows));
        }
        String summary = Fmt.num(J.num(data, "rows")) + " rows × " + Fmt.num(J.num(data, "columns")) + " columns";
        return new Section("data", "Data review", summary, blocks);
    }

    private static Table columnTable(List<JsonObject> columns) {
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonObject c : columns) {
            String type = J.str(c, "type", "");
            boolean numeric = type.equals("number") || type.equals("integer");
            List<Cell> row = new ArrayList<>();
            row.add(Cell.styled(J.str(c, "name"), "code"));
            row.add(Cell.of(type));
            Double share = J.num(c, "missingShare");
            row.add(Cell.styled(Fmt.pct(share), share != null && share > 0.2 ? "warn" : "num"));
            row.add(Cell.num(Fmt.num(J.num(c, "distinct"))));
            if (numeric) {
                row.add(Cell.num(Fmt.num(J.num(c, "min"))));
                row.add(Cell.num(Fmt.num(J.num(c, "max"))));
                row.add(Cell.num(Fmt.num(J.num(c, "mean"))));
                row.add(Cell.num(Fmt.num(J.num(c, "median"))));
                row.add(Cell.num(Fmt.num(J.num(c, "std"))));
            } else {
                row.add(Cell.of(J.has(c, "min") ? J.str(c, "min") : ""));
                row.add(Cell.of(J.has(c, "max") ? J.str(c, "max") : ""));
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
    private static Cell distribution(JsonObject c) {
        String name = J.str(c, "name");
        JsonObject h = J.obj(c, "histogram");
        if (h != null && J.arr(h, "edges").size() >= 2) {
            List<Double> edges = J.numbers(J.arr(h, "edges"));
            List<Double> counts = J.numbers(J.arr(h, "counts"));
            return Cell.thumbnail(Charts.histogram("Distribution of " + name, name, edges, counts, true),
                    counts.size() + " bins from " + Fmt.num(edges.get(0)) + " to " + Fmt.num(edges.get(edges.size() - 1)));
        }
        List<JsonObject> top = J.objects(J.arr(c, "top"));
        if (!top.isEmpty()) {
            List<String> values = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            List<String> words = new ArrayList<>();
            for (JsonObject t : top) {
                values.add(J.str(t, "value"));
                counts.add(J.num(t, "count"));
                if (words.size() < 3) {
                    words.add(J.str(t, "value") + " (" + Fmt.num(J.num(t, "count")) + ")");
                }
            }
            return Cell.thumbnail(Charts.categorySpark("Most frequent values of " + name, name, values, counts),
                    String.join(", ", words) + (top.size() > 3 ? ", …" : ""));
        }
        return Cell.of("");
    }

    private static void correlations(JsonObject corr, List<Block> blocks) {
        if (corr == null) {
            return;
        }
        List<String> cols = J.strings(J.arr(corr, "columns"));
        JsonArray matrix = J.arr(corr, "matrix");
        JsonObject target = J.obj(corr, "target");
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            keep.add(i);
        }
        String method = J.str(corr, "method", "pearson");
        blocks.add(B.h("Correlations"));
        if (cols.size() > MAX_HEATMAP) {
            // The most correlated columns tell the story; a 500 x 500 grid tells none.
            double[] strength = new double[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                for (int j = 0; j < cols.size(); j++) {
                    Double v = J.num(matrix.get(i).getAsJsonArray().get(j));
                    if (i != j && v != null) {
                        strength[i] = Math.max(strength[i], Math.abs(v));
                    }
                }
            }
            keep.sort(Comparator.comparingDouble((Integer i) -> -strength[i]).thenComparing(i -> i));
            keep = new ArrayList<>(keep.subList(0, MAX_HEATMAP));
            keep.sort(Comparator.naturalOrder());
            blocks.add(B.note("The " + MAX_HEATMAP + " of " + cols.size() + " numeric columns with the strongest correlation "
                    + "to another column are shown."));
        }
        if (!cols.isEmpty()) {
            List<String> labels = new ArrayList<>();
            Double[][] values = new Double[keep.size()][keep.size()];
            for (int a = 0; a < keep.size(); a++) {
                labels.add(cols.get(keep.get(a)));
                for (int b = 0; b < keep.size(); b++) {
                    values[a][b] = J.num(matrix.get(keep.get(a)).getAsJsonArray().get(keep.get(b)));
                }
            }
            blocks.add(B.chart(Charts.heatmap(capital(method) + " correlation between the numeric columns (pairwise complete rows);"
                    + " red is positive, blue negative", labels, labels, values, true, true, "−1 … +1")));
        }
        if (target != null && !J.arr(target, "values").isEmpty()) {
            List<Charts.BarIn> bars = new ArrayList<>();
            for (JsonObject v : J.objects(J.arr(target, "values"))) {
                if (J.num(v, "value") != null) {
                    bars.add(new Charts.BarIn(J.str(v, "column"), J.num(v, "value"), null, "t-main"));
                }
            }
            if (!bars.isEmpty()) {
                String measure = J.str(target, "measure", "");
                bars.sort(Comparator.comparingDouble((Charts.BarIn b) -> -Math.abs(b.value())));
                blocks.add(B.chart(Charts.bars("Association of each column with the target " + q(J.str(target, "column"))
                        + (measure.equals("eta") ? " (correlation ratio η, 0 to 1)" : " (" + measure + " r)"), measure, bars)));
            }
        }
    }

    private static void balance(JsonObject balance, List<Block> blocks) {
        if (balance == null) {
            return;
        }
        blocks.add(B.h("Class balance"));
        List<Charts.BarIn> bars = new ArrayList<>();
        for (JsonObject c : J.objects(J.arr(balance, "classes"))) {
            bars.add(new Charts.BarIn(J.str(c, "value") + " (" + Fmt.pct(J.num(c, "share")) + ")", J.num(c, "count"), null,
                    "t-alt"));
        }
        Double imbalance = J.num(balance, "imbalance");
        blocks.add(B.chart(Charts.bars("Rows per class of " + q(J.str(balance, "target")), "rows", bars)));
        blocks.add(B.tone("Largest class / smallest class: " + Fmt.num(imbalance) + (imbalance != null && imbalance > 3
                ? " — imbalanced: prefer balanced accuracy, macro F1 or AUC over accuracy." : "."),
                imbalance != null && imbalance > 3 ? "warn" : "note"));
    }

    private static void plots(JsonArray plots, List<Block> blocks) {
        if (plots.isEmpty()) {
            return;
        }
        blocks.add(B.h("Plots"));
        List<Chart> charts = new ArrayList<>();
        for (JsonObject p : J.objects(plots)) {
            String kind = J.str(p, "kind", "");
            if (J.has(p, "error")) {
                blocks.add(B.tone("plot " + kind + ": " + J.str(p, "error"), "warn"));
                continue;
            }
            String column = J.str(p, "column");
            switch (kind) {
                case "histogram" -> {
                    if (J.arr(p, "edges").size() >= 2) {
                        charts.add(Charts.histogram("Histogram of " + q(column), column, J.numbers(J.arr(p, "edges")),
                                J.numbers(J.arr(p, "counts")), false));
                    }
                }
                case "bar" -> {
                    List<Charts.BarIn> bars = new ArrayList<>();
                    for (JsonObject v : J.objects(J.arr(p, "values"))) {
                        bars.add(new Charts.BarIn(J.str(v, "value"), J.num(v, "count"), null, "t-alt"));
                    }
                    Double other = J.num(p, "other");
                    if (other != null && other > 0) {
                        bars.add(new Charts.BarIn("(other values)", other, null, "t-muted"));
                    }
                    Double missing = J.num(p, "missing");
                    if (missing != null && missing > 0) {
                        bars.add(new Charts.BarIn("(missing)", missing, null, "t-muted"));
                    }
                    charts.add(Charts.bars("Rows per value of " + q(column), "rows", bars));
                }
                case "box" -> {
                    Double min = J.num(p, "min");
                    if (min != null) {
                        charts.add(Charts.box("Box plot of " + q(column) + ": quartiles, whiskers at 1.5 IQR", column, min,
                                J.num(p, "q1"), J.num(p, "median"), J.num(p, "q3"), J.num(p, "max"), J.num(p, "whiskerLow"),
                                J.num(p, "whiskerHigh"), J.num(p, "outliers") == null ? 0 : J.num(p, "outliers").intValue()));
                    }
                }
                case "scatter" -> {
                    List<double[]> pts = new ArrayList<>();
                    for (JsonElement e : J.arr(p, "points")) {
                        JsonArray a = e.getAsJsonArray();
                        pts.add(new double[] {a.get(0).getAsDouble(), a.get(1).getAsDouble()});
                    }
                    if (!pts.isEmpty()) {
                        charts.add(Charts.scatter(q(J.str(p, "y")) + " against " + q(J.str(p, "x")) + " (" + Fmt.num(J.num(p, "total"))
                                + " complete rows" + (J.bool(p, "sampled") ? ", " + pts.size() + " drawn" : "") + ")",
                                J.str(p, "x"), J.str(p, "y"), pts, null));
                    }
                }
                default -> blocks.add(B.note("plot " + kind + " of " + column + " has no drawing in this report"));
            }
        }
        if (!charts.isEmpty()) {
            blocks.add(B.figures(charts));
        }
    }

    static Section checks(JsonObject run) {
        List<JsonObject> checks = J.objects(J.arr(run, "checks"));
        List<List<Cell>> rows = new ArrayList<>();
        int pass = 0;
        int warn = 0;
        int fail = 0;
        for (JsonObject c : checks) {
            String s = B.status(J.str(c, "status"));
            switch (s) {
                case "pass" -> pass++;
                case "warn" -> warn++;
                default -> fail++;
            }
            rows.add(List.of(Cell.styled(J.str(c, "check"), "code"), Cell.of(J.str(c, "observed")), Cell.of(J.str(c, "detail", "")),
                    Cell.styled(s, s)));
        }
        List<Block> blocks = new ArrayList<>();
        String summary = pass + " passed, " + warn + " warned, " + fail + " failed";
        if (checks.isEmpty()) {
            blocks.add(B.note("The experiment has no checks block: nothing was asserted about the data."));
            summary = "none written";
        } else {
            blocks.add(B.tiles(List.of(fact("passed", String.valueOf(pass), "pass"), fact("warned", String.valueOf(warn),
                    warn > 0 ? "warn" : ""), fact("failed", String.valueOf(fail), fail > 0 ? "fail" : ""))));
            blocks.add(B.table("Each expectation of the checks block, on the raw data", List.of("check", "observed", "detail",
                    "result"), rows));
        }
        return new Section("checks", "Checks", summary, blocks);
    }

    static Section features(JsonObject run) {
        JsonObject features = J.obj(run, "features");
        List<Block> blocks = new ArrayList<>();
        if (features == null) {
            blocks.add(B.note("The run stopped before the features were fitted."));
            return new Section("features", "Features", "not reached", blocks);
        }
        JsonObject split = J.obj(run, "split");
        blocks.add(B.p("Every step below was fitted on the " + Fmt.num(J.num(split, "train"))
                + " training rows only, and is replayed unchanged on the holdout and on every row served."));
        int i = 0;
        for (JsonObject step : J.objects(J.arr(features, "steps"))) {
            i++;
            String kind = J.str(step, "step", "step");
            blocks.add(B.h(i + ". " + kind + (J.bool(step, "auto") ? " (automatic encoding of the remaining categories)" : "")));
            List<Fact> facts = new ArrayList<>();
            List<Block> tables = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : step.entrySet()) {
                if (e.getKey().equals("step") || e.getKey().equals("auto")) {
                    continue;
                }
                JsonElement v = e.getValue();
                if (v.isJsonArray() && !v.getAsJsonArray().isEmpty() && v.getAsJsonArray().get(0).isJsonObject()) {
                    tables.add(new Report.TableBlock(objectTable((e.getKey().equals("columns") ? "What " + q(kind) + " learned, per column"
                            : e.getKey().equals("topTerms") ? "The most frequent terms of the vocabulary" : e.getKey() + " of " + q(kind)),
                            J.objects(v.getAsJsonArray()))));
                } else {
                    facts.add(fact(e.getKey(), v.isJsonArray() ? String.join(", ", J.strings(v.getAsJsonArray())) : J.text(v)));
                }
            }
            if (!facts.isEmpty()) {
                blocks.add(B.facts(facts));
            }
            blocks.addAll(tables);
        }
        blocks.add(B.tone("The models see " + B.plural(J.num(features, "count") == null ? 0 : J.num(features, "count").longValue(),
                "feature", "features") + ".", "note"));
        return new Section("features", "Features", Fmt.num(J.num(features, "count")) + " features from "
                + J.arr(features, "steps").size() + " steps", blocks);
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
                        parts.add(J.text(x));
                    }
                    String joined = String.join(", ", parts);
                    row.add(Cell.of(joined.length() > 300 ? joined.substring(0, 300) + " …" : joined));
                } else {
                    row.add(v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? Cell.num(J.text(v))
                            : Cell.of(J.text(v)));
                }
            }
            rows.add(row);
        }
        return new Table(caption, new ArrayList<>(keys), rows);
    }

    static Section featureReview(JsonObject run) {
        JsonObject in = J.obj(run, "inspect");
        List<Block> blocks = new ArrayList<>();
        if (in == null) {
            blocks.add(B.note("The run stopped before the feature review."));
            return new Section("feature-review", "Feature review", "not reached", blocks);
        }
        JsonObject missing = J.obj(in, "missing");
        blocks.add(B.tiles(List.of(fact("training rows", Fmt.num(J.num(in, "rows"))), fact("features", Fmt.num(J.num(in, "features"))),
                fact("missing values", Fmt.num(J.num(missing, "total")), J.num(missing, "total") != null
                        && J.num(missing, "total") > 0 ? "warn" : ""),
                fact("duplicate rows", Fmt.num(J.num(in, "duplicateRows"))))));
        List<String> failures = J.strings(J.arr(in, "failures"));
        for (String f : failures) {
            blocks.add(B.tone(f, "fail"));
        }
        List<String> warnings = new ArrayList<>();
        List<String> constant = J.strings(J.arr(in, "constant"));
        if (!constant.isEmpty()) {
            warnings.add("Constant features (one value in every training row): " + String.join(", ", constant) + ".");
        }
        for (JsonElement d : J.arr(in, "duplicates")) {
            warnings.add("Identical features: " + String.join(" = ", J.strings(d.getAsJsonArray())) + " (the first is kept).");
        }
        JsonObject leakage = J.obj(in, "leakage");
        for (JsonObject s : J.objects(J.arr(leakage, "suspects"))) {
            warnings.add("Possible leakage: " + q(J.str(s, "feature")) + " alone scores " + Fmt.metric(J.num(s, "score")) + " "
                    + J.str(leakage, "metric") + ".");
        }
        for (String w : warnings) {
            blocks.add(B.tone(w, failures.isEmpty() ? "warn" : "fail"));
        }
        if (warnings.isEmpty() && failures.isEmpty()) {
            blocks.add(B.tone("No constant or duplicate features, and no single feature above the leakage threshold.", "pass"));
        }
        if (leakage != null && !J.arr(leakage, "top").isEmpty()) {
            List<Charts.BarIn> bars = new ArrayList<>();
            Double threshold = J.num(leakage, "threshold");
            for (JsonObject t : J.objects(J.arr(leakage, "top"))) {
                double score = J.num(t, "score") == null ? 0 : J.num(t, "score");
                bars.add(new Charts.BarIn(J.str(t, "feature"), score, null, threshold != null && score >= threshold ? "t-bad"
                        : "t-main"));
            }
            blocks.add(B.chart(Charts.bars("Leakage screen: how well each feature alone predicts the target ("
                    + J.str(leakage, "metric") + (threshold == null ? "" : "; threshold " + Fmt.num(threshold)) + ")",
                    J.str(leakage, "metric"), bars)));
        }
        JsonObject coverage = J.obj(in, "coverage");
        if (coverage != null) {
            blocks.add(B.p("Holdout coverage: " + Fmt.pct(J.num(coverage, "share")) + " of the " + Fmt.num(J.num(coverage, "rows"))
                    + " holdout rows have only categories seen in training."));
            if (!J.arr(coverage, "columns").isEmpty()) {
                blocks.add(new Report.TableBlock(objectTable("Coverage per one-hot column", J.objects(J.arr(coverage, "columns")))));
            }
        }
        List<JsonObject> stats = J.objects(J.arr(in, "stats"));
        if (!stats.isEmpty()) {
            blocks.add(B.h("Transformed features"));
            // A text vocabulary makes thousands of features: the first ones show, run.json has all.
            boolean cut = stats.size() > MAX_FEATURE_STATS;
            blocks.add(new Report.TableBlock(objectTable("Statistics of each feature on the transformed training rows"
                    + (cut ? " (the first " + MAX_FEATURE_STATS + " of " + stats.size() + "; run.json has them all)" : ""),
                    cut ? stats.subList(0, MAX_FEATURE_STATS) : stats)));
        }
        List<JsonObject> sample = J.objects(J.arr(in, "sample"));
        if (!sample.isEmpty()) {
            Map<String, Boolean> names = new LinkedHashMap<>();
            for (JsonObject s : sample) {
                JsonObject values = J.obj(s, "values");
                if (values != null) {
                    values.keySet().forEach(k -> names.putIfAbsent(k, true));
                }
            }
            List<String> shown = new ArrayList<>(names.keySet()).subList(0, Math.min(MAX_SAMPLE_FEATURES, names.size()));
            String label = sample.get(0).has("target") ? "target" : "label";
            List<String> headers = new ArrayList<>(List.of("row", label));
            headers.addAll(shown);
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonObject s : sample) {
                List<Cell> row = new ArrayList<>(List.of(Cell.num(Fmt.num(J.num(s, "row"))), Cell.of(J.str(s, label))));
                JsonObject values = J.obj(s, "values");
                for (String f : shown) {
                    row.add(Cell.num(values != null && values.has(f) ? J.text(values.get(f)) : "0"));
                }
                rows.add(row);
            }
            blocks.add(B.h("Sample of transformed rows"));
            blocks.add(B.table("Training rows as the models see them" + (names.size() > shown.size() ? " (the first "
                    + shown.size() + " of " + names.size() + " features with a value)" : ""), headers, rows));
        }
        String summary = failures.isEmpty() ? warnings.isEmpty() ? "no warnings" : B.plural(warnings.size(), "warning", "warnings")
                : B.plural(failures.size(), "failure", "failures");
        return new Section("feature-review", "Feature review", summary, blocks);
    }

    static String capital(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
