package dev.mlx.runtime.features;

import dev.mlx.catalog.Words;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code standardize}, {@code normalize}, {@code log} and {@code clip}: one pass per column, in place,
 * columns in parallel. Missing values stay missing.
 */
final class NumericStep implements FittedStep {
    private static final long serialVersionUID = 1L;

    /** The transform, by its word in run.json. */
    enum Op {
        STANDARDIZE, NORMALIZE, LOG, CLIP;

        String word() {
            return Words.of(this);
        }
    }

    private final Op op;
    private final String[] columns;
    /** standardize: mean and std; normalize: min and max; clip: lo and hi; log: unused. */
    private final double[] a;
    private final double[] b;

    private NumericStep(Op op, String[] columns, double[] a, double[] b) {
        this.op = op;
        this.columns = columns;
        this.a = a;
        this.b = b;
    }

    /**
     * The step with values learned elsewhere (another engine): {@code a} and {@code b} per column as
     * {@link #fit} would have learned them.
     */
    static NumericStep learned(Op op, List<String> columns, double[] a, double[] b) {
        if (a.length != columns.size() || b.length != columns.size()) {
            throw new IllegalArgumentException("one learned pair per column");
        }
        return new NumericStep(op, columns.toArray(String[]::new), a.clone(), b.clone());
    }

    /** Fits {@code op} on the columns; {@code lo} and {@code hi} are the range of clip. */
    static NumericStep fit(Op op, List<String> columnList, double lo, double hi, Frame frame) {
        String[] columns = columnList.toArray(String[]::new);
        double[] a = new double[columns.length];
        double[] b = new double[columns.length];
        Col.Num[] cols = new Col.Num[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = FittedStep.numbers(frame, columns[c], op.word());
        }
        long work = (long) columns.length * frame.rows;
        switch (op) {
            case STANDARDIZE -> ColumnMath.parallel(columns.length, work, c -> {
                double mean = ColumnMath.mean(cols[c].v());
                double std = ColumnMath.std(cols[c].v(), mean);
                a[c] = Double.isNaN(mean) ? 0 : mean;
                b[c] = Double.isNaN(std) || std == 0 ? 1 : std;
            });
            case NORMALIZE -> ColumnMath.parallel(columns.length, work, c -> {
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
            case CLIP -> {
                java.util.Arrays.fill(a, lo);
                java.util.Arrays.fill(b, hi);
            }
            case LOG -> {
            }
        }
        return new NumericStep(op, columns, a, b);
    }

    @Override
    public void apply(Frame frame) {
        Col.Num[] cols = new Col.Num[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = FittedStep.numbers(frame, columns[c], op.word());
        }
        ColumnMath.parallel(columns.length, (long) columns.length * frame.rows, c -> {
            double[] v = cols[c].v();
            double lo = a[c];
            double hi = b[c];
            switch (op) {
                case STANDARDIZE -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (v[i] - lo) / hi;
                    }
                }
                case NORMALIZE -> {
                    double scale = hi > lo ? 1 / (hi - lo) : 0;
                    for (int i = 0; i < v.length; i++) {
                        // constant training column: 0 everywhere (NaN * 0 stays NaN: missing stays missing)
                        v[i] = (v[i] - lo) * scale;
                    }
                }
                case LOG -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Math.log1p(Math.max(v[i], 0));
                    }
                }
                case CLIP -> {
                    for (int i = 0; i < v.length; i++) {
                        double x = v[i];
                        v[i] = x < lo ? lo : x > hi ? hi : x;
                    }
                }
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
        String kind = op.word();
        return switch (op) {
            case STANDARDIZE -> new FeaturesLearned.Standardize(kind, meanStd);
            case NORMALIZE -> new FeaturesLearned.Normalize(kind, minMax);
            case CLIP -> new FeaturesLearned.Clip(kind, bounds);
            case LOG -> new FeaturesLearned.Log(kind, named);
        };
    }
}
