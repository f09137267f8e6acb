package dev.mlx.runtime.report;

import static dev.mlx.runtime.report.Blocks.q;

import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Section;
import dev.mlx.runtime.report.Table.Cell;
import dev.mlx.runtime.result.FeatureScore;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.ModelExplanations;
import dev.mlx.runtime.result.RunResult;
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
        static Names of(RunResult run) {
            Set<String> text = new HashSet<>();
            for (FeaturesLearned.Step s : run.features() == null ? List.<FeaturesLearned.Step>of() : run.features().steps()) {
                if (s instanceof FeaturesLearned.Text t) {
                    text.add(t.column());
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
        String read(String feature, Map<String, String> values) {
            int at = feature.indexOf('@');
            if (at <= 0) {
                return feature;
            }
            String col = feature.substring(0, at);
            String rest = feature.substring(at + 1);
            if (textColumns.contains(col)) {
                return "“" + rest + "” in " + col;
            }
            if (values != null && values.containsKey(col) && !rest.equals("other")) {
                return col + (text(values.get(col)).equals(rest) ? " = " : " ≠ ") + rest;
            }
            return col + " = " + rest;
        }
    }

    /** A feature (or a word of a text column, as {@code column@word}) and how much it pushed a prediction. */
    record Push(String feature, Double weight) {
    }

    /** A value of a row as the page shows it: null as an em dash. */
    static String text(String value) {
        return value == null ? "—" : value;
    }

    /**
     * The output to show when a model gives exactly two outputs that are mirror images (the same
     * features, scores of opposite sign): the positive class when it is one of them, else the first;
     * null when the outputs are not such a pair.
     */
    static String mirrored(Map<String, List<FeatureScore>> outputs, String positive) {
        if (outputs.size() != 2) {
            return null;
        }
        List<String> keys = new ArrayList<>(outputs.keySet());
        Map<String, Double> first = new java.util.HashMap<>();
        for (FeatureScore f : outputs.get(keys.get(0))) {
            first.put(f.feature(), f.score());
        }
        List<FeatureScore> second = outputs.get(keys.get(1));
        if (second.size() != first.size() || second.isEmpty()) {
            return null;
        }
        for (FeatureScore f : second) {
            Double a = first.get(f.feature());
            Double b = f.score();
            if (a == null || b == null || Math.abs(a + b) > 1e-9 * Math.max(1, Math.abs(a))) {
                return null;
            }
        }
        return keys.contains(positive) ? positive : keys.get(0);
    }

    static Section section(RunResult run) {
        ModelExplanations ex = run.explain();
        List<Block> blocks = new ArrayList<>();
        if (ex == null) {
            blocks.add(Blocks.note("Nothing to explain: no model was trained."));
            return new Section("accountability", "Accountability", "not reached", blocks);
        }
        Names names = Names.of(run);
        // Without a holdout (split none) the explanations read every row, the ones the model was fitted on.
        boolean noHoldout = ModelSections.noHoldout(run);
        List<String> parts = new ArrayList<>();
        ModelExplanations.Importance importance = ex.importance();
        ModelExplanations.Permutation perm = importance == null ? null : importance.permutation();
        if (perm != null) {
            blocks.add(Blocks.h("Permutation importance"));
            if (perm.reason() != null) {
                blocks.add(Blocks.note("Not computed: " + perm.reason() + "."));
            } else {
                List<Charts.BarIn> bars = new ArrayList<>();
                for (ModelExplanations.ColumnImportance c : perm.columns() == null ? List.<ModelExplanations.ColumnImportance>of()
                        : perm.columns()) {
                    if (c.mean() != null) {
                        bars.add(new Charts.BarIn(c.column(), c.mean(), c.sd(), "t-main"));
                    }
                }
                String metric = perm.metric();
                Double repeats = perm.repeats() == null ? null : (double) perm.repeats();
                blocks.add(Blocks.p("How much the " + (noHoldout ? "" : "holdout ") + metric + " (" + Fmt.metric(perm.baseline())
                        + (noHoldout ? ", on all rows: there is no holdout, so these are the rows the model was fitted on" : "")
                        + ") worsens when one column's values are shuffled, " + Fmt.num(repeats) + " times each: the bar is the mean, "
                        + "the whisker ± one standard deviation. A column near zero is one the model does not rely on."
                        + (perm.inputColumns() == null ? "" : " Of the " + perm.inputColumns() + " input columns, the "
                                + perm.scoredColumns() + " the model itself ranks highest were scored.")));
                if (!bars.isEmpty()) {
                    blocks.add(Blocks.chart(Charts.bars("Permutation importance of each column (" + metric + " lost, mean ± sd over "
                            + Fmt.num(repeats) + " shuffles)", metric + " lost", bars)));
                    parts.add("top column " + q(bars.get(0).label()));
                }
            }
        }
        ModelExplanations.OwnImportance model = importance == null ? null : importance.model();
        if (model != null) {
            blocks.add(Blocks.h("The model's own importance (" + model.model() + ")"));
            if (model.outputs() == null) {
                blocks.add(Blocks.note("Not available: " + (model.reason() == null ? "this model does not rank its features"
                        : model.reason()) + "."));
            } else {
                List<Chart> charts = new ArrayList<>();
                Map<String, List<FeatureScore>> outputs = model.outputs();
                String mirrored = mirrored(outputs, run.experiment().positive());
                if (mirrored != null) {
                    // A binary model's two panels are one picture and its mirror image: the positive class's is shown.
                    outputs = Map.of(mirrored, outputs.get(mirrored));
                    blocks.add(Blocks.note("The model scores its two classes with opposite signs, so one panel shows both: a "
                            + "positive score pushes toward “" + mirrored + "”, a negative one toward the other class."));
                }
                for (Map.Entry<String, List<FeatureScore>> e : outputs.entrySet()) {
                    List<Charts.BarIn> bars = new ArrayList<>();
                    for (FeatureScore f : e.getValue()) {
                        double s = f.score() == null ? 0 : f.score();
                        bars.add(new Charts.BarIn(names.read(f.feature()), s, null, s >= 0 ? "t-pos" : "t-neg"));
                    }
                    if (!bars.isEmpty()) {
                        charts.add(Charts.bars("Top features for " + (e.getKey().equals("ALL_OUTPUTS") || e.getKey().isEmpty()
                                ? "the output" : "“" + e.getKey() + "”") + " by the model's own score", "score", bars));
                    }
                }
                if (!charts.isEmpty()) {
                    blocks.add(Blocks.figures(charts));
                }
            }
        }
        ModelExplanations.LimeRows lime = ex.lime();
        if (lime != null) {
            blocks.add(Blocks.h("Explained rows (LIME)"));
            if (lime.reason() != null) {
                blocks.add(Blocks.note("Not computed: " + lime.reason() + "."));
            } else {
                List<ModelExplanations.LimeRow> rows = lime.rows() == null ? List.of() : lime.rows();
                blocks.add(Blocks.p("Each row is explained by a simple weighted model fitted around it (LIME): a positive weight pushed "
                        + "the prediction toward the predicted class, a negative one against it."));
                for (ModelExplanations.LimeRow r : rows) {
                    limeRow(r, names, blocks, noHoldout);
                }
                parts.add(Blocks.plural(rows.size(), "row explained", "rows explained"));
            }
        }
        for (ModelExplanations.Dependence d : ex.dependence() == null ? List.<ModelExplanations.Dependence>of() : ex.dependence()) {
            if (blocks.stream().noneMatch(b -> b instanceof Report.Heading h && h.text().equals("Partial dependence"))) {
                blocks.add(Blocks.h("Partial dependence"));
            }
            if (d.reason() != null) {
                blocks.add(Blocks.note(q(d.column()) + ": " + d.reason() + "."));
                continue;
            }
            List<Double> grid = d.grid() == null ? List.of() : d.grid();
            List<Double> avg = d.average() == null ? List.of() : d.average();
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
                String output = d.output() == null ? "prediction" : d.output();
                blocks.add(Blocks.chart(Charts.lines("Average " + output + " as " + q(d.column()) + " varies, all else as in the "
                        + (noHoldout ? "data" : "holdout"), d.column(), output, List.of(new Charts.SeriesIn(output, pts, "t-sel")),
                        new double[] {pts.get(0)[0], pts.get(pts.size() - 1)[0]}, new double[] {lo, hi}, false)));
            }
        }
        List<ModelExplanations.ClusterProfile> profiles = ex.profiles() == null ? List.of() : ex.profiles();
        if (!profiles.isEmpty()) {
            blocks.add(Blocks.h("Cluster profiles"));
            List<String> headers = new ArrayList<>(List.of("cluster", "rows"));
            List<String> means = new ArrayList<>();
            means.addAll(profiles.get(0).means().keySet());
            means.forEach(c -> headers.add("mean " + c));
            headers.add("most common values");
            List<List<Cell>> rows = new ArrayList<>();
            for (ModelExplanations.ClusterProfile p : profiles) {
                List<Cell> row = new ArrayList<>(List.of(Cell.num(p.cluster()), Cell.num(Fmt.num((double) p.rows()))));
                for (String c : means) {
                    row.add(Cell.num(Fmt.num(p.means().get(c))));
                }
                List<String> tops = new ArrayList<>();
                for (Map.Entry<String, List<ModelExplanations.ValueRows>> e : p.topValues().entrySet()) {
                    List<String> vs = new ArrayList<>();
                    for (ModelExplanations.ValueRows v : e.getValue()) {
                        vs.add(v.value() + " (" + Fmt.num((double) v.rows()) + ")");
                    }
                    tops.add(e.getKey() + ": " + String.join(", ", vs));
                }
                row.add(Cell.of(String.join("; ", tops)));
                rows.add(row);
            }
            blocks.add(Blocks.table("What the rows of each cluster look like on average (" + (noHoldout ? "all" : "holdout")
                    + " rows)", headers, rows));
            parts.add(Blocks.plural(profiles.size(), "cluster profile", "cluster profiles"));
        }
        if (blocks.isEmpty()) {
            blocks.add(Blocks.note("The experiment has no explain block: add `explain { importance permutation; lime examples 3 }` "
                    + "to account for the model's predictions."));
        }
        return new Section("accountability", "Accountability", parts.isEmpty() ? "nothing asked" : String.join(", ", parts), blocks);
    }

    private static void limeRow(ModelExplanations.LimeRow r, Names names, List<Block> blocks, boolean noHoldout) {
        String predicted = r.predicted();
        String actual = r.actual();
        Map<String, Double> probs = r.probabilities();
        Double p = probs.get(predicted);
        blocks.add(Blocks.h((noHoldout ? "Row " : "Holdout row ") + Fmt.num((double) r.row()) + ": predicted “" + predicted + "”"
                + (actual == null ? "" : ", actually “" + actual + "”")));
        Map<String, String> values = r.values();
        List<Push> features = new ArrayList<>();
        for (ModelExplanations.LimeFeature f : r.features()) {
            features.add(new Push(f.feature(), f.weight()));
        }
        // words of text columns (text LIME) read like features named column@word
        List<ModelExplanations.LimeWord> words = r.words() == null ? List.of() : r.words();
        for (ModelExplanations.LimeWord w : words) {
            features.add(new Push(w.column() + "@" + w.word(), w.weight()));
        }
        features.sort(java.util.Comparator.comparingDouble((Push f) -> f.weight() == null ? 0 : -Math.abs(f.weight())));
        Double fit = r.surrogateR2() != null ? r.surrogateR2() : r.wordsSurrogateR2();
        blocks.add(Blocks.tone(sentence(predicted, actual, p, features, values, names), actual == null ? "note"
                : actual.equals(predicted) ? "pass" : "warn"));
        if (fit != null && fit < 0.3) {
            blocks.add(Blocks.tone("The simple model fitted around this row reproduces the model's probabilities poorly here (R² "
                    + Fmt.num(fit) + "): no small set of " + (!words.isEmpty() ? "words" : "columns") + " explains this prediction well, so read the weights below with care.", "warn"));
        }
        List<Charts.BarIn> bars = new ArrayList<>();
        for (Push f : features) {
            double w = f.weight() == null ? 0 : f.weight();
            String feature = f.feature();
            bars.add(new Charts.BarIn(names.read(feature, values) + valueSuffix(feature, values, names), w, null, w >= 0 ? "t-pos" : "t-neg"));
        }
        List<Chart> charts = new ArrayList<>();
        if (!bars.isEmpty()) {
            charts.add(Charts.bars("What pushed row " + Fmt.num((double) r.row()) + " toward (right) or away from (left) “" + predicted
                    + "”; local fit R² " + Fmt.num(fit), "weight", bars));
        }
        if (!charts.isEmpty()) {
            blocks.add(Blocks.figures(charts));
        }
        for (String column : names.textColumns()) {
            if (values.containsKey(column)) {
                blocks.add(marked(column, text(values.get(column)), features));
            }
        }
        if (!names.textColumns().containsAll(values.keySet())) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (names.textColumns().contains(e.getKey())) {
                    continue; // shown above, with its words marked
                }
                String v = text(e.getValue());
                rows.add(List.of(Cell.styled(e.getKey(), "code"), Cell.of(v.length() > 400 ? v.substring(0, 400) + " …" : v)));
            }
            blocks.add(Blocks.table("The row's values as given to the model", List.of("column", "value"), rows));
        }
        if (probs.size() > 1) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, Double> e : probs.entrySet()) {
                rows.add(List.of(Cell.of(e.getKey()), Cell.num(Fmt.pct(e.getValue()))));
            }
            blocks.add(Blocks.table("Predicted probability of each class", List.of("class", "probability"), rows));
        }
    }

    /** The text of a row with the terms LIME weighed marked where they occur (words and n-grams, case-insensitive). */
    static Report.Marked marked(String column, String text, List<Push> features) {
        Map<String, Double> weights = new java.util.HashMap<>();
        for (Push f : features) {
            String feature = f.feature();
            Double w = f.weight();
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
    private static String valueSuffix(String feature, Map<String, String> values, Names names) {
        if (values == null || feature.contains("@") || !values.containsKey(feature)) {
            return "";
        }
        String v = text(values.get(feature));
        return v.length() > 24 ? "" : " = " + v;
    }

    /** One sentence a reviewer can read aloud: the prediction, whether it was right, and the two strongest pushes. */
    static String sentence(String predicted, String actual, Double p, List<Push> features, Map<String, String> values, Names names) {
        StringBuilder sb = new StringBuilder("The model predicted “").append(predicted).append("”");
        if (p != null) {
            sb.append(" with probability ").append(String.format(Locale.ROOT, "%.2f", p));
        }
        if (actual != null) {
            sb.append(actual.equals(predicted) ? ", which is correct" : ", but the row is “" + actual + "”");
        }
        List<String> toward = new ArrayList<>();
        List<String> against = new ArrayList<>();
        for (Push f : features) {
            Double w = f.weight();
            if (w == null || w == 0) {
                continue;
            }
            String feature = f.feature();
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
