package dev.mlx.runtime.features;

import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.Scalar;
import dev.mlx.runtime.spec.Data;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A features block fitted by another engine (Spark), rebuilt from what it learned so that this runtime
 * scores with it: the learned values of run.json's {@code features} (means and standard deviations,
 * bounds, fills, kept categories) become the same fitted steps {@link Pipeline} makes, and the result is
 * written, read and applied as any pipeline. Nothing is fitted here: a value missing from the record is an
 * error, never recomputed.
 */
public final class LearnedPipeline {
    private LearnedPipeline() {
    }

    /**
     * The pipeline that {@code learned} describes, over the input columns {@code schema} (target and id
     * included, as the data block declares them). Throws {@link RunException} for a step this rebuild
     * does not know (text vectors, bins, dates and derived columns are fitted only by this runtime).
     */
    public static FittedFeatures rebuild(FeaturesLearned learned, List<Data.Column> schema, String target, String id,
                                         Task task) {
        List<String> columns = new ArrayList<>();
        List<TableReader.Kind> kinds = new ArrayList<>();
        Table empty = Table.create("learned");
        for (Data.Column c : schema) {
            if (c.name().equals(target) || c.name().equals(id)) {
                continue;
            }
            columns.add(c.name());
            kinds.add(kind(c.type()));
            empty.addColumns(switch (kind(c.type())) {
                case NUMBER -> DoubleColumn.create(c.name());
                case CATEGORY -> StringColumn.create(c.name());
                case BOOLEAN -> BooleanColumn.create(c.name());
                case DATE -> DateColumn.create(c.name());
                case DATETIME -> DateTimeColumn.create(c.name());
            });
        }
        // An empty frame: applying each rebuilt step to it checks the steps against the columns' kinds and
        // gives the feature names in the order the local engine assembles them.
        Frame frame = FittedFeatures.read(empty, columns.toArray(String[]::new), kinds.toArray(TableReader.Kind[]::new), null);
        Set<String> raw = new HashSet<>(columns);
        Set<String> needed = new HashSet<>();
        List<FittedStep> steps = new ArrayList<>();
        for (FeaturesLearned.Step s : learned.steps()) {
            FittedStep step = step(s, frame);
            List<String> named = named(s);
            if (s instanceof FeaturesLearned.Drop) {
                named.forEach(raw::remove);
            } else {
                for (String c : named) {
                    if (raw.contains(c)) {
                        needed.add(c);
                    }
                }
            }
            step.apply(frame);
            steps.add(step);
        }
        for (int c = 0; c < frame.size(); c++) {
            if (raw.contains(frame.name(c))) {
                needed.add(frame.name(c));
            }
            if (frame.col(c) instanceof Col.Cat) {
                throw new RunException("the learned features leave column `" + frame.name(c) + "` unencoded");
            }
        }
        List<String> inputs = new ArrayList<>();
        List<TableReader.Kind> inputKinds = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (needed.contains(columns.get(c))) {
                inputs.add(columns.get(c));
                inputKinds.add(kinds.get(c));
            }
        }
        List<String> names = Assembler.names(frame);
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new RunException("the learned features name one feature twice");
        }
        return new FittedFeatures(steps, names, inputs, inputKinds, target, id, task);
    }

    private static TableReader.Kind kind(ColumnType type) {
        return switch (type) {
            case NUMBER, INTEGER -> TableReader.Kind.NUMBER;
            case CATEGORY, TEXT -> TableReader.Kind.CATEGORY;
            case BOOLEAN -> TableReader.Kind.BOOLEAN;
            case DATE -> TableReader.Kind.DATE;
        };
    }

    private static List<String> named(FeaturesLearned.Step s) {
        List<String> out = new ArrayList<>();
        if (s instanceof FeaturesLearned.Drop d) {
            out.addAll(d.columns());
        } else if (s instanceof FeaturesLearned.Impute i) {
            i.columns().forEach(c -> out.add(c.column()));
        } else if (s instanceof FeaturesLearned.Standardize x) {
            x.columns().forEach(c -> out.add(c.column()));
        } else if (s instanceof FeaturesLearned.Normalize x) {
            x.columns().forEach(c -> out.add(c.column()));
        } else if (s instanceof FeaturesLearned.Clip x) {
            x.columns().forEach(c -> out.add(c.column()));
        } else if (s instanceof FeaturesLearned.Log x) {
            x.columns().forEach(c -> out.add(c.column()));
        } else if (s instanceof FeaturesLearned.OneHot x) {
            x.columns().forEach(c -> out.add(c.column()));
        }
        return out;
    }

    private static FittedStep step(FeaturesLearned.Step s, Frame frame) {
        if (s instanceof FeaturesLearned.Drop d) {
            return new Drop(d.columns());
        }
        if (s instanceof FeaturesLearned.Impute i) {
            List<String> cols = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (FeaturesLearned.Imputed c : i.columns()) {
                cols.add(c.column());
                values.add(value(c.column(), c.value()));
            }
            return Impute.learned(i.with(), cols, values);
        }
        if (s instanceof FeaturesLearned.Standardize x) {
            List<String> cols = new ArrayList<>();
            double[] a = new double[x.columns().size()];
            double[] b = new double[a.length];
            for (int c = 0; c < a.length; c++) {
                FeaturesLearned.MeanStd m = x.columns().get(c);
                cols.add(m.column());
                // as NumericStep.fit: no values centre on 0, a constant column divides by 1
                a[c] = m.mean() == null || m.mean().isNaN() ? 0 : m.mean();
                b[c] = m.std() == null || m.std().isNaN() || m.std() == 0 ? 1 : m.std();
            }
            return NumericStep.learned(NumericStep.Op.STANDARDIZE, cols, a, b);
        }
        if (s instanceof FeaturesLearned.Normalize x) {
            List<String> cols = new ArrayList<>();
            double[] a = new double[x.columns().size()];
            double[] b = new double[a.length];
            for (int c = 0; c < a.length; c++) {
                FeaturesLearned.MinMax m = x.columns().get(c);
                cols.add(m.column());
                boolean none = m.min() == null || m.max() == null;
                a[c] = none ? 0 : m.min();
                b[c] = none ? 0 : m.max();
            }
            return NumericStep.learned(NumericStep.Op.NORMALIZE, cols, a, b);
        }
        if (s instanceof FeaturesLearned.Clip x) {
            List<String> cols = new ArrayList<>();
            double[] a = new double[x.columns().size()];
            double[] b = new double[a.length];
            for (int c = 0; c < a.length; c++) {
                FeaturesLearned.Bounds m = x.columns().get(c);
                cols.add(m.column());
                a[c] = m.lo();
                b[c] = m.hi();
            }
            return NumericStep.learned(NumericStep.Op.CLIP, cols, a, b);
        }
        if (s instanceof FeaturesLearned.Log x) {
            List<String> cols = x.columns().stream().map(FeaturesLearned.Named::column).toList();
            return NumericStep.learned(NumericStep.Op.LOG, cols, new double[cols.size()], new double[cols.size()]);
        }
        if (s instanceof FeaturesLearned.OneHot x) {
            return OneHot.learned(Boolean.TRUE.equals(x.auto()), x.top() == null ? 0 : x.top(), x.min() == null ? 1 : x.min(),
                    x.columns(), frame);
        }
        throw new RunException("cannot rebuild the `" + stepWord(s) + "` step learned by another engine: only this runtime "
                + "fits it");
    }

    private static String stepWord(FeaturesLearned.Step s) {
        String name = s.getClass().getSimpleName();
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static Object value(String column, Scalar value) {
        if (value == null) {
            throw new RunException("cannot rebuild the fill of `" + column + "`: none was recorded");
        }
        Object v = value.plain();
        if (v instanceof Number || v instanceof String) {
            return v;
        }
        throw new RunException("cannot rebuild the fill of `" + column + "`: " + v);
    }
}
