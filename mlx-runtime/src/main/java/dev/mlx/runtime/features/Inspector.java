package dev.mlx.runtime.features;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.result.FeatureReview;
import dev.mlx.runtime.result.FeatureScore;
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
 * <p>The result is a {@link FeatureReview} (run.json's {@code inspect}).
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

    public static FeatureReview inspect(Inspect spec, FeatureMatrix train, FeatureMatrix test, Task task) {
        return inspect(spec, train, test, task, null);
    }

    /**
     * The same, given the training rows' {@link #missingCounts} when the caller has them already
     * (null: counted here when needed).
     */
    public static FeatureReview inspect(Inspect spec, FeatureMatrix train, FeatureMatrix test, Task task, long[] missingCounts) {
        Inspect s = spec != null ? spec : new Inspect(false, false, false, null, null, 0);
        int allRows = train.rows();
        if (!overviewOnly(s) || allRows <= SAMPLE_ROWS) {
            FeatureReview result = review(s, train, test, task);
            return result.withTotals(allRows, null, result.missing(), result.failures());
        }
        // Only missing values can fail: they are counted in every row, the rest is an overview of a
        // seeded sample, which is enough, and cheap.
        FeatureMatrix all = train;
        FeatureReview result = review(new Inspect(false, false, false, null, null, s.sample()), sampleRows(train, SAMPLE_ROWS),
                test, task);
        long[] missing = missingCounts != null ? missingCounts : missingCounts(all);
        Map<String, Long> byFeature = new LinkedHashMap<>();
        long total = 0;
        for (int f = 0; f < missing.length; f++) {
            if (missing[f] > 0) {
                byFeature.put(all.names().get(f), missing[f]);
                total += missing[f];
            }
        }
        List<String> failures = new ArrayList<>();
        String failure = s.noMissing() ? missingFailure(all.names(), missing) : null;
        if (failure != null) {
            failures.add(failure);
        }
        return result.withTotals(allRows, SAMPLE_ROWS, new FeatureReview.MissingValues(total, byFeature), failures);
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

    private static FeatureReview review(Inspect s, FeatureMatrix train, FeatureMatrix test, Task task) {
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
        List<FeatureReview.FeatureStats> stats = new ArrayList<>();
        Map<String, Long> missingByFeature = new LinkedHashMap<>();
        long missingTotal = 0;
        List<String> constant = new ArrayList<>();
        for (int f = 0; f < p; f++) {
            stats.add(new FeatureReview.FeatureStats(names.get(f), ColumnMath.result(cols.min[f]), ColumnMath.result(cols.max[f]),
                    ColumnMath.result(cols.mean[f]), ColumnMath.result(cols.std[f]),
                    ColumnMath.result(train.rows() == 0 ? 0 : (double) cols.nonZero[f] / train.rows()), cols.missing[f]));
            if (cols.missing[f] > 0) {
                missingByFeature.put(names.get(f), (long) cols.missing[f]);
                missingTotal += cols.missing[f];
            }
            if (!reserved[f] && train.rows() > 0 && !(cols.min[f] < cols.max[f])) {
                constant.add(names.get(f));
            }
        }
        List<List<Integer>> duplicates = duplicateFeatures(train, cols, reserved);
        List<List<String>> dups = new ArrayList<>();
        for (List<Integer> group : duplicates) {
            dups.add(group.stream().map(names::get).toList());
        }
        int duplicateRows = duplicateRows(train);

        List<String> leaks = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        FeatureReview.Leakage leakage = leakage(s, task, names, cols, classes != null || targets != null, leaks);
        FeatureReview.Coverage coverage = coverage(s, train, test, uncovered);
        List<FeatureReview.TransformedRow> sample = sample(train, s.sample());

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
        return new FeatureReview(train.rows(), p, null, stats, new FeatureReview.MissingValues(missingTotal, missingByFeature),
                constant, dups, duplicateRows, leakage, coverage, sample, failures);
    }

    private static FeatureScore leakageEntry(String feature, double score) {
        return new FeatureScore(feature, ColumnMath.result(score));
    }

    private static FeatureReview.Leakage leakage(Inspect s, Task task, List<String> names, FeatureColumns cols,
                                                        boolean hasTarget, List<String> failures) {
        if (!hasTarget || task == Task.CLUSTERING) {
            return null;
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
        List<FeatureScore> top = new ArrayList<>();
        List<FeatureScore> suspects = new ArrayList<>();
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
        return new FeatureReview.Leakage(metric, s.leakageBelow() == null ? null : ColumnMath.result(s.leakageBelow()), top,
                suspects);
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

    private static FeatureReview.Coverage coverage(Inspect s, FeatureMatrix train, FeatureMatrix test, List<String> failures) {
        if (test == null || test.rows() == 0) {
            return null;
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
        double share = (double) covered / test.rows();
        List<FeatureReview.ColumnCoverage> columns = new ArrayList<>();
        for (Map.Entry<String, Integer> e : groupIndex.entrySet()) {
            int g = e.getValue();
            if (!oneHot[g]) {
                continue;
            }
            int valued = known[g] + unseen[g];
            columns.add(new FeatureReview.ColumnCoverage(e.getKey(), ColumnMath.result(valued == 0 ? 1 : (double) known[g] / valued),
                    unseen[g]));
        }
        if (s.coverage() != null && share < s.coverage()) {
            failures.add("only " + percent(share) + " of the test rows have categories all seen in training (coverage "
                    + percent(s.coverage()) + "); unseen categories fall into `@other`");
        }
        return new FeatureReview.Coverage(ColumnMath.result(share), test.rows(),
                s.coverage() == null ? null : ColumnMath.result(s.coverage()), columns);
    }

    private static List<FeatureReview.TransformedRow> sample(FeatureMatrix m, int n) {
        List<FeatureReview.TransformedRow> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(n, m.rows()); r++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int j = 0; j < m.indices()[r].length; j++) {
                values.put(m.names().get(m.indices()[r][j]), ColumnMath.result(m.values()[r][j]));
            }
            rows.add(new FeatureReview.TransformedRow(m.rowIds()[r], m.labels() != null ? m.labels()[r] : null,
                    m.targets() != null ? ColumnMath.result(m.targets()[r]) : null, values));
        }
        return rows;
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String percent(double share) {
        return ColumnMath.shortText(Math.round(share * 1000) / 10.0) + "%";
    }
}
