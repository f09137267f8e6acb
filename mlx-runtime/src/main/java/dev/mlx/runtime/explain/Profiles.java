package dev.mlx.runtime.explain;

import dev.mlx.runtime.result.ModelExplanations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What each cluster of the holdout rows looks like in the raw columns: its size, the mean of every
 * numeric input column and the most frequent values of every other input column.
 */
final class Profiles {
    static final int TOP_VALUES = 3;

    private Profiles() {
    }

    static List<ModelExplanations.ClusterProfile> result(Predictor p, Table test, Predictor.Preds preds) {
        int noise = dev.mlx.runtime.models.ClusterNoise.of(p.model);
        // clusters in order, noise (HDBSCAN's outliers, not a cluster) last
        Map<Integer, List<Integer>> members = new TreeMap<>((a, b) -> a == noise ? (b == noise ? 0 : 1) : b == noise ? -1
                : Integer.compare(a, b));
        for (int i = 0; i < preds.rows(); i++) {
            int row = preds.matrix().rowIds() == null ? i : preds.matrix().rowIds()[i];
            members.computeIfAbsent(preds.clusters()[i], k -> new ArrayList<>()).add(row);
        }
        List<ModelExplanations.ClusterProfile> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : members.entrySet()) {
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, List<ModelExplanations.ValueRows>> top = new LinkedHashMap<>();
            for (String name : p.pipeline.inputColumns()) {
                if (!test.containsColumn(name)) {
                    continue;
                }
                Column<?> c = test.column(name);
                if (c instanceof NumericColumn<?> num) {
                    double s = 0;
                    int n = 0;
                    for (int r : e.getValue()) {
                        if (!num.isMissing(r)) {
                            s += num.getDouble(r);
                            n++;
                        }
                    }
                    means.put(name, n == 0 ? null : Json.num(s / n));
                } else {
                    Map<String, Integer> counts = new TreeMap<>();
                    for (int r : e.getValue()) {
                        if (!c.isMissing(r)) {
                            counts.merge(c.getString(r), 1, Integer::sum);
                        }
                    }
                    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
                    sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()));
                    List<ModelExplanations.ValueRows> values = new ArrayList<>();
                    for (Map.Entry<String, Integer> v : sorted.subList(0, Math.min(TOP_VALUES, sorted.size()))) {
                        values.add(new ModelExplanations.ValueRows(v.getKey(), v.getValue()));
                    }
                    top.put(name, values);
                }
            }
            out.add(new ModelExplanations.ClusterProfile(dev.mlx.runtime.models.ClusterNoise.label(e.getKey(), noise),
                    e.getValue().size(), means, top));
        }
        return out;
    }
}
