package dev.mlx.runtime.features;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Fits the features block on training rows. Steps run in order, each learning from the training
 * rows as the previous steps left them; the id column and the target are never features; columns
 * no step mentions pass through (numbers as they are, categories and booleans one-hot encoded).
 * Rows whose target is missing are left out of fitting and of every transformed table (classification
 * and regression). The result holds what was learned, never the training table.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * Fits {@code steps} on the rows of {@code train}. {@code target} (null: none) and {@code id}
     * (null: none) are never features. Throws {@link RunException} for data the steps cannot handle.
     */
    public static FittedFeatures fit(List<Step> steps, Table train, String target, String id, Task task) {
        List<String> columns = new ArrayList<>();
        for (String name : train.columnNames()) {
            if (!name.equals(target) && !name.equals(id)) {
                columns.add(name);
            }
        }
        TableReader.Kind[] kinds = new TableReader.Kind[columns.size()];
        java.util.Map<String, tech.tablesaw.columns.Column<?>> byName = TableReader.byName(train);
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = TableReader.Kind.of(TableReader.column(train, byName, columns.get(c)));
        }
        int[] rows = FittedFeatures.rowsWithTarget(train, target, task);
        if ((rows == null ? train.rowCount() : rows.length) == 0) {
            throw new RunException("there are no training rows to fit the features on");
        }
        Frame frame = FittedFeatures.read(train, columns.toArray(String[]::new), kinds, rows);

        Set<String> raw = new HashSet<>(columns);
        Set<String> needed = new HashSet<>();
        List<FittedStep> fitted = new ArrayList<>();
        for (Step step : steps) {
            List<FittedStep> f = step.accept(new StepFitter(frame));
            if (step instanceof Step.Derive derive) {
                Set<String> refs = new LinkedHashSet<>();
                ((Derive) f.get(0)).references(refs);
                refs.retainAll(raw);
                needed.addAll(refs);
                raw.remove(derive.name());
            } else if (step instanceof Step.Drop) {
                raw.removeAll(step.columns());
            } else {
                for (String c : step.columns()) {
                    if (raw.contains(c)) {
                        needed.add(c);
                    }
                }
            }
            for (FittedStep one : f) {
                one.apply(frame);
                fitted.add(one);
            }
        }
        List<String> leftCategories = new ArrayList<>();
        for (int c = 0; c < frame.size(); c++) {
            if (raw.contains(frame.name(c))) {
                needed.add(frame.name(c));
            }
            if (frame.col(c) instanceof Col.Cat) {
                leftCategories.add(frame.name(c));
            }
        }
        if (!leftCategories.isEmpty()) {
            OneHot auto = OneHot.fit(leftCategories, 0, 1, true, frame);
            auto.apply(frame);
            fitted.add(auto);
        }
        List<String> inputs = new ArrayList<>();
        List<TableReader.Kind> inputKinds = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (needed.contains(columns.get(c))) {
                inputs.add(columns.get(c));
                inputKinds.add(kinds[c]);
            }
        }
        List<String> names = Assembler.names(frame);
        if (new HashSet<>(names).size() != names.size()) {
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (!seen.add(n)) {
                    throw new RunException("two features would both be named `" + n + "`; rename or drop a column");
                }
            }
        }
        return new FittedFeatures(fitted, names, inputs, inputKinds, target, id, task);
    }

    /**
     * Fits one step on the frame as the earlier steps left it. A column named twice in one statement
     * is transformed once.
     */
    private record StepFitter(Frame frame) implements Step.Visitor<List<FittedStep>> {
        private static List<String> distinct(List<String> columns) {
            return List.copyOf(new LinkedHashSet<>(columns));
        }

        @Override
        public List<FittedStep> drop(Step.Drop step) {
            List<String> columns = distinct(step.columns());
            for (String c : columns) {
                frame.get(c, "drop");
            }
            return List.of(new Drop(columns));
        }

        @Override
        public List<FittedStep> derive(Step.Derive step) {
            return List.of(Derive.fit(step.name(), step.expr()));
        }

        @Override
        public List<FittedStep> impute(Step.Impute step) {
            return List.of(Impute.fit(distinct(step.columns()), step.fill(), frame));
        }

        @Override
        public List<FittedStep> scale(Step.Scale step) {
            NumericStep.Op op = switch (step.scaling()) {
                case STANDARDIZE -> NumericStep.Op.STANDARDIZE;
                case NORMALIZE -> NumericStep.Op.NORMALIZE;
            };
            return List.of(NumericStep.fit(op, distinct(step.columns()), 0, 0, frame));
        }

        @Override
        public List<FittedStep> log(Step.Log step) {
            return List.of(NumericStep.fit(NumericStep.Op.LOG, distinct(step.columns()), 0, 0, frame));
        }

        @Override
        public List<FittedStep> clip(Step.Clip step) {
            return List.of(NumericStep.fit(NumericStep.Op.CLIP, distinct(step.columns()), step.lo(), step.hi(), frame));
        }

        @Override
        public List<FittedStep> oneHot(Step.OneHot step) {
            return List.of(OneHot.fit(distinct(step.columns()), step.top(), step.min(), false, frame));
        }

        @Override
        public List<FittedStep> bin(Step.Bin step) {
            return List.of(Bin.fit(distinct(step.columns()), step.into(), frame));
        }

        @Override
        public List<FittedStep> textVector(Step.TextVector step) {
            // one vectorizer per column: each column has its own vocabulary
            List<FittedStep> out = new ArrayList<>();
            for (String column : distinct(step.columns())) {
                out.add(TextVectorizer.fit(step, column, frame));
            }
            return out;
        }

        @Override
        public List<FittedStep> dateParts(Step.DateParts step) {
            return List.of(DateParts.fit(distinct(step.columns()), step.parts()));
        }
    }
}
