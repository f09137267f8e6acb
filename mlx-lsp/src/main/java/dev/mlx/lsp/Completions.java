package dev.mlx.lsp;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Completion items for the slots of a place: catalog words with their docs, and the data's columns. */
final class Completions {
    private static final Catalog CATALOG = Catalog.get();
    /** Statement words of these blocks that are not how a statement starts (functions, operators). */
    private static final Set<String> NOT_STARTS = Set.of("missing", "share", "in", "name", "report", "impute", "clip",
            "log", "standardize", "normalize", "onehot", "bin", "tfidf", "bagofwords", "dateparts");

    private final SourceFile file;
    private final Place place;
    private final Facts facts;
    private final boolean snippets;
    private final Map<String, CompletionItem> items = new LinkedHashMap<>();

    private Completions(SourceFile file, Place place, Facts facts, boolean snippets) {
        this.file = file;
        this.place = place;
        this.facts = facts;
        this.snippets = snippets;
    }

    static List<CompletionItem> at(SourceFile file, int offset, Snapshot snap, Facts facts, boolean snippets) {
        Place place = Place.at(snap.tokens(), offset);
        Completions c = new Completions(file, place, facts, snippets);
        for (Slot slot : Expect.at(place, facts)) {
            c.add(slot);
        }
        return new ArrayList<>(c.items.values());
    }

    private void add(Slot slot) {
        switch (slot.kind()) {
            case EXPERIMENT -> item("experiment", CompletionItemKind.Keyword, "an experiment",
                    "One experiment per file: `experiment NAME \"question\" { blocks }`",
                    "experiment ${1:name} \"${2:question}\" {\n\t$0\n}");
            case BLOCKS -> {
                for (BlockSpec b : CATALOG.blocks().values()) {
                    if (facts.blocks().contains(b.keyword())) {
                        continue; // a second one would be MLX0202
                    }
                    item(b.keyword(), CompletionItemKind.Module, b.required() ? "block (required)" : "block",
                            Docs.block(b), b.keyword().equals("report") ? "report \"${1:out/report.html}\""
                                    : b.keyword() + " {\n\t$0\n}");
                }
            }
            case STATEMENTS -> {
                BlockSpec b = CATALOG.block(slot.arg());
                if (b == null) {
                    return;
                }
                for (StatementSpec s : b.statements()) {
                    if (!NOT_STARTS.contains(s.keyword()) && !items.containsKey(s.keyword())) {
                        item(s.keyword(), CompletionItemKind.Keyword, s.shape(), Docs.statement(b.keyword(), s), null);
                    }
                }
            }
            case MODEL_KINDS -> {
                for (ModelSpec m : CATALOG.models().values()) {
                    if (facts.task() == null || m.tasks().contains(facts.task())) {
                        item(m.kind(), CompletionItemKind.Class, m.title(), Docs.model(m), null);
                    }
                }
            }
            case MODEL_NAMES -> facts.models().forEach((name, m) -> {
                if (name.equals("tune")) {
                    return; // a `tune` still being written reads as a model of that kind
                }
                ModelSpec spec = m.kind() == null ? null : CATALOG.model(m.kind().text());
                item(name, CompletionItemKind.Reference, "model " + (m.kind() == null ? "" : m.kind().text()),
                        spec == null ? null : Docs.model(spec), null);
            });
            case HYPERPARAMS -> {
                ModelSpec m = CATALOG.model(slot.arg());
                if (m == null) {
                    return;
                }
                for (ParamSpec p : m.params()) {
                    if (!place.frame.used.contains(p.name())) {
                        item(p.name(), CompletionItemKind.Property, p.summary(), Docs.param(m, p), null);
                    }
                }
            }
            case PARAM_VALUES -> {
                String[] kp = slot.arg().split("\\.", 2);
                ModelSpec m = CATALOG.model(kp[0]);
                ParamSpec p = m == null || kp.length < 2 ? null : m.param(kp[1]);
                if (p == null) {
                    return;
                }
                List<String> values = p.type() == ParamSpec.Type.BOOL ? List.of("true", "false") : p.choices();
                for (String v : values) {
                    item(v, CompletionItemKind.EnumMember, p.name() + " of " + m.kind(), Docs.param(m, p), null);
                }
            }
            case METRICS -> {
                for (String name : facts.metrics(CATALOG)) {
                    MetricSpec ms = CATALOG.metric(name);
                    item(name, CompletionItemKind.Value, ms.higherIsBetter() ? "metric, higher is better"
                            : "metric, lower is better", Docs.metric(ms), null);
                }
            }
            case COLUMNS -> columns(slot.arg() == null ? null : CATALOG.transform(slot.arg()));
            case TRANSFORMS -> {
                for (TransformSpec t : CATALOG.transforms().values()) {
                    item(t.name(), CompletionItemKind.Function, "transform → " + t.produces(), Docs.transform(t), null);
                }
            }
            case TRANSFORM_OPTIONS -> {
                TransformSpec t = CATALOG.transform(slot.arg());
                if (t != null) {
                    t.options().forEach((k, v) -> item(k, CompletionItemKind.Keyword, v, Docs.transform(t), null));
                }
            }
            case FUNCTIONS -> {
                boolean checks = "checks".equals(slot.arg());
                for (FunctionSpec f : CATALOG.functions().values()) {
                    if (checks ? f.inChecks() : f.inDerive()) {
                        item(f.name(), CompletionItemKind.Function, f.name() + "(" + f.argument() + ")",
                                Docs.function(f), f.name() + "($1)");
                    }
                }
            }
            case CHOICES -> {
                for (String w : CATALOG.choices(slot.arg())) {
                    item(w, CompletionItemKind.EnumMember, slot.arg(), null, null);
                }
            }
            case COLUMN_KINDS -> {
                for (String kind : Selectors.names()) {
                    item(kind, CompletionItemKind.EnumMember, "column kind: " + Selectors.describe(kind),
                            "`all " + kind + "` picks every " + Selectors.describe(kind).replace(" columns", " column")
                                    + " at this point but the id and the target; `except` leaves some out.",
                            null);
                }
            }
            case KEYWORDS -> {
                for (String w : slot.words()) {
                    item(w, CompletionItemKind.Keyword, "keyword", null, null);
                }
            }
            case COLUMN_VALUES -> {
                ColumnProfile c = slot.arg() == null || facts.data() == null ? null : facts.data().column(slot.arg());
                if (c == null) {
                    return;
                }
                for (ColumnProfile.ValueCount vc : c.top()) {
                    String quoted = dev.mlx.fmt.Quoting.str(vc.value());
                    item(quoted, CompletionItemKind.Constant, vc.count() + " rows of `" + c.name() + "`", null, null);
                }
            }
            default -> { }
        }
    }

    /**
     * The data's columns, and the derived ones before this place. After a transform ({@code into}
     * not null), only what it accepts: a column of a type it takes, never the target or the id.
     */
    private void columns(TransformSpec into) {
        String block = place.block();
        if (facts.data() != null) {
            for (ColumnProfile c : facts.data().columns()) {
                if (into != null && (!into.accepts().contains(c.type()) || isNamed(facts.target(), c.name())
                        || isNamed(facts.id(), c.name()))) {
                    continue;
                }
                CompletionItem it = item(quote(c.name()), CompletionItemKind.Field, Docs.columnDetail(c),
                        Docs.column(c, facts.data(), file.directory()), null);
                it.setLabel(c.name());
            }
        }
        if (block != null && !Set.of("data", "checks", "scope", "review").contains(block)) {
            facts.derived().forEach((name, d) -> {
                if (d.span().end() < place.replace.start()) {
                    CompletionItem it = item(quote(name), CompletionItemKind.Variable, "derived column",
                            "**" + name + "** — derived on line " + (file.line(d.span().start()) + 1) + ": `"
                                    + file.text(d.span()).replace("`", "'") + "`", null);
                    it.setLabel(name);
                }
            });
        }
    }

    private static boolean isNamed(dev.mlx.ast.Name name, String column) {
        return name != null && name.text().equals(column);
    }

    /** A column name as it must be written: backticks unless it is a plain name. */
    static String quote(String name) {
        return dev.mlx.fmt.Quoting.name(name);
    }

    private CompletionItem item(String text, CompletionItemKind kind, String detail, String doc, String snippet) {
        CompletionItem it = new CompletionItem(text);
        it.setKind(kind);
        it.setDetail(detail);
        if (doc != null) {
            it.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
        }
        String insert = text;
        if (snippet != null && snippets) {
            insert = snippet;
            it.setInsertTextFormat(InsertTextFormat.Snippet);
        }
        it.setTextEdit(Either.forLeft(new TextEdit(Protocol.range(file, place.replace), insert)));
        it.setFilterText(text);
        it.setSortText(String.format("%04d", items.size()));
        items.putIfAbsent(text, it);
        return items.get(text);
    }
}
