package dev.mlx.runtime.eval;

import dev.mlx.runtime.eval.EvaluationResult.Group;
import dev.mlx.runtime.eval.EvaluationResult.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Holdout metrics per group of a raw column of the test table. A numeric column with many values
 * is cut at its quartiles; otherwise each value is a group, the {@link #MAX_GROUPS} most frequent
 * kept and the rest pooled as "(other)". Missing values form "(missing)".
 */
final class Slices {
    static final int MAX_GROUPS = 20;
    static final int BIN_ABOVE = 10;
    static final String MISSING = "(missing)";
    static final String OTHER = "(other)";

    private Slices() {
    }

    /** The group of each matrix row ({@code rowIds} index the raw table), in report order. */
    static Map<String, int[]> groups(Column<?> col, int[] rowIds) {
        String[] key = new String[rowIds.length];
        List<String> order;
        if (col instanceof NumericColumn<?> num && col.countUnique() > BIN_ABOVE) {
            order = binned(num, rowIds, key);
        } else {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < rowIds.length; i++) {
                key[i] = col.isMissing(rowIds[i]) ? MISSING : col.getString(rowIds[i]);
                counts.merge(key[i], 1, Integer::sum);
            }
            List<String> byCount = new ArrayList<>(counts.keySet());
            byCount.sort(Comparator.comparing((String k) -> -counts.get(k)).thenComparing(k -> k));
            order = new ArrayList<>(byCount.subList(0, Math.min(MAX_GROUPS, byCount.size())));
            if (byCount.size() > MAX_GROUPS) {
                java.util.Set<String> kept = new java.util.HashSet<>(order);
                for (int i = 0; i < key.length; i++) {
                    if (!kept.contains(key[i])) {
                        key[i] = OTHER;
                    }
                }
                order.add(OTHER);
            }
        }
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (String k : order) {
            rows.put(k, new ArrayList<>());
        }
        for (int i = 0; i < key.length; i++) {
            rows.computeIfAbsent(key[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        rows.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.stream().mapToInt(Integer::intValue).toArray());
            }
        });
        return out;
    }

    /** Quartile bins "[lo, q1]", "(q1, q2]", ...; returns the labels in order. */
    private static List<String> binned(NumericColumn<?> col, int[] rowIds, String[] key) {
        double[] present = Arrays.stream(rowIds).filter(r -> !col.isMissing(r)).mapToDouble(col::getDouble).sorted().toArray();
        List<String> labels = new ArrayList<>();
        if (present.length == 0) {
            Arrays.fill(key, MISSING);
            labels.add(MISSING);
            return labels;
        }
        double[] edges = {present[0], RegressionMetrics.quantile(present, 0.25), RegressionMetrics.quantile(present, 0.5),
                RegressionMetrics.quantile(present, 0.75), present[present.length - 1]};
        List<double[]> bins = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            if (b == 0 || edges[b + 1] > edges[b]) {
                bins.add(new double[] {b == 0 ? edges[0] : edges[b], edges[b + 1]});
                labels.add((bins.size() == 1 ? "[" : "(") + fmt(bins.get(bins.size() - 1)[0]) + ", " + fmt(edges[b + 1]) + "]");
            }
        }
        for (int i = 0; i < rowIds.length; i++) {
            if (col.isMissing(rowIds[i])) {
                key[i] = MISSING;
                continue;
            }
            double v = col.getDouble(rowIds[i]);
            int b = 0;
            while (b < bins.size() - 1 && v > bins.get(b)[1]) {
                b++;
            }
            key[i] = labels.get(b);
        }
        labels.add(MISSING);
        return labels;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static List<Slice> compute(List<String> columns, Table test, int[] rowIds, Scored s, List<String> metrics,
                               Metrics.Context ctx) {
        List<Slice> out = new ArrayList<>();
        for (String c : columns) {
            if (!test.containsColumn(c)) {
                out.add(new Slice(c, "the test rows have no column `" + c + "`", List.of()));
                continue;
            }
            List<Group> groups = new ArrayList<>();
            for (Map.Entry<String, int[]> g : groups(test.column(c), rowIds).entrySet()) {
                groups.add(new Group(g.getKey(), g.getValue().length, Metrics.compute(s.subset(g.getValue()), metrics, ctx)));
            }
            out.add(new Slice(c, null, groups));
        }
        return out;
    }
}
