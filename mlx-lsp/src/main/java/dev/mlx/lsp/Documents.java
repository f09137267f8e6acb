package dev.mlx.lsp;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Stmt;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Fix;
import dev.mlx.fmt.Formatter;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The text-document requests: each reads the document's current snapshot and its latest analysis. */
final class Documents implements TextDocumentService {
    private final Session session;
    volatile boolean snippets;

    Documents(Session session) {
        this.session = session;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var d = params.getTextDocument();
        session.open(d.getUri(), d.getText(), d.getVersion());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        session.change(params.getTextDocument().getUri(), params.getTextDocument().getVersion(), params.getContentChanges());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        session.close(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        Doc d = session.doc(params.getTextDocument().getUri());
        if (d != null) {
            session.schedule(d);
        }
    }

    /** What a request works on: the current text, and facts from its tree and the latest bound data. */
    private record View(Doc doc, Snapshot snap, Facts facts) {
        SourceFile file() {
            return snap.file;
        }

        ExperimentNode tree() {
            ExperimentNode t = snap.tree();
            Analysis a = doc.analysis();
            return t != null ? t : a != null && a.version() == snap.version ? a.tree() : null;
        }
    }

    private View view(String uri, boolean waitForData) {
        Doc d = session.doc(uri);
        if (d == null) {
            return null;
        }
        if (waitForData) {
            try {
                d.analysed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // answer with what is known now
            }
        }
        Snapshot snap = d.snapshot();
        Analysis a = d.analysis();
        ExperimentNode tree = snap.tree();
        if (tree == null && a != null) {
            tree = a.tree();
        }
        return new View(d, snap, Facts.of(tree, a == null ? null : a.data(),
                a == null || a.result() == null ? Map.of() : a.result().selections()));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            View v = view(params.getTextDocument().getUri(), true);
            if (v == null) {
                return Either.forRight(new CompletionList(false, List.of()));
            }
            int offset = Protocol.offset(v.file(), params.getPosition());
            return Either.forRight(new CompletionList(false, Completions.at(v.file(), offset, v.snap, v.facts, snippets)));
        });
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            View v = view(params.getTextDocument().getUri(), true);
            if (v == null) {
                return null;
            }
            return Hovers.at(v.file(), Protocol.offset(v.file(), params.getPosition()), v.snap, v.facts);
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            List<Location> out = new ArrayList<>();
            View v = view(params.getTextDocument().getUri(), false);
            ExperimentNode tree = v == null ? null : v.tree();
            if (tree != null) {
                int offset = Protocol.offset(v.file(), params.getPosition());
                String model = ModelRefs.nameAt(tree, offset);
                Name target = model == null ? null : ModelRefs.declaration(tree, model);
                if (target == null) {
                    Place place = Place.at(v.snap.tokens(), offset);
                    Stmt.Derive d = place.word == null ? null : v.facts.derived().get(Place.text(place.word));
                    target = d == null ? null : d.name();
                }
                if (target != null) {
                    out.add(new Location(v.doc.uri, Protocol.range(v.file(), target.span())));
                }
            }
            return Either.forLeft(out);
        });
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            List<Location> out = new ArrayList<>();
            View v = view(params.getTextDocument().getUri(), false);
            ExperimentNode tree = v == null ? null : v.tree();
            if (tree != null) {
                String model = ModelRefs.nameAt(tree, Protocol.offset(v.file(), params.getPosition()));
                if (model != null) {
                    boolean decl = params.getContext() == null || params.getContext().isIncludeDeclaration();
                    for (Name n : ModelRefs.references(tree, model, decl)) {
                        out.add(new Location(v.doc.uri, Protocol.range(v.file(), n.span())));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
            View v = view(params.getTextDocument().getUri(), false);
            if (v != null) {
                for (DocumentSymbol s : Outline.of(v.file(), v.tree())) {
                    out.add(Either.forRight(s));
                }
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            View v = view(params.getTextDocument().getUri(), false);
            if (v == null) {
                return List.of();
            }
            Formatter.FormatResult r = Formatter.formatChecked(v.file());
            String text = v.file().text();
            if (!r.ok() || r.text().equals(text)) {
                return List.of(); // syntax errors: left alone, as `mlx fmt` does; the diagnostics say why
            }
            return List.of(new TextEdit(Protocol.range(v.file(), new Span(0, text.length())), r.text()));
        });
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return CompletableFutures.computeAsync(session.requests, cancel -> {
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            Doc d = session.doc(params.getTextDocument().getUri());
            if (d == null) {
                return out;
            }
            Snapshot snap = d.snapshot();
            Analysis a = d.analysis();
            if (a == null || a.version() != snap.version) {
                return out; // fixes of another version would edit the wrong places
            }
            SourceFile file = snap.file;
            int from = Protocol.offset(file, params.getRange().getStart());
            int to = Protocol.offset(file, params.getRange().getEnd());
            for (Diagnostic diag : a.diagnostics()) {
                Span s = diag.span();
                if (diag.fixes().isEmpty() || s == null || s.start() > to || s.end() < from) {
                    continue;
                }
                for (Fix fix : diag.fixes()) {
                    CodeAction action = new CodeAction(fix.title());
                    action.setKind(CodeActionKind.QuickFix);
                    action.setDiagnostics(List.of(Protocol.diagnostic(diag, d.uri,
                            code -> session.links == null ? null : session.links.link(code))));
                    action.setEdit(new WorkspaceEdit(Map.of(d.uri,
                            List.of(new TextEdit(Protocol.range(file, fix.span()), fix.replacement())))));
                    action.setIsPreferred(diag.fixes().size() == 1);
                    out.add(Either.forRight(action));
                }
            }
            return out;
        });
    }
}
