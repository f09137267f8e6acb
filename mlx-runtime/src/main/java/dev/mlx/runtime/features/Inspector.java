package dev.mlx.runtime.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.spec.Inspect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code inspect} block: a review of the features as the models will see them, on the
 * transformed training rows (and the transformed test rows, for coverage).
 *
 * <p>The result, every key always present:
 * <pre>
 * {
 *   "rows": 800, "features": 12,
 *   "sampledRows": null,                                      // or how many rows the figures below are of
 *   "stats": [{"feature": "age", "min": -1.9, "max": 2.4, "mean": 0.0, "std": 1.0,
 *              "nonZero": 0.98, "missing": 0}, ...],          // per feature, in index order
 *   "missing": {"total": 0, "features": {"age": 3}},          // NaN counts, features with any
 *   "constant": ["flag"],                                     // one value in every training row
 *   "duplicates": [["a", "b"]],                               // identical columns; the first is kept
 *   "duplicateRows": 4,                                       // training rows equal to an earlier row
 *   "leakage": {"metric": "auc", "threshold": 0.95,           // null for clustering / no target
 *               "top": [{"feature": "x", "score": 0.99}, ...],          // best ten
 *               "suspects": [{"feature": "x", "score": 0.99}]},         // score >= threshold
 *   "coverage": {"share": 0.97, "rows": 200, "threshold": 0.9,          // null without test rows
 *                "columns": [{"column": "plan", "share": 0.99, "unseen": 2}]}, // or one-hot columns
 *   "sample": [{"row": 0, "label": "yes", "values": {"age": 0.3, "plan@pro": 1.0}}],
 *   "failures": ["feature `flag` is constant (0 in every training row)"]
 * }
 * </pre>
 * Leakage scores one feature alone: for classification its AUC as max(auc, 1 - auc) — for more than
 * two classes the mean over class pairs (Hand and Till) —; for regression the R² of a straight-line fit. Coverage
 * looks at one-hot groups (a {@code column@other} feature with at most one 1 per training row): a
 * test row is covered when none of its columns fell into {@code @other} (a missing value is not
 * counted against it). {@code column@other} features that are all zero in training are reserved
 * slots for unseen categories and are not reported as constant or duplicate. Failures are
 * sentences for the checks the spec turns on; a non-empty list should stop the run. When nothing
 * but missing values can fail (the default without an {@code inspect} block), on more than
 * {@link #SAMPLE_ROWS} training rows the figures are of a seeded sample of that many rows
 * ({@code sampledRows}); missing values are still counted in every row.
 */
public final class Inspector {
    private static final int TOP = 10;

    private Inspector() {
    }

    public static JsonObject inspect(Inspect spec, FeatureMatrix train, FeatureMatrix test, Task task) {
        return inspect(spec, train, test, task, null);
    }

    /**
     * The same, given the training rows' {@link #missingCounts} when the caller has them already
     * (null: counted here when needed).
     */
    public static JsonObject inspect(Inspect spec, FeatureMatrix train, FeatureMatrix test, Task task, long[] missingCounts) {
        Inspect s = spec != null ? spec : new Inspect(false, false, false, null, null, 0);
        int allRows = train.rows();
        if (!overviewOnly(s) || allRows <= SAMPLE_ROWS) {
            JsonObject result = review(s, train, test, task);
            result.addProperty("rows", allRows);
            result.add("sampledRows", com.google.gson.JsonNull.INSTANCE);
            return result;
        }
        // Only missing values can fail: they are counted in every row, the rest is an overview of a
        // seeded sample, which is enough, and cheap.
        FeatureMatrix all = train;
        JsonObject result = review(new Inspect(false, false, false, null, null, s.sample()), sampleRows(train, SAMPLE_ROWS),
                test, task);
        long[] missing = missingCounts != null ? missingCounts : missingCounts(all);
        JsonObject byFeature = new JsonObject();
        long total = 0;
        for (int f = 0; f < missing.length; f++) {
            if (missing[f] > 0) {
                byFeature.addProperty(all.names().get(f), missing[f]);
                total += missing[f];
            }
        }
        JsonObject m = new JsonObject();
        m.addProperty("total", total);
        m.add("features", byFeature);
        result.add("missing", m);
        JsonArray failures = new JsonArray();
        String failure = s.noMissing() ? missingFailure(all.names(), missing) : null;
        if (failure != null) {
            failures.add(failure);
        }
        result.add("failures", failures);
        result.addProperty("rows", allRows);
        result.addProperty("sampledRows", SAMPLE_ROWS);
        return result;
    }

    /**
     * True when nothing but missing values can fail a review by {@code spec} (the plan's default when
     * the file has no {@code inspect} block). Such a review of many rows looks at a sample, and a run
     * can do it beside the training once {@link #missingFailure} has passed.
     */
    public static boolean overviewOnly(Inspect spec) {
        return spec == null || !spec.noConstant() && !spec.noDuplicates() && spec.leakageBelow() == null
                && spec.coverage() == null;
    }

    /** The review's failure for missing values in any training row (every row counted), or null when there are none. */
    public static String missingFailure(FeatureMatrix train) {
        return missingFailure(train.names(), missingCounts(train));
    }

    /** The failure for these per-feature missing counts ({@link #missingCounts}), or null when there are none. */
    public static String missingFailure(List<String> names, long[] missing) {
        List<String> parts = new ArrayList<>();
        for (int f = 0; f < missing.length; f++) {
            if (missing[f] > 0) {
                parts.add("`" + names.get(f) + "` (" + missing[f] + ")");
            }
        }
        return parts.isEmpty() ? null : plural(parts.size(), "feature has", "features have") + " missing values: "
                + String.join(", ", parts) + "; impute them in the features block";
    }

    /** Missing (NaN) values per feature over every row, rows in parallel chunks. */
    public static long[] missingCounts(FeatureMatrix m) {
        int p = m.names().size();
        int chunks = ColumnMath.chunks(m.rows());
        long[][] partial = new long[chunks][];
        ColumnMath.parallel(chunks, m.rows(), c -> {
            long[] counts = new long[p];
            int end = Math.min(m.rows(), (c + 1) * ColumnMath.CHUNK);
            for (int r = c * ColumnMath.CHUNK; r < end; r++) {
                int[] idx = m.indices()[r];
                double[] val = m.values()[r];
                for (int k = 0; k < idx.length; k++) {
                    if (Double.isNaN(val[k])) {
                        counts[idx[k]]++;
                    }
                }
            }
            partial[c] = counts;
        });
        long[] total = new long[p];
        for (long[] counts : partial) {
            for (int f = 0; f < p; f++) {
                total[f] += counts[f];
            }
        }
        return total;
    }

    /** A feature review without an {@code inspect} block of more rows than this looks at a sample of them. */
    static final int SAMPLE_ROWS = 100_000;

    /** {@code n} rows of {@code m} drawn without replacement (seeded), in their original order. */
    static FeatureMatrix sampleRows(FeatureMatrix m, int n) {
        int[] rows = dev.mlx.runtime.base.Sample.indices(m.rows(), n, 42);
        int[][] indices = new int[n][];
        double[][] values = new double[n][];
        String[] labels = m.labels() == null ? null : new String[n];
        double[] targets = m.targets() == null ? null : new double[n];
        int[] rowIds = m.rowIds() == null ? null : new int[n];
        for (int k = 0; k < n; k++) {
            int r = rows[k];
            indices[k] = m.indices()[r];
            values[k] = m.values()[r];
            if (labels != null) {
                labels[k] = m.labels()[r];
            }
            if (targets != null) {
                targets[k] = m.targets()[r];
            }
            if (rowIds != null) {
                rowIds[k] = m.rowIds()[r];
            }
        }
        return new FeatureMatrix(m.names(), indices, values, labels, targets, rowIds);
    }

    private static JsonObject review(Inspect s, FeatureMatrix train, FeatureMatrix test, Task task) {
        List<String> names = train.names();
        int p = names.size();
        int[] classes = null;
        int classCount = 0;
        if (task == Task.CLASSIFICATION && train.labels() != null) {
            TreeSet<String> distinct = new TreeSet<>();
            for (String l : train.labels()) {
                if (l != null) {
                    distinct.add(l);
                }
            }
            Map<String, Integer> index = new HashMap<>();
            for (String l : distinct) {
                index.put(l, index.size());
            }
            classes = new int[train.rows()];
            for (int r = 0; r < classes.length; r++) {
                String l = train.labels()[r];
                classes[r] = l == null ? -1 : index.get(l);
            }
            classCount = distinct.size();
        }
        double[] targets = task == Task.REGRESSION ? train.targets() : null;
        FeatureColumns cols = new FeatureColumns(train, classes, classCount, targets);

        boolean[] reserved = new boolean[p];
        for (int f = 0; f < p; f++) {
            reserved[f] = names.get(f).endsWith("@" + OneHot.OTHER) && cols.nonZero[f] == 0 && cols.missing[f] == 0;
        }
        List<String> failures = new ArrayList<>();
        JsonObject out = new JsonObject();
        out.addProperty("rows", train.rows());
        out.addProperty("features", p);

        JsonArray stats = new JsonArray();
        JsonObject missingByFeature = new JsonObject();
        long missingTotal = 0;
        List<String> constant = new ArrayList<>();
        for (int f = 0; f < p; f++) {
            JsonObject st = new JsonObject();
            st.addProperty("feature", names.get(f));
            st.add("min", ColumnMath.json(cols.min[f]));
            st.add("max", ColumnMath.json(cols.max[f]));
            st.add("mean", ColumnMath.json(cols.mean[f]));
            st.add("std", ColumnMath.json(cols.std[f]));
            st.add("nonZero", ColumnMath.json(train.rows() == 0 ? 0 : (double) cols.nonZero[f] / train.rows()));
            st.addProperty("missing", cols.missing[f]);
            stats.add(st);
            if (cols.missing[f] > 0) {
                missingByFeature.addProperty(names.get(f), cols.missing[f]);
                missingTotal += cols.missing[f];
            }
            if (!reserved[f] && train.rows() > 0 && !(cols.min[f] < cols.max[f])) {
                constant.add(names.get(f));
            }
        }
        out.add("stats", stats);
        JsonObject missing = new JsonObject();
        missing.addProperty("total", missingTotal);
        missing.add("features", missingByFeature);
        out.add("missing", missing);
        out.add("constant", strings(constant));

        List<List<Integer>> duplicates = duplicateFeatures(train, cols, reserved);
        JsonArray dups = new JsonArray();
        for (List<Integer> group : duplicates) {
            JsonArray g = new JsonArray();
            group.forEach(f -> g.add(names.get(f)));
            dups.add(g);
        }
        out.add("duplicates", dups);
        out.addProperty("duplicateRows", duplicateRows(train));

        List<String> leaks = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        out.add("leakage", leakage(s, task, names, cols, classes != null || targets != null, leaks));
        out.add("coverage", coverage(s, train, test, uncovered));
        out.add("sample", sample(train, s.sample()));

        if (s.noMissing() && missingTotal > 0) {
            long[] counts = new long[p];
            for (int f = 0; f < p; f++) {
                counts[f] = cols.missing[f];
            }
            failures.add(missingFailure(names, counts));
        }
        if (s.noConstant()) {
            for (String f : constant) {
                int i = names.indexOf(f);
                failures.add("feature `" + f + "` is constant (" + ColumnMath.shortText(cols.min[i])
                        + " in every training row); drop it");
            }
        }
        if (s.noDuplicates()) {
            for (List<Integer> group : duplicates) {
                for (int k = 1; k < group.size(); k++) {
                    failures.add("feature `" + names.get(group.get(k)) + "` duplicates `" + names.get(group.get(0))
                            + "` (identical in every training row); drop one of them");
                }
            }
        }
        failures.addAll(leaks);
        failures.addAll(uncovered);
        out.add("failures", strings(failures));
        return out;
    }

    private static JsonObject leakageEntry(String feature, double score) {
        JsonObject o = new JsonObject();
        o.addProperty("feature", feature);
        o.add("score", ColumnMath.json(score));
        return o;
    }

    private static com.google.gson.JsonElement leakage(Inspect s, Task task, List<String> names, FeatureColumns cols,
                                                        boolean hasTarget, List<String> failures) {
        if (!hasTarget || task == Task.CLUSTERING) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        String metric = task == Task.CLASSIFICATION ? "auc" : "r2";
        Integer[] order = new Integer[names.size()];
        for (int f = 0; f < order.length; f++) {
            order[f] = f;
        }
        double[] score = cols.score;
        Arrays.sort(order, (a, b) -> {
            double x = Double.isNaN(score[a]) ? -1 : score[a];
            double y = Double.isNaN(score[b]) ? -1 : score[b];
            return x != y ? Double.compare(y, x) : Integer.compare(a, b);
        });
        JsonObject o = new JsonObject();
        o.addProperty("metric", metric);
        o.add("threshold", s.leakageBelow() == null ? com.google.gson.JsonNull.INSTANCE
                : ColumnMath.json(s.leakageBelow()));
        JsonArray top = new JsonArray();
        JsonArray suspects = new JsonArray();
        for (int k = 0; k < order.length; k++) {
            int f = order[k];
            if (Double.isNaN(score[f])) {
                break;
            }
            if (k < TOP) {
                top.add(leakageEntry(names.get(f), score[f]));
            }
            if (s.leakageBelow() != null && score[f] >= s.leakageBelow()) {
                suspects.add(leakageEntry(names.get(f), score[f]));
                failures.add("feature `" + names.get(f) + "` alone predicts the target with "
                        + (metric.equals("auc") ? "AUC " : "R² ") + String.format(Locale.ROOT, "%.3f", score[f])
                        + " (leakage below " + ColumnMath.shortText(s.leakageBelow())
                        + "): it probably leaks the answer; drop it or check how it is recorded");
            }
        }
        o.add("top", top);
        o.add("suspects", suspects);
        return o;
    }

    /** Groups of identical feature columns: same fingerprint, then compared entry by entry. */
    private static List<List<Integer>> duplicateFeatures(FeatureMatrix m, FeatureColumns cols, boolean[] reserved) {
        Map<Long, List<Integer>> byPrint = new LinkedHashMap<>();
        for (int f = 0; f < reserved.length; f++) {
            if (!reserved[f]) {
                byPrint.computeIfAbsent(cols.fingerprint[f] * 31 + cols.nonZero[f], k -> new ArrayList<>()).add(f);
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> candidates : byPrint.values()) {
            if (candidates.size() < 2) {
                continue;
            }
            // verify exactly: same entries in every row
            List<Integer> left = new ArrayList<>(candidates);
            while (left.size() > 1) {
                int first = left.get(0);
                List<Integer> same = new ArrayList<>(List.of(first));
                List<Integer> rest = new ArrayList<>();
                for (int k = 1; k < left.size(); k++) {
                    (identical(m, first, left.get(k)) ? same : rest).add(left.get(k));
                }
                if (same.size() > 1) {
                    groups.add(same);
                }
                left = rest;
            }
        }
        groups.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        return groups;
    }

    private static boolean identical(FeatureMatrix m, int a, int b) {
        for (int r = 0; r < m.rows(); r++) {
            int[] idx = m.indices()[r];
            int i = Arrays.binarySearch(idx, a);
            int j = Arrays.binarySearch(idx, b);
            double x = i >= 0 ? m.values()[r][i] : 0;
            double y = j >= 0 ? m.values()[r][j] : 0;
            if (Double.doubleToLongBits(x + 0.0) != Double.doubleToLongBits(y + 0.0)) {
                return false;
            }
        }
        return true;
    }

    /** Rows whose features equal an earlier row's (by a 64-bit fingerprint of the row). */
    private static int duplicateRows(FeatureMatrix m) {
        long[] prints = new long[m.rows()];
        ColumnMath.parallel(ColumnMath.chunks(m.rows()), m.rows(), chunk -> {
            for (int r = chunk * ColumnMath.CHUNK, end = Math.min(m.rows(), r + ColumnMath.CHUNK); r < end; r++) {
                long h = 0x632BE59BD9B4E019L;
                int[] idx = m.indices()[r];
                double[] val = m.values()[r];
                for (int j = 0; j < idx.length; j++) {
                    h = FeatureColumns.mix(h ^ idx[j]) + Double.doubleToLongBits(val[j] + 0.0);
                }
                prints[r] = FeatureColumns.mix(h + idx.length);
            }
        });
        Arrays.sort(prints);
        int dups = 0;
        for (int r = 1; r < prints.length; r++) {
            if (prints[r] == prints[r - 1]) {
                dups++;
            }
        }
        return dups;
    }

    private static com.google.gson.JsonElement coverage(Inspect s, FeatureMatrix train, FeatureMatrix test,
                                                         List<String> failures) {
        if (test == null || test.rows() == 0) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        List<String> names = train.names();
        Map<String, Integer> groupIndex = new LinkedHashMap<>();
        int[] groupOf = new int[names.size()];
        Arrays.fill(groupOf, -1);
        List<Integer> otherFeature = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            String n = names.get(f);
            if (n.endsWith("@" + OneHot.OTHER)) {
                groupIndex.put(n.substring(0, n.length() - OneHot.OTHER.length() - 1), groupIndex.size());
                otherFeature.add(f);
            }
        }
        for (int f = 0; f < names.size(); f++) {
            int at = names.get(f).lastIndexOf('@');
            Integer g = at < 0 ? null : groupIndex.get(names.get(f).substring(0, at));
            groupOf[f] = g == null ? -1 : g;
        }
        int groups = groupIndex.size();
        // a group is one-hot when no training row has two of its features or a value other than 1
        boolean[] oneHot = new boolean[groups];
        Arrays.fill(oneHot, true);
        int[] lastRow = new int[groups];
        Arrays.fill(lastRow, -1);
        for (int r = 0; r < train.rows(); r++) {
            int[] idx = train.indices()[r];
            for (int j = 0; j < idx.length; j++) {
                int g = groupOf[idx[j]];
                if (g >= 0) {
                    if (lastRow[g] == r || train.values()[r][j] != 1) {
                        oneHot[g] = false;
                    }
                    lastRow[g] = r;
                }
            }
        }
        if (!test.names().equals(names)) {
            throw new IllegalArgumentException("training and test features differ");
        }
        int[] known = new int[groups];
        int[] unseen = new int[groups];
        int covered = 0;
        for (int r = 0; r < test.rows(); r++) {
            boolean ok = true;
            for (int f : test.indices()[r]) {
                int g = groupOf[f];
                if (g >= 0 && oneHot[g]) {
                    if (f == otherFeature.get(g)) {
                        unseen[g]++;
                        ok = false;
                    } else {
                        known[g]++;
                    }
                }
            }
            covered += ok ? 1 : 0;
        }
        JsonObject o = new JsonObject();
        double share = (double) covered / test.rows();
        o.add("share", ColumnMath.json(share));
        o.addProperty("rows", test.rows());
        o.add("threshold", s.coverage() == null ? com.google.gson.JsonNull.INSTANCE : ColumnMath.json(s.coverage()));
        JsonArray columns = new JsonArray();
        for (Map.Entry<String, Integer> e : groupIndex.entrySet()) {
            int g = e.getValue();
            if (!oneHot[g]) {
                continue;
            }
            JsonObject c = new JsonObject();
            c.addProperty("column", e.getKey());
            int valued = known[g] + unseen[g];
            c.add("share", ColumnMath.json(valued == 0 ? 1 : (double) known[g] / valued));
            c.addProperty("unseen", unseen[g]);
            columns.add(c);
        }
        o.add("columns", columns);
        if (s.coverage() != null && share < s.coverage()) {
            failures.add("only " + percent(share) + " of the test rows have categories all seen in training (coverage "
                    + percent(s.coverage()) + "); unseen categories fall into `@other`");
        }
        return o;
    }

    private static JsonArray sample(FeatureMatrix m, int n) {
        JsonArray rows = new JsonArray();
        for (int r = 0; r < Math.min(n, m.rows()); r++) {
            JsonObject row = new JsonObject();
            row.addProperty("row", m.rowIds()[r]);
            if (m.labels() != null) {
                row.addProperty("label", m.labels()[r]);
            }
            if (m.targets() != null) {
                row.add("target", ColumnMath.json(m.targets()[r]));
            }
            JsonObject values = new JsonObject();
            for (int j = 0; j < m.indices()[r].length; j++) {
                values.add(m.names().get(m.indices()[r][j]), ColumnMath.json(m.values()[r][j]));
            }
            row.add("values", values);
            rows.add(row);
        }
        return rows;
    }

    private static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray();
        list.forEach(a::add);
        return a;
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String percent(double share) {
        return ColumnMath.shortText(Math.round(share * 1000) / 10.0) + "%";
    }
}
