package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.B.q;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Section 9: why the selected model predicts what it does: importance, LIME rows, dependence, cluster profiles. */
final class Accountability {
    private Accountability() {
    }

    /** How a feature name reads: one-hot levels as {@code column = value}, text terms as words of their column. */
    record Names(Set<String> textColumns) {
        static Names of(JsonObject run) {
            Set<String> text = new HashSet<>();
            for (JsonObject s : J.objects(J.arr(J.obj(run, "features"), "steps"))) {
                String step = J.str(s, "step", "");
                if ((step.equals("tfidf") || step.equals("bagofwords")) && J.has(s, "column")) {
                    text.add(J.str(s, "column"));
                }
            }
            return new Names(text);
        }

        String column(String feature) {
            int at = feature.indexOf('@');
            return at < 0 ? feature : feature.substring(0, at);
        }

        boolean isWord(String feature) {
            int at = feature.indexOf('@');
            return at > 0 && textColumns.contains(feature.substring(0, at));
        }

        String read(String feature) {
            return read(feature, null);
        }

        /** With the row's values, a one-hot level the row does not have reads {@code column ≠ level}. */
        String read(String feature, JsonObject values) {
            int at = feature.indexOf('@');
            if (at <= 0) {
                return feature;
            }
            String col = feature.substring(0, at);
            String rest = feature.substring(at + 1);
            if (textColumns.contains(col)) {
                return "“" + rest + "” in " + col;
            }
            if (values != null && values.has(col) && !rest.equals("other")) {
                return col + (J.text(values.get(col)).equals(rest) ? " = " : " ≠ ") + rest;
            }
            return col + " = " + rest;
        }
    }

    static Section section(JsonObject run) {
        JsonObject ex = J.obj(run, "explain");
        List<Block> blocks = new ArrayList<>();
        if (ex == null) {
            blocks.add(B.note("Nothing to explain: no model was trained."));
            return new Section("accountability", "Accountability", "not reached", blocks);
        }
        Names names = Names.of(run);
        List<String> parts = new ArrayList<>();
        JsonObject importance = J.obj(ex, "importance");
        JsonObject perm = J.obj(importance, "permutation");
        if (perm != null) {
            blocks.add(B.h("Permutation importance"));
            if (J.has(perm, "reason")) {
                blocks.add(B.note("Not computed: " + J.str(perm, "reason") + "."));
            } else {
                List<Charts.BarIn> bars = new ArrayList<>();
                for (JsonObject c : J.objects(J.arr(perm, "columns"))) {
                    bars.add(new Charts.BarIn(J.str(c, "column"), J.num(c, "mean"), J.num(c, "sd"), "t-main"));
                }
                String metric = J.str(perm, "metric");
                blocks.add(B.p("How much the holdout " + metric + " (" + Fmt.metric(J.num(perm, "baseline")) + ") worsens when one column's "
                        + "values are shuffled, " + Fmt.num(J.num(perm, "repeats")) + " times each: the bar is the mean, the whisker ± one "
                        + "standard deviation. A column near zero is one the model does not rely on."));
                if (!bars.isEmpty()) {
                    blocks.add(B.chart(Charts.bars("Permutation importance of each column (" + metric + " lost, mean ± sd over "
                            + Fmt.num(J.num(perm, "repeats")) + " shuffles)", metric + " lost", bars)));
                    parts.add("top column " + q(bars.get(0).label()));
                }
            }
        }
        JsonObject model = J.obj(importance, "model");
        if (model != null) {
            blocks.add(B.h("The model's own importance (" + J.str(model, "model", "model") + ")"));
            JsonObject outputs = J.obj(model, "outputs");
            if (outputs == null) {
                blocks.add(B.note("Not available: " + J.str(model, "reason", "this model does not rank its features") + "."));
            } else {
                List<Chart> charts = new ArrayList<>();
                for (Map.Entry<String, JsonElement> e : outputs.entrySet()) {
                    List<Charts.BarIn> bars = new ArrayList<>();
                    for (JsonObject f : J.objects(e.getValue().getAsJsonArray())) {
                        double s = J.num(f, "score") == null ? 0 : J.num(f, "score");
                        bars.add(new Charts.BarIn(names.read(J.str(f, "feature")), s, null, s >= 0 ? "t-pos" : "t-neg"));
                    }
                    if (!bars.isEmpty()) {
                        charts.add(Charts.bars("Top features for " + (e.getKey().equals("ALL_OUTPUTS") || e.getKey().isEmpty()
                                ? "the output" : "“" + e.getKey() + "”") + " by the model's own score", "score", bars));
                    }
                }
                if (!charts.isEmpty()) {
                    blocks.add(B.figures(charts));
                }
            }
        }
        JsonObject lime = J.obj(ex, "lime");
        if (lime != null) {
            blocks.add(B.h("Explained rows (LIME)"));
            if (J.has(lime, "reason")) {
                blocks.add(B.note("Not computed: " + J.str(lime, "reason") + "."));
            } else {
                List<JsonObject> rows = J.objects(J.arr(lime, "rows"));
                blocks.add(B.p("Each row is explained by a simple weighted model fitted around it (LIME): a positive weight pushed "
                        + "the prediction toward the predicted class, a negative one against it."));
                for (JsonObject r : rows) {
                    limeRow(r, names, blocks);
                }
                parts.add(B.plural(rows.size(), "row explained", "rows explained"));
            }
        }
        for (JsonObject d : J.objects(J.arr(ex, "dependence"))) {
            if (blocks.stream().noneMatch(b -> b instanceof Report.Heading h && h.text().equals("Partial dependence"))) {
                blocks.add(B.h("Partial dependence"));
            }
            if (J.has(d, "reason")) {
                blocks.add(B.note(q(J.str(d, "column")) + ": " + J.str(d, "reason") + "."));
                continue;
            }
            List<Double> grid = J.numbers(J.arr(d, "grid"));
            List<Double> avg = J.numbers(J.arr(d, "average"));
            List<double[]> pts = new ArrayList<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < Math.min(grid.size(), avg.size()); i++) {
                if (grid.get(i) != null && avg.get(i) != null) {
                    pts.add(new double[] {grid.get(i), avg.get(i)});
                    lo = Math.min(lo, avg.get(i));
                    hi = Math.max(hi, avg.get(i));
                }
            }
            if (pts.size() >= 2) {
                String output = J.str(d, "output", "prediction");
                blocks.add(B.chart(Charts.lines("Average " + output + " as " + q(J.str(d, "column")) + " varies, all else as in the "
                        + "holdout", J.str(d, "column"), output, List.of(new Charts.SeriesIn(output, pts, "t-sel")),
                        new double[] {pts.get(0)[0], pts.get(pts.size() - 1)[0]}, new double[] {lo, hi}, false)));
            }
        }
        List<JsonObject> profiles = J.objects(J.arr(ex, "profiles"));
        if (!profiles.isEmpty()) {
            blocks.add(B.h("Cluster profiles"));
            List<String> headers = new ArrayList<>(List.of("cluster", "rows"));
            List<String> means = new ArrayList<>();
            JsonObject first = J.obj(profiles.get(0), "means");
            if (first != null) {
                means.addAll(first.keySet());
                means.forEach(c -> headers.add("mean " + c));
            }
            headers.add("most common values");
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonObject p : profiles) {
                List<Cell> row = new ArrayList<>(List.of(Cell.num(J.text(p.get("cluster"))), Cell.num(Fmt.num(J.num(p, "rows")))));
                for (String c : means) {
                    row.add(Cell.num(Fmt.num(J.num(J.obj(p, "means"), c))));
                }
                List<String> tops = new ArrayList<>();
                JsonObject tv = J.obj(p, "top_values");
                if (tv != null) {
                    for (Map.Entry<String, JsonElement> e : tv.entrySet()) {
                        List<String> vs = new ArrayList<>();
                        for (JsonObject v : J.objects(e.getValue().getAsJsonArray())) {
                            vs.add(J.str(v, "value") + " (" + Fmt.num(J.num(v, "rows")) + ")");
                        }
                        tops.add(e.getKey() + ": " + String.join(", ", vs));
                    }
                }
                row.add(Cell.of(String.join("; ", tops)));
                rows.add(row);
            }
            blocks.add(B.table("What the rows of each cluster look like on average (holdout rows)", headers, rows));
            parts.add(B.plural(profiles.size(), "cluster profile", "cluster profiles"));
        }
        if (blocks.isEmpty()) {
            blocks.add(B.note("The experiment has no explain block: add `explain { importance permutation; lime examples 3 }` "
                    + "to account for the model's predictions."));
        }
        return new Section("accountability", "Accountability", parts.isEmpty() ? "nothing asked" : String.join(", ", parts), blocks);
    }

    private static void limeRow(JsonObject r, Names names, List<Block> blocks) {
        String predicted = J.str(r, "predicted");
        String actual = J.str(r, "actual");
        JsonObject probs = J.obj(r, "probabilities");
        Double p = probs == null ? null : J.num(probs, predicted);
        blocks.add(B.h("Holdout row " + Fmt.num(J.num(r, "row")) + ": predicted “" + predicted + "”"
                + (actual == null ? "" : ", actually “" + actual + "”")));
        JsonObject values = J.obj(r, "values");
        List<JsonObject> features = new ArrayList<>(J.objects(J.arr(r, "features")));
        // words of text columns (text LIME) read like features named column@word
        for (JsonObject w : J.objects(J.arr(r, "words"))) {
            JsonObject f = new JsonObject();
            f.addProperty("feature", J.str(w, "column") + "@" + J.str(w, "word"));
            f.add("weight", w.get("weight"));
            features.add(f);
        }
        features.sort(java.util.Comparator.comparingDouble((JsonObject f) -> J.num(f, "weight") == null ? 0
                : -Math.abs(J.num(f, "weight"))));
        Double fit = J.num(r, "surrogate_r2") != null ? J.num(r, "surrogate_r2") : J.num(r, "words_surrogate_r2");
        blocks.add(B.tone(sentence(predicted, actual, p, features, values, names), actual == null ? "note"
                : actual.equals(predicted) ? "pass" : "warn"));
        if (fit != null && fit < 0.3) {
            blocks.add(B.tone("The simple model fitted around this row reproduces the model's probabilities poorly here (R² "
                    + Fmt.num(fit) + "): no small set of " + (J.arr(r, "words") != null && !J.objects(J.arr(r, "words")).isEmpty()
                    ? "words" : "columns") + " explains this prediction well, so read the weights below with care.", "warn"));
        }
        List<Charts.BarIn> bars = new ArrayList<>();
        for (JsonObject f : features) {
            double w = J.num(f, "weight") == null ? 0 : J.num(f, "weight");
            String feature = J.str(f, "feature");
            bars.add(new Charts.BarIn(names.read(feature, values) + valueSuffix(feature, values, names), w, null, w >= 0 ? "t-pos" : "t-neg"));
        }
        List<Chart> charts = new ArrayList<>();
        if (!bars.isEmpty()) {
            charts.add(Charts.bars("What pushed row " + Fmt.num(J.num(r, "row")) + " toward (right) or away from (left) “" + predicted
                    + "”; local fit R² " + Fmt.num(fit), "weight", bars));
        }
        if (!charts.isEmpty()) {
            blocks.add(B.figures(charts));
        }
        if (values != null) {
            for (String column : names.textColumns()) {
                if (values.has(column)) {
                    blocks.add(marked(column, J.text(values.get(column)), features));
                }
            }
        }
        if (values != null && !names.textColumns().containsAll(values.keySet())) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : values.entrySet()) {
                if (names.textColumns().contains(e.getKey())) {
                    continue; // shown above, with its words marked
                }
                String v = J.text(e.getValue());
                rows.add(List.of(Cell.styled(e.getKey(), "code"), Cell.of(v.length() > 400 ? v.substring(0, 400) + " …" : v)));
            }
            blocks.add(B.table("The row's values as given to the model", List.of("column", "value"), rows));
        }
        if (probs != null && probs.size() > 1) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : probs.entrySet()) {
                rows.add(List.of(Cell.of(e.getKey()), Cell.num(Fmt.pct(J.num(e.getValue())))));
            }
            blocks.add(B.table("Predicted probability of each class", List.of("class", "probability"), rows));
        }
    }

    /** The text of a row with the terms LIME weighed marked where they occur (words and n-grams, case-insensitive). */
    static Report.Marked marked(String column, String text, List<JsonObject> features) {
        Map<String, Double> weights = new java.util.HashMap<>();
        for (JsonObject f : features) {
            String feature = J.str(f, "feature", "");
            Double w = J.num(f, "weight");
            if (feature.startsWith(column + "@") && w != null && w != 0) {
                weights.put(feature.substring(column.length() + 1).toLowerCase(Locale.ROOT), w);
            }
        }
        List<Report.Mark> marks = new ArrayList<>();
        if (weights.isEmpty()) {
            marks.add(new Report.Mark(text, "", null));
        } else {
            List<String> terms = new ArrayList<>(weights.keySet());
            terms.sort(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(t -> t));
            StringBuilder alternatives = new StringBuilder();
            for (String t : terms) {
                alternatives.append(alternatives.length() == 0 ? "" : "|")
                        .append(java.util.regex.Pattern.quote(t).replace(" ", "\\E\\s+\\Q"));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives
                    + ")(?![\\p{L}\\p{N}])", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                    .matcher(text);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) {
                    marks.add(new Report.Mark(text.substring(at, m.start()), "", null));
                }
                Double w = weights.get(m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
                double weight = w == null ? 0 : w;
                marks.add(new Report.Mark(m.group(), weight > 0 ? "pos" : "neg", "weight " + Fmt.num(weight)));
                at = m.end();
            }
            if (at < text.length()) {
                marks.add(new Report.Mark(text.substring(at), "", null));
            }
        }
        return new Report.Marked("The words of " + q(column) + " that pushed the prediction: green toward it, orange against it",
                marks);
    }

    /** " (= 43.2)" for a numeric column whose raw value the row shows; nothing for one-hot levels and words. */
    private static String valueSuffix(String feature, JsonObject values, Names names) {
        if (values == null || feature.contains("@") || !values.has(feature)) {
            return "";
        }
        String v = J.text(values.get(feature));
        return v.length() > 24 ? "" : " = " + v;
    }

    /** One sentence a reviewer can read aloud: the prediction, whether it was right, and the two strongest pushes. */
    static String sentence(String predicted, String actual, Double p, List<JsonObject> features, JsonObject values, Names names) {
        StringBuilder sb = new StringBuilder("The model predicted “").append(predicted).append("”");
        if (p != null) {
            sb.append(" with probability ").append(String.format(Locale.ROOT, "%.2f", p));
        }
        if (actual != null) {
            sb.append(actual.equals(predicted) ? ", which is correct" : ", but the row is “" + actual + "”");
        }
        List<String> toward = new ArrayList<>();
        List<String> against = new ArrayList<>();
        for (JsonObject f : features) {
            Double w = J.num(f, "weight");
            if (w == null || w == 0) {
                continue;
            }
            String feature = J.str(f, "feature");
            String phrase = (names.isWord(feature) ? feature.indexOf(' ') > 0 ? "the words " : "the word " : "") + names.read(feature, values) + valueSuffix(feature, values, names);
            if (w > 0 && toward.size() < 2) {
                toward.add(phrase);
            } else if (w < 0 && against.size() < 2) {
                against.add(phrase);
            }
        }
        if (!toward.isEmpty()) {
            sb.append("; mostly because of ").append(String.join(" and ", toward));
        }
        if (!against.isEmpty()) {
            sb.append(toward.isEmpty() ? "; despite " : ", despite ").append(String.join(" and ", against));
        }
        return sb.append('.').toString();
    }
}
