package dev.mlx.lsp;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Stmt;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.DataProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What completion and hover know about a document beyond the place: the declared task and target,
 * the models by name, the derived columns, and the bound data (from the latest check, which may
 * be a version or two behind the text while the user types).
 *
 * @param models  model name to its declaration (kind and name)
 * @param derived derived column name to its {@code derive} statement
 * @param id      the data's id column, or null
 * @param blocks  the blocks the file already has
 * @param picked  by the offset of a selector's kind word ({@code numeric} in {@code all numeric}),
 *                the columns the checker resolved it to
 * @param described column name to what the data block's {@code describe} says of it (the first, when twice)
 */
record Facts(Task task, Name target, Name id, DataProfile data, Map<String, Stmt.Model> models,
             Map<String, Stmt.Derive> derived, java.util.Set<String> blocks, Map<Integer, List<String>> picked,
             Map<String, Stmt.ColumnDoc> described) {
    Facts {
        described = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(described));
        blocks = java.util.Set.copyOf(blocks);
        picked = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(picked));
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        derived = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(derived));
    }

    static Facts of(ExperimentNode tree, DataProfile data) {
        return of(tree, data, Map.of());
    }

    static Facts of(ExperimentNode tree, DataProfile data, Map<Stmt.Selector, List<String>> selections) {
        Map<Integer, List<String>> picked = new LinkedHashMap<>();
        selections.forEach((sel, columns) -> picked.put(sel.kind().span().start(), columns));
        Task task = null;
        Name target = null;
        Name id = null;
        Map<String, Stmt.Model> models = new LinkedHashMap<>();
        Map<String, Stmt.Derive> derived = new LinkedHashMap<>();
        Map<String, Stmt.ColumnDoc> described = new LinkedHashMap<>();
        java.util.Set<String> blocks = new java.util.HashSet<>();
        if (tree != null) {
            for (dev.mlx.ast.Section s : tree.sections()) {
                if (s.kind() != BlockKind.UNKNOWN) {
                    blocks.add(s.kind().keyword());
                }
            }
            Stmt.Task t = tree.first(BlockKind.SCOPE, Stmt.Task.class);
            task = t == null || t.task() == null ? null : Task.parse(t.task().text());
            Stmt.Target tg = tree.first(BlockKind.SCOPE, Stmt.Target.class);
            target = tg == null ? null : tg.column();
            Stmt.Id idStmt = tree.first(BlockKind.DATA, Stmt.Id.class);
            id = idStmt == null ? null : idStmt.column();
            for (Stmt.Model m : tree.all(BlockKind.MODELS, Stmt.Model.class)) {
                if (m.ref() != null) {
                    models.putIfAbsent(m.ref().text(), m);
                }
            }
            for (Stmt.Derive d : tree.all(BlockKind.FEATURES, Stmt.Derive.class)) {
                if (d.name() != null) {
                    derived.putIfAbsent(d.name().text(), d);
                }
            }
            for (Stmt.Describe d : tree.all(BlockKind.DATA, Stmt.Describe.class)) {
                for (Stmt.ColumnDoc doc : d.docs()) {
                    described.putIfAbsent(doc.column().text(), doc);
                }
            }
        }
        return new Facts(task, target, id, data, models, derived, blocks, picked, described);
    }

    /** The metrics that fit the task (all of them while the task is unknown). */
    List<String> metrics(dev.mlx.catalog.Catalog catalog) {
        return task == null ? List.copyOf(catalog.metrics().keySet()) : catalog.metricsFor(task);
    }

    /** The kind of a model by the name other statements use, or null. */
    String kindOf(String name) {
        Stmt.Model m = models.get(name);
        return m == null || m.kind() == null ? null : m.kind().text();
    }
}
