package dev.mlx.runtime.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * {@code bin COLUMNS into N}: cut points at the training quantiles 1/N, 2/N, ... (repeated cut
 * points merged, so heavily tied columns get fewer bins). Bins are closed on the right, like
 * {@code (25,40]}; the result is a category column whose categories are those intervals, in order.
 */
final class Bin implements FittedStep {
    private static final long serialVersionUID = 1L;
    private final int into;
    private final String[] columns;
    private final double[][] edges;
    private final String[][] labels;

    private Bin(int into, String[] columns, double[][] edges, String[][] labels) {
        this.into = into;
        this.columns = columns;
        this.edges = edges;
        this.labels = labels;
    }

    static Bin fit(List<String> columnList, int into, Frame frame) {
        String[] columns = columnList.toArray(String[]::new);
        double[][] edges = new double[columns.length][];
        String[][] labels = new String[columns.length][];
        Col.Num[] cols = new Col.Num[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = FittedStep.numbers(frame, columns[c], "bin");
        }
        ColumnMath.parallel(columns.length, (long) columns.length * frame.rows, c -> {
            double[] sorted = ColumnMath.sorted(cols[c].v());
            double[] cuts = new double[Math.max(into - 1, 0)];
            int m = 0;
            for (int k = 1; k < into && sorted.length > 0; k++) {
                double q = ColumnMath.quantile(sorted, (double) k / into);
                if (m == 0 || q > cuts[m - 1]) {
                    cuts[m++] = q;
                }
            }
            edges[c] = Arrays.copyOf(cuts, m);
            labels[c] = labels(edges[c]);
        });
        return new Bin(into, columns, edges, labels);
    }

    private static String[] labels(double[] edges) {
        String[] labels = labels(edges, true);
        return new HashSet<>(Arrays.asList(labels)).size() == labels.length ? labels : labels(edges, false);
    }

    private static String[] labels(double[] edges, boolean shortly) {
        String[] text = new String[edges.length + 2];
        text[0] = "-inf";
        text[edges.length + 1] = "inf";
        for (int e = 0; e < edges.length; e++) {
            text[e + 1] = shortly ? ColumnMath.shortText(edges[e]) : ColumnMath.text(edges[e]);
        }
        String[] labels = new String[edges.length + 1];
        for (int b = 0; b <= edges.length; b++) {
            labels[b] = "(" + text[b] + "," + text[b + 1] + (b == edges.length ? ")" : "]");
        }
        return labels;
    }

    @Override
    public void apply(Frame frame) {
        Col.Num[] cols = new Col.Num[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = FittedStep.numbers(frame, columns[c], "bin");
        }
        Col.Cat[] out = new Col.Cat[columns.length];
        ColumnMath.parallel(columns.length, (long) columns.length * frame.rows, c -> {
            double[] v = cols[c].v();
            double[] e = edges[c];
            int[] codes = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (Double.isNaN(x)) {
                    codes[i] = -1;
                    continue;
                }
                int lo = 0;
                int hi = e.length; // first edge >= x: the number of edges below x
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (e[mid] < x) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                codes[i] = lo;
            }
            out[c] = new Col.Cat(codes, labels[c].clone(), true, false);
        });
        for (int c = 0; c < columns.length; c++) {
            frame.set(columns[c], out[c]);
        }
    }

    @Override
    public JsonObject describe() {
        JsonObject o = new JsonObject();
        o.addProperty("step", "bin");
        o.addProperty("into", into);
        JsonArray cols = new JsonArray();
        for (int c = 0; c < columns.length; c++) {
            JsonObject col = new JsonObject();
            col.addProperty("column", columns[c]);
            col.add("edges", ColumnMath.json(edges[c]));
            col.add("bins", ColumnMath.json(labels[c]));
            cols.add(col);
        }
        o.add("columns", cols);
        return o;
    }
}
