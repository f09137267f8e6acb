package dev.mlx.runtime.features;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import it.unimi.dsi.fastutil.doubles.Double2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A fitted features block: the steps with what they learned from the training rows, the raw input
 * columns and the feature names. Serialisable; holds no rows. Safe to use from several threads.
 */
public final class FittedFeatures implements FittedPipeline {
    private static final long serialVersionUID = 1L;

    private final List<FittedStep> steps;
    private final List<String> featureNames;
    private final List<String> inputColumns;
    private final TableReader.Kind[] inputKinds;
    private final String target;
    private final String id;
    private final Task task;

    FittedFeatures(List<FittedStep> steps, List<String> featureNames, List<String> inputColumns,
                   List<TableReader.Kind> inputKinds, String target, String id, Task task) {
        this.steps = new ArrayList<>(steps);
        this.featureNames = List.copyOf(featureNames);
        this.inputColumns = List.copyOf(inputColumns);
        this.inputKinds = inputKinds.toArray(TableReader.Kind[]::new);
        this.target = target;
        this.id = id;
        this.task = task;
    }

    List<FittedStep> steps() {
        return List.copyOf(steps);
    }

    TableReader.Kind[] inputKinds() {
        return inputKinds.clone();
    }

    String target() {
        return target;
    }

    String id() {
        return id;
    }

    Task task() {
        return task;
    }

    @Override
    public FeatureMatrix transform(Table table) {
        int[] rows = rowsWithTarget(table, target, task);
        Frame frame = read(table, inputColumns.toArray(String[]::new), inputKinds, rows);
        for (FittedStep step : steps) {
            step.apply(frame);
        }
        Assembler.Rows sparse = Assembler.rows(frame, rows, featureNames.size());
        int n = frame.rows;
        int[] rowIds = rows;
        if (rowIds == null) {
            rowIds = new int[n];
            for (int i = 0; i < n; i++) {
                rowIds[i] = i;
            }
        }
        boolean hasTarget = target != null && table.containsColumn(target);
        String[] labels = hasTarget && task != Task.REGRESSION ? labels(table.column(target), rows, n) : null;
        double[] targets = hasTarget && task == Task.REGRESSION ? targets(table.column(target), rows, n) : null;
        return new FeatureMatrix(featureNames, sparse.indices(), sparse.values(), labels, targets, rowIds);
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public List<String> inputColumns() {
        return inputColumns;
    }

    @Override
    public List<String> textColumns() {
        List<String> out = new ArrayList<>();
        for (FittedStep s : steps) {
            if (s instanceof TextVectorizer t && inputColumns.contains(t.column()) && !out.contains(t.column())) {
                out.add(t.column());
            }
        }
        return out;
    }

    /**
     * What each step learned, in order, one object per step with at least {@code step} (its kind):
     * means and standard deviations, minima and maxima, imputed values, categories kept with their
     * training counts, bin edges, vocabulary sizes with the most frequent terms. The automatic
     * encoding of categories left at the end appears last, with {@code "auto": true}.
     */
    public List<FeaturesLearned.Step> describe() {
        List<FeaturesLearned.Step> a = new ArrayList<>();
        for (FittedStep s : steps) {
            a.add(s.describe());
        }
        return a;
    }

    /** Rows with a target, or null when all rows have one (or the table has no target). */
    static int[] rowsWithTarget(Table table, String target, Task task) {
        if (target == null || task == Task.CLUSTERING || !table.containsColumn(target)) {
            return null;
        }
        Column<?> column = table.column(target);
        int missing = column.countMissing();
        if (missing == 0) {
            return null;
        }
        int[] rows = new int[column.size() - missing];
        int k = 0;
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    static Frame read(Table table, String[] columns, TableReader.Kind[] kinds, int[] rows) {
        Col[] cols = new Col[columns.length];
        ColumnMath.parallel(columns.length, (long) columns.length * (rows == null ? table.rowCount() : rows.length), c -> cols[c] = TableReader.read(table, columns[c], kinds[c], rows));
        Frame frame = new Frame(rows == null ? table.rowCount() : rows.length);
        for (int c = 0; c < columns.length; c++) {
            frame.add(columns[c], cols[c]);
        }
        return frame;
    }

    private static String[] labels(Column<?> column, int[] rows, int n) {
        String[] labels = new String[n];
        if (column instanceof StringColumn s) {
            for (int i = 0; i < n; i++) {
                String v = s.get(rows == null ? i : rows[i]);
                labels[i] = v.isEmpty() ? null : v;
            }
        } else if (column instanceof BooleanColumn b) {
            for (int i = 0; i < n; i++) {
                int row = rows == null ? i : rows[i];
                labels[i] = b.isMissing(row) ? null : b.get(row) ? "true" : "false";
            }
        } else if (column instanceof NumericColumn<?> num) {
            Double2ObjectOpenHashMap<String> text = new Double2ObjectOpenHashMap<>();
            for (int i = 0; i < n; i++) {
                double v = num.getDouble(rows == null ? i : rows[i]);
                if (!Double.isNaN(v)) {
                    String t = text.get(v);
                    if (t == null) {
                        t = ColumnMath.text(v);
                        text.put(v, t);
                    }
                    labels[i] = t;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                int row = rows == null ? i : rows[i];
                labels[i] = column.isMissing(row) ? null : column.getUnformattedString(row);
            }
        }
        return labels;
    }

    private static double[] targets(Column<?> column, int[] rows, int n) {
        double[] targets = new double[n];
        if (column instanceof NumericColumn<?> num) {
            for (int i = 0; i < n; i++) {
                targets[i] = num.getDouble(rows == null ? i : rows[i]);
            }
            return targets;
        }
        for (int i = 0; i < n; i++) {
            String text = column.getUnformattedString(rows == null ? i : rows[i]);
            try {
                targets[i] = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new RunException("the target `" + column.name() + "` should hold numbers but has `" + text + "`");
            }
        }
        return targets;
    }
}
