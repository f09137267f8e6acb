package dev.mlx.lsp;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Model names: declared in {@code models} ({@code xgboost xgb { }}, or the kind alone as its own
 * name) and used by {@code tune}, {@code abtest ... vs ...}. Definition and references read them
 * from the tree of the current text.
 */
final class ModelRefs {
    private ModelRefs() {
    }

    /** Every use of a model name that is not its declaration. */
    static List<Name> uses(ExperimentNode tree) {
        List<Name> out = new ArrayList<>();
        for (Stmt.Tune t : tree.all(BlockKind.MODELS, Stmt.Tune.class)) {
            add(out, t.model());
        }
        for (Stmt.AbTest a : tree.all(BlockKind.FEEDBACK, Stmt.AbTest.class)) {
            add(out, a.champion());
            add(out, a.challenger());
        }
        return out;
    }

    static List<Name> declarations(ExperimentNode tree) {
        List<Name> out = new ArrayList<>();
        for (Stmt.Model m : tree.all(BlockKind.MODELS, Stmt.Model.class)) {
            add(out, m.ref());
        }
        return out;
    }

    private static void add(List<Name> out, Name n) {
        if (n != null) {
            out.add(n);
        }
    }

    /** The model name at an offset, declaration or use, or null. */
    static String nameAt(ExperimentNode tree, int offset) {
        for (Name n : declarations(tree)) {
            if (n.span().contains(offset)) {
                return n.text();
            }
        }
        for (Name n : uses(tree)) {
            if (n.span().contains(offset)) {
                return n.text();
            }
        }
        return null;
    }

    /** The first declaration of a name (later ones are MLX0207 duplicates), or null. */
    static Name declaration(ExperimentNode tree, String name) {
        for (Name n : declarations(tree)) {
            if (n.text().equals(name)) {
                return n;
            }
        }
        return null;
    }

    static List<Name> references(ExperimentNode tree, String name, boolean includeDeclaration) {
        List<Name> out = new ArrayList<>();
        if (includeDeclaration) {
            Name d = declaration(tree, name);
            if (d != null) {
                out.add(d);
            }
        }
        for (Name n : uses(tree)) {
            if (n.text().equals(name)) {
                out.add(n);
            }
        }
        out.sort((a, b) -> a.span().compareTo(b.span()));
        return out;
    }
}
