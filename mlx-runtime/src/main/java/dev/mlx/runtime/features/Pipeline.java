package dev.mlx.runtime.features;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.Task;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = TableReader.Kind.of(train.column(columns.get(c)));
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
            List<FittedStep> f = fitStep(step, frame);
            if (step.kind().equals("derive")) {
                Set<String> refs = new LinkedHashSet<>();
                ((Derive) f.get(0)).references(refs);
                refs.retainAll(raw);
                needed.addAll(refs);
                raw.remove(step.derivedName());
            } else if (step.kind().equals("drop")) {
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
            OneHot auto = OneHot.fit(leftCategories, Map.of(), true, frame);
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

    private static List<FittedStep> fitStep(Step written, Frame frame) {
        // a column named twice in one statement is transformed once
        Step step = new Step(written.kind(), new ArrayList<>(new LinkedHashSet<>(written.columns())),
                written.options(), written.derivedName(), written.expr());
        String kind = step.kind();
        if (kind.equals("drop")) {
            for (String c : step.columns()) {
                frame.get(c, "drop");
            }
            return List.of(new Drop(step.columns()));
        }
        if (kind.equals("derive")) {
            return List.of(Derive.fit(step.derivedName(), step.expr()));
        }
        TransformSpec spec = Catalog.get().transform(kind);
        if (spec == null) {
            throw new RunException("the features block has an unknown step `" + kind + "`");
        }
        Map<String, Object> options = step.options();
        return switch (spec.name()) {
            case "standardize", "normalize", "log", "clip" ->
                    List.of(NumericStep.fit(spec.name(), step.columns(), options, frame));
            case "impute" -> List.of(Impute.fit(step.columns(), options, frame));
            case "onehot" -> List.of(OneHot.fit(step.columns(), options, false, frame));
            case "bin" -> List.of(Bin.fit(step.columns(), options, frame));
            // one vectorizer per column: each column has its own vocabulary
            case "tfidf", "bagofwords" -> step.columns().stream()
                    .map(c -> (FittedStep) TextVectorizer.fit(spec.name(), c, options, frame)).toList();
            case "dateparts" -> List.of(DateParts.fit(step.columns(), options));
            default -> throw new RunException("the feature step `" + kind + "` is not supported by this runtime");
        };
    }
}
