package dev.mlx.lsp;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** The outline: the experiment, its blocks, and in each block its statements (models by name). */
final class Outline {
    private Outline() {
    }

    static List<DocumentSymbol> of(SourceFile file, ExperimentNode tree) {
        if (tree == null) {
            return List.of();
        }
        List<DocumentSymbol> blocks = new ArrayList<>();
        for (Section s : tree.sections()) {
            if (s.name() == null) {
                continue;
            }
            List<DocumentSymbol> children = new ArrayList<>();
            for (Stmt st : s.statements()) {
                DocumentSymbol d = statement(file, st);
                if (d != null) {
                    children.add(d);
                }
            }
            String detail = s.body() == null && !s.statements().isEmpty() ? null : s.statements().size() + " statements";
            blocks.add(symbol(file, s.name().text(), detail, SymbolKind.Namespace, s.span(), s.name().span(), children));
        }
        String name = tree.name() == null ? "experiment" : tree.name().text();
        Span sel = tree.name() == null ? tree.span() : tree.name().span();
        return List.of(symbol(file, name, tree.question() == null ? null : tree.question().value(), SymbolKind.Module,
                tree.span(), sel, blocks));
    }

    private static DocumentSymbol statement(SourceFile file, Stmt st) {
        if (st instanceof Stmt.Model m && m.ref() != null) {
            return symbol(file, m.ref().text(), m.kind() == null ? null : m.kind().text(), SymbolKind.Class, m.span(),
                    m.ref().span(), List.of());
        }
        if (st instanceof Stmt.Tune t && t.model() != null) {
            return symbol(file, "tune " + t.model().text(), t.params().size() + " hyperparameters", SymbolKind.Event,
                    t.span(), t.model().span(), List.of());
        }
        if (st instanceof Stmt.Derive d && d.name() != null) {
            return symbol(file, d.name().text(), "derived column", SymbolKind.Variable, d.span(), d.name().span(), List.of());
        }
        if (st instanceof Stmt.Param p && p.name() != null) {
            return symbol(file, "$" + p.name().text(), p.value() == null ? null : file.text(p.value().span()),
                    SymbolKind.Constant, p.span(), p.name().span(), List.of());
        }
        if (st.keyword() == null) {
            return null;
        }
        String keyword = file.text(st.keyword());
        String line = file.text(st.span()).lines().findFirst().orElse("").trim();
        String rest = line.length() > keyword.length() ? line.substring(keyword.length()).trim() : null;
        if (rest != null && rest.length() > 60) {
            rest = rest.substring(0, 57) + "...";
        }
        SymbolKind kind = st instanceof Stmt.Transform ? SymbolKind.Function : SymbolKind.Property;
        return symbol(file, keyword, rest == null || rest.isEmpty() ? null : rest, kind, st.span(), st.keyword(), List.of());
    }

    private static DocumentSymbol symbol(SourceFile file, String name, String detail, SymbolKind kind, Span range,
                                         Span selection, List<DocumentSymbol> children) {
        Span r = clamp(file, range);
        Span sel = clamp(file, selection);
        if (sel.start() < r.start() || sel.end() > r.end()) {
            sel = new Span(r.start(), r.start());
        }
        DocumentSymbol d = new DocumentSymbol(name.isEmpty() ? "?" : name, kind, Protocol.range(file, r),
                Protocol.range(file, sel), detail);
        d.setChildren(children);
        return d;
    }

    private static Span clamp(SourceFile file, Span s) {
        int n = file.text().length();
        return new Span(Math.min(s.start(), n), Math.min(s.end(), n));
    }
}
