package dev.mlx.runtime.explain;

import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.models.Predictions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.Prediction;
import org.tribuo.RealInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.field.IdentityProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.provenance.ModelProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The selected classifier seen through the raw columns the user wrote, so that Tribuo's
 * {@code LIMEColumnar} can perturb rows the way a person reads them. Its feature domain is what a
 * Tribuo {@link RowProcessor} makes of a raw row: {@code column@value} for a numeric column (a
 * {@link DoubleFieldProcessor}) and {@code column@level} for a category or true/false column (an
 * {@link IdentityProcessor}, binarised), with the training rows' statistics: mean and variance of
 * the numbers, counts of the levels. Predicting turns such an example back into a raw row (an
 * absent column is a missing value, as in the data) and asks the real model behind its fitted
 * pipeline, so the explanation is of the pipeline and model that were selected.
 *
 * <p>Columns LIME does not perturb here (text, dates) keep the explained row's values: {@link #at}
 * fixes that row. Text is explained by words separately (see {@link Lime}).
 */
final class RawColumns extends Model<Label> {
    private static final long serialVersionUID = 1L;
    static final String VALUE = "value";

    private final transient Predictor predictor;
    /** All input columns of the pipeline, with numeric ones as doubles; one row: the explained row. */
    private final transient Table base;
    private final transient Map<String, String> numeric;
    private final transient Map<String, String> categorical;
    /** The raw columns behind {@link #numeric} and {@link #categorical}, sorted: once, not per prediction. */
    private final transient List<String> numericColumns;
    private final transient List<String> categoricalColumns;
    private final transient ImmutableFeatureMap domain;

    private RawColumns(Predictor predictor, ImmutableFeatureMap domain, ImmutableOutputInfo<Label> outputs,
                       Map<String, String> numeric, Map<String, String> categorical,
                       Table base) {
        super("raw columns of " + predictor.model.getName(), predictor.model.getProvenance(), domain, outputs, true);
        this.predictor = predictor;
        this.domain = domain;
        this.numeric = numeric;
        this.categorical = categorical;
        this.numericColumns = columnsOf(numeric);
        this.categoricalColumns = columnsOf(categorical);
        this.base = base;
    }

    /** The columns LIME perturbs: numeric, category and true/false input columns that are not text. */
    static List<String> perturbable(Predictor p, Table train) {
        List<String> out = new ArrayList<>();
        List<String> text = p.pipeline.textColumns();
        for (String c : p.pipeline.inputColumns()) {
            if (!train.containsColumn(c) || text.contains(c)) {
                continue;
            }
            Column<?> col = train.column(c);
            if (col instanceof NumericColumn<?> || col instanceof StringColumn || col instanceof BooleanColumn) {
                out.add(c);
            }
        }
        return out;
    }

    /** The statistics of {@code columns} over the training rows that have a label (those the model learned from). */
    static List<SamplingStats> stats(Table train, String target, List<String> columns) {
        int n = train.rowCount();
        boolean[] keep = new boolean[n];
        Column<?> labels = target != null && train.containsColumn(target) ? train.column(target) : null;
        for (int i = 0; i < n; i++) {
            keep[i] = labels == null || !labels.isMissing(i);
        }
        List<SamplingStats> out = new ArrayList<>();
        for (String c : columns) {
            Column<?> col = train.column(c);
            if (col instanceof NumericColumn<?> num) {
                // Welford over the non-missing rows
                long count = 0;
                double mean = 0;
                double m2 = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if (keep[i] && !num.isMissing(i)) {
                        double v = num.getDouble(i);
                        count++;
                        double d = v - mean;
                        mean += d / count;
                        m2 += d * (v - mean);
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                out.add(new SamplingStats(c, true, count, mean, count > 1 ? Math.sqrt(m2 / (count - 1)) : 0, min, max, null));
            } else {
                Map<String, Long> seen = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    if (keep[i] && !col.isMissing(i)) {
                        seen.merge(col.getString(i), 1L, Long::sum);
                    }
                }
                out.add(new SamplingStats(c, false, seen.values().stream().mapToLong(Long::longValue).sum(), 0, 0, 0, 0, seen));
            }
        }
        return out;
    }

    /**
     * The view of {@code p} over the columns of {@code stats} (a column with nothing to vary is left
     * out). The model's output domain says how many training rows there were.
     */
    static RawColumns of(Predictor p, List<SamplingStats> stats) {
        @SuppressWarnings("unchecked")
        ImmutableOutputInfo<Label> outputs = (ImmutableOutputInfo<Label>) p.model.getOutputIDInfo();
        long rows = outputs.getTotalObservations();
        MutableFeatureMap levels = new MutableFeatureMap(false);
        List<VariableInfo> infos = new ArrayList<>();
        Map<String, String> numeric = new HashMap<>();
        Map<String, String> categorical = new HashMap<>();
        for (SamplingStats st : stats) {
            String c = st.column();
            if (st.numeric()) {
                if (st.count() == 0 || !(st.sd() > 0)) {
                    continue; // a constant number cannot move a prediction locally (and would divide by zero)
                }
                String name = c + "@" + VALUE;
                double sumSquares = st.sd() * st.sd() * Math.max(1, st.count() - 1);
                infos.add(new RealInfo(name, (int) Math.min(st.count(), rows), st.max(), st.min(), st.mean(), sumSquares));
                numeric.put(name, c);
            } else {
                if (st.levels() == null || st.levels().size() + (st.count() < rows ? 1 : 0) < 2 || st.count() > rows) {
                    continue; // one level and never missing: nothing to perturb
                }
                for (Map.Entry<String, Long> e : st.levels().entrySet()) {
                    String name = c + "@" + e.getKey();
                    for (long k = 0; k < e.getValue(); k++) {
                        levels.add(name, 1.0);
                    }
                    infos.add(levels.get(name));
                    categorical.put(name, c);
                }
            }
        }
        return new RawColumns(p, new ImmutableFeatureMap(infos), outputs, numeric, categorical, null);
    }

    /** The same view with the columns it does not perturb fixed at row {@code row} of {@code table}. */
    RawColumns at(Table table, int row) {
        List<Column<?>> cols = new ArrayList<>();
        for (String c : predictor.pipeline.inputColumns()) {
            if (!table.containsColumn(c)) {
                continue;
            }
            Column<?> col = table.column(c);
            Column<?> one;
            if (col instanceof NumericColumn<?> num) {
                DoubleColumn d = DoubleColumn.create(c, 1);
                if (num.isMissing(row)) {
                    d.setMissing(0);
                } else {
                    d.set(0, num.getDouble(row));
                }
                one = d;
            } else {
                one = col.inRange(row, row + 1);
            }
            cols.add(one);
        }
        return new RawColumns(predictor, domain, getOutputIDInfo(), numeric, categorical,
                Table.create("row", cols));
    }

    /** The explained row as a {@link RowProcessor} reads it: column name to text; missing values left out. */
    Map<String, String> input(List<String> columns) {
        Map<String, String> out = new HashMap<>();
        for (String c : columns) {
            Column<?> col = base.column(c);
            if (!col.isMissing(0)) {
                out.put(c, col instanceof DoubleColumn d ? Double.toString(d.getDouble(0)) : col.getString(0));
            }
        }
        return out;
    }

    /** The row processor that makes this model's features from a raw row (the answer is never read). */
    RowProcessor<Label> rowProcessor(List<String> columns) {
        String target = "__mlx_no_target__";
        Map<String, FieldProcessor> fields = new HashMap<>();
        for (String c : columns) {
            fields.put(c, base.column(c) instanceof DoubleColumn ? new DoubleFieldProcessor(c) : new IdentityProcessor(c));
        }
        return new RowProcessor<>(new FieldResponseProcessor<>(target, "", new LabelFactory()), fields);
    }

    /** The raw column and value a feature of this domain stands for. */
    Pair<String, String> decode(String feature) {
        String c = numeric.get(feature);
        if (c != null) {
            return new Pair<>(c, null);
        }
        c = categorical.get(feature);
        return c == null ? null : new Pair<>(c, feature.substring(c.length() + 1));
    }

    /** The columns this view perturbs (those with something to vary), sorted. */
    List<String> columns() {
        List<String> out = new ArrayList<>(numericColumns);
        out.addAll(categoricalColumns);
        out.sort(null);
        return out;
    }

    /** Whether {@code feature} is a category level (rather than a number) of this domain. */
    boolean isLevel(String feature) {
        return categorical.containsKey(feature);
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return predict(List.of(example)).get(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Prediction<Label>> predict(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        examples.forEach(list::add);
        int n = list.size();
        Table rows = Table.create("rows");
        for (Column<?> c : base.columns()) {
            Column<?> copy = c.emptyCopy();
            for (int i = 0; i < n; i++) {
                appendFrom(copy, c);
            }
            rows.addColumns(copy);
        }
        // every perturbed column starts missing; the example's features fill it in
        for (String c : numericColumns) {
            for (int i = 0; i < n; i++) {
                rows.column(c).setMissing(i);
            }
        }
        for (String c : categoricalColumns) {
            for (int i = 0; i < n; i++) {
                rows.column(c).setMissing(i);
            }
        }
        for (int i = 0; i < n; i++) {
            for (Feature f : list.get(i)) {
                String name = f.getName();
                String nc = numeric.get(name);
                if (nc != null) {
                    ((DoubleColumn) rows.column(nc)).set(i, f.getValue());
                    continue;
                }
                Pair<String, String> cv = categoryOf(name);
                if (cv != null && f.getValue() != 0) {
                    Column<?> col = rows.column(cv.getA());
                    if (col instanceof BooleanColumn b) {
                        b.set(i, Boolean.parseBoolean(cv.getB()));
                    } else {
                        ((StringColumn) col).set(i, cv.getB());
                    }
                }
            }
        }
        FeatureMatrix m = predictor.pipeline.transform(rows);
        List<Example<?>> inner = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inner.add(predictor.example(m, i));
        }
        List<Prediction<Label>> out = new ArrayList<>(n);
        Model<Label> model = (Model<Label>) predictor.model;
        for (Prediction<?> p : Predictions.of(model, (List<Example<Label>>) (List<?>) inner)) {
            out.add((Prediction<Label>) p);
        }
        return out;
    }

    /** A category feature of the domain, or of the explained row (a level training never saw). */
    private Pair<String, String> categoryOf(String name) {
        String c = categorical.get(name);
        if (c != null) {
            return new Pair<>(c, name.substring(c.length() + 1));
        }
        String best = null;
        for (String col : categoricalColumns) {
            if (name.startsWith(col + "@") && (best == null || col.length() > best.length())) {
                best = col;
            }
        }
        return best == null ? null : new Pair<>(best, name.substring(best.length() + 1));
    }

    private static List<String> columnsOf(Map<String, String> features) {
        return features.values().stream().distinct().sorted().toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendFrom(Column copy, Column source) {
        copy.append(source, 0);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected Model<Label> copy(String newName, ModelProvenance newProvenance) {
        return new RawColumns(predictor, domain, getOutputIDInfo(), numeric, categorical, base);
    }
}
