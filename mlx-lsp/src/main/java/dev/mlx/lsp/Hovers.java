package dev.mlx.lsp;

import dev.mlx.ast.Stmt;
import dev.mlx.catalog.BlockSpec;
import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.FunctionSpec;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.StatementSpec;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.check.Selectors;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.source.SourceFile;
import java.util.List;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover: the word under the position is looked up in what the place expects (so `max_depth` in
 * `xgboost { }` is xgboost's hyperparameter, and `species` after `target` is a column); then, as
 * fallbacks, among the models, the columns and the statement keywords.
 */
final class Hovers {
    private static final Catalog CATALOG = Catalog.get();

    private Hovers() {
    }

    static Hover at(SourceFile file, int offset, Snapshot snap, Facts facts) {
        Place place = Place.at(snap.tokens(), offset);
        if (place.word == null) {
            return null;
        }
        String word = Place.text(place.word);
        String doc = null;
        for (Slot slot : Expect.at(place, facts)) {
            doc = slot.kind() == Slot.Kind.COLUMN_KINDS ? selector(word, facts, place) : lookup(slot, word, facts, file);
            if (doc != null) {
                break;
            }
        }
        if (doc == null) {
            doc = fallback(place, word, facts, file);
        }
        if (doc == null) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, doc), Protocol.range(file, place.word.span()));
    }

    /** A selector's kind word: what the kind picks, and which columns it picked when the file was last checked. */
    private static String selector(String word, Facts facts, Place place) {
        if (Selectors.types(word) == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("**all " + word + "**: every " + Selectors.describe(word)
                .replace(" columns", " column") + " at this point but the id and the target");
        List<String> picked = place.word == null ? null : facts.picked().get(place.word.span().start());
        if (picked != null) {
            sb.append("\n\npicks ").append(picked.size()).append(picked.size() == 1 ? " column" : " columns");
            if (!picked.isEmpty()) {
                int shown = Math.min(picked.size(), 40);
                sb.append(": `").append(String.join("`, `", picked.subList(0, shown))).append('`');
                if (shown < picked.size()) {
                    sb.append(" and ").append(picked.size() - shown).append(" more");
                }
            }
        }
        return sb.toString();
    }

    private static String lookup(Slot slot, String word, Facts facts, SourceFile file) {
        switch (slot.kind()) {
            case BLOCKS -> {
                BlockSpec b = CATALOG.block(word);
                return b == null ? null : Docs.block(b);
            }
            case STATEMENTS -> {
                BlockSpec b = CATALOG.block(slot.arg());
                if (b != null) {
                    for (StatementSpec s : b.statements()) {
                        if (s.keyword().equals(word)) {
                            return Docs.statement(b.keyword(), s);
                        }
                    }
                }
                return null;
            }
            case MODEL_KINDS -> {
                ModelSpec m = CATALOG.model(word);
                return m == null ? null : Docs.model(m);
            }
            case MODEL_NAMES -> {
                return modelName(word, facts);
            }
            case HYPERPARAMS, PARAM_VALUES -> {
                String kind = slot.arg().contains(".") ? slot.arg().substring(0, slot.arg().indexOf('.')) : slot.arg();
                ModelSpec m = CATALOG.model(kind);
                if (m == null) {
                    return null;
                }
                ParamSpec p = slot.kind() == Slot.Kind.HYPERPARAMS ? m.param(word) : m.param(slot.arg().substring(kind.length() + 1));
                return p == null || (slot.kind() == Slot.Kind.PARAM_VALUES && !p.choices().contains(word)) ? null
                        : Docs.param(m, p);
            }
            case METRICS -> {
                MetricSpec m = CATALOG.metric(word);
                return m == null ? null : Docs.metric(m);
            }
            case COLUMNS -> {
                return column(word, facts, file);
            }
            case TRANSFORMS, TRANSFORM_OPTIONS -> {
                TransformSpec t = CATALOG.transform(slot.kind() == Slot.Kind.TRANSFORMS ? word : slot.arg());
                return t == null || (slot.kind() == Slot.Kind.TRANSFORM_OPTIONS && !t.options().containsKey(word))
                        ? null : Docs.transform(t);
            }
            case FUNCTIONS -> {
                FunctionSpec f = CATALOG.function(word);
                return f == null ? null : Docs.function(f);
            }
            default -> {
                return null;
            }
        }
    }

    private static String column(String word, Facts facts, SourceFile file) {
        ColumnProfile c = facts.data() == null ? null : facts.data().column(word);
        Stmt.ColumnDoc doc = facts.described().get(word);
        if (c != null) {
            return Docs.column(c, facts.data(), file.directory(), doc);
        }
        Stmt.Derive d = facts.derived().get(word);
        if (d != null) {
            return "**" + word + "** — derived column (`derive " + word + " = …`)";
        }
        // described but not (yet) bound to the data: still say what it means
        return doc == null ? null : "**" + word + "** — " + Docs.meaning(doc);
    }

    private static String modelName(String word, Facts facts) {
        Stmt.Model m = facts.models().get(word);
        if (m == null || m.kind() == null) {
            return null;
        }
        ModelSpec spec = CATALOG.model(m.kind().text());
        return "model **" + word + "**: `" + m.kind().text() + "`" + (spec == null ? "" : "\n\n---\n\n" + Docs.model(spec));
    }

    private static String fallback(Place place, String word, Facts facts, SourceFile file) {
        String doc = modelName(word, facts);
        if (doc != null) {
            return doc;
        }
        if (place.frame != null && place.frame.kind != Place.Kind.HYPER && place.frame.kind != Place.Kind.TUNE) {
            doc = column(word, facts, file);
            if (doc != null) {
                return doc;
            }
        }
        String block = place.block();
        BlockSpec b = block == null ? null : CATALOG.block(block);
        if (b != null) {
            for (StatementSpec s : b.statements()) {
                if (s.keyword().equals(word) && place.stmt.isEmpty()) {
                    return Docs.statement(b.keyword(), s);
                }
            }
        }
        if (b != null && place.word.kind() == dev.mlx.syntax.Tok.Kind.KEYWORD && !place.stmt.isEmpty()) {
            // An option word (`stratified`, `folds`, `trials`): the statement whose shape it is part of.
            String first = Place.wordOf(place.stmt.get(0));
            for (StatementSpec s : b.statements()) {
                if (s.keyword().equals(first) && List.of(s.shape().split("[^A-Za-z_]+")).contains(word)) {
                    return Docs.statement(b.keyword(), s);
                }
            }
        }
        if (place.frame != null && place.frame.kind == Place.Kind.BODY && place.stmt.isEmpty()) {
            BlockSpec bs = CATALOG.block(word);
            return bs == null ? null : Docs.block(bs);
        }
        MetricSpec m = CATALOG.metric(word);
        return m == null ? null : Docs.metric(m);
    }
}
