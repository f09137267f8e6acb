package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code standardize}, {@code normalize}, {@code log} and {@code clip}: one pass per column, in place,
 * columns in parallel. Missing values stay missing.
 */
final class NumericStep implements FittedStep {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String[] columns;
    /** standardize: mean and std; normalize: min and max; clip: lo and hi; log: unused. */
    private final double[] a;
    private final double[] b;

    private NumericStep(String kind, String[] columns, double[] a, double[] b) {
        this.kind = kind;
        this.columns = columns;
        this.a = a;
        this.b = b;
    }

    static NumericStep fit(String kind, List<String> columnList, Map<String, Object> options, Frame frame) {
        String[] columns = columnList.toArray(String[]::new);
        double[] a = new double[columns.length];
        double[] b = new double[columns.length];
        Col.Num[] cols = new Col.Num[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = FittedStep.numbers(frame, columns[c], kind);
        }
        long work = (long) columns.length * frame.rows;
        switch (kind) {
            case "standardize" -> ColumnMath.parallel(columns.length, work, c -> {
                double mean = ColumnMath.mean(cols[c].v());
                double std = ColumnMath.std(cols[c].v(), mean);
                a[c] = Double.isNaN(mean) ? 0 : mean;
                b[c] = Double.isNaN(std) || std == 0 ? 1 : std;
            });
            case "normalize" -> ColumnMath.parallel(columns.length, work, c -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double x : cols[c].v()) {
                    if (x < min) {
                        min = x;
                    }
                    if (x > max) {
                        max = x;
                    }
                }
                a[c] = min <= max ? min : 0;
                b[c] = min <= max ? max : 0;
            });
            case "clip" -> {
                double[] range = range(options.get("to"));
                java.util.Arrays.fill(a, range[0]);
                java.util.Arrays.fill(b, range[1]);
            }
            case "log" -> {
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return new NumericStep(kind, columns, a, b);
    }

    static double[] range(Object o) {
        if (o instanceof double[] d && d.length == 2) {
            return d.clone();
        }
        if (o instanceof List<?> l && l.size() == 2) {
            return new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()};
        }
        throw new RunException("a range lo..hi is expected, not " + o);
    }

    @Override
    public void apply(Frame frame) {
        Col.Num[] cols = new Col.Num[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = FittedStep.numbers(frame, columns[c], kind);
        }
        ColumnMath.parallel(columns.length, (long) columns.length * frame.rows, c -> {
            double[] v = cols[c].v();
            double lo = a[c];
            double hi = b[c];
            switch (kind) {
                case "standardize" -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (v[i] - lo) / hi;
                    }
                }
                case "normalize" -> {
                    double scale = hi > lo ? 1 / (hi - lo) : 0;
                    for (int i = 0; i < v.length; i++) {
                        // constant training column: 0 everywhere (NaN * 0 stays NaN: missing stays missing)
                        v[i] = (v[i] - lo) * scale;
                    }
                }
                case "log" -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Math.log1p(Math.max(v[i], 0));
                    }
                }
                case "clip" -> {
                    for (int i = 0; i < v.length; i++) {
                        double x = v[i];
                        v[i] = x < lo ? lo : x > hi ? hi : x;
                    }
                }
                default -> throw new IllegalStateException(kind);
            }
        });
    }

    @Override
    public FeaturesLearned.Step describe() {
        List<FeaturesLearned.MeanStd> meanStd = new ArrayList<>();
        List<FeaturesLearned.MinMax> minMax = new ArrayList<>();
        List<FeaturesLearned.Bounds> bounds = new ArrayList<>();
        List<FeaturesLearned.Named> named = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            Double x = ColumnMath.result(a[c]);
            Double y = ColumnMath.result(b[c]);
            meanStd.add(new FeaturesLearned.MeanStd(columns[c], x, y));
            minMax.add(new FeaturesLearned.MinMax(columns[c], x, y));
            bounds.add(new FeaturesLearned.Bounds(columns[c], x, y));
            named.add(new FeaturesLearned.Named(columns[c]));
        }
        return switch (kind) {
            case "standardize" -> new FeaturesLearned.Standardize(kind, meanStd);
            case "normalize" -> new FeaturesLearned.Normalize(kind, minMax);
            case "clip" -> new FeaturesLearned.Clip(kind, bounds);
            default -> new FeaturesLearned.Log(kind, named);
        };
    }
}
