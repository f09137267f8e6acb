package dev.mlx.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The server's lifecycle and capabilities; the work is in {@link Documents} and {@link Session}. */
public final class MlxLanguageServer implements LanguageServer, LanguageClientAware {
    private final String version;
    private final Session session;
    private final Documents documents;
    private volatile boolean shutdown;
    /** Completed with the exit code by {@code exit} (0 after {@code shutdown}, else 1), or when input ends. */
    final CompletableFuture<Integer> exited = new CompletableFuture<>();

    public MlxLanguageServer(String version) {
        this.version = version;
        this.session = new Session(version);
        this.documents = new Documents(session);
    }

    @Override
    public void connect(LanguageClient client) {
        session.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        JsonObject options = params.getInitializationOptions() instanceof JsonObject o ? o : new JsonObject();
        String base = string(options.get("explainBaseUrl"));
        session.links = base != null ? ExplainLinks.hosted(base) : ExplainLinks.local(version);
        JsonElement debounce = options.get("debounceMs");
        if (debounce != null && debounce.isJsonPrimitive() && debounce.getAsJsonPrimitive().isNumber()) {
            session.debounceMillis = Math.max(0, Math.min(5_000, debounce.getAsLong()));
        }
        session.trust.folders(workspaceFolders(params));
        session.trust.runQueries(isTrue(options.get(WorkspaceTrust.RUN_QUERIES)));
        var caps = params.getCapabilities();
        documents.snippets = caps != null && caps.getTextDocument() != null
                && caps.getTextDocument().getCompletion() != null
                && caps.getTextDocument().getCompletion().getCompletionItem() != null
                && Boolean.TRUE.equals(caps.getTextDocument().getCompletion().getCompletionItem().getSnippetSupport());

        ServerCapabilities c = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        c.setTextDocumentSync(sync);
        c.setCompletionProvider(new CompletionOptions(false, List.of(",", "(", "`", ":")));
        c.setHoverProvider(true);
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setDocumentSymbolProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setCodeActionProvider(Either.forRight(new CodeActionOptions(List.of(CodeActionKind.QuickFix))));
        return CompletableFuture.completedFuture(new InitializeResult(c, new ServerInfo("mlx", version)));
    }

    /** The folders the client opened: workspaceFolders, else the older rootUri or rootPath. */
    @SuppressWarnings("deprecation")
    static List<java.nio.file.Path> workspaceFolders(InitializeParams params) {
        List<java.nio.file.Path> out = new java.util.ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (org.eclipse.lsp4j.WorkspaceFolder f : params.getWorkspaceFolders()) {
                java.nio.file.Path p = f == null || f.getUri() == null ? null : Session.pathOf(f.getUri());
                if (p != null) {
                    out.add(p);
                }
            }
        }
        if (out.isEmpty() && params.getRootUri() != null) {
            java.nio.file.Path p = Session.pathOf(params.getRootUri());
            if (p != null) {
                out.add(p);
            }
        }
        if (out.isEmpty() && params.getRootPath() != null && !params.getRootPath().isBlank()) {
            out.add(java.nio.file.Path.of(params.getRootPath()));
        }
        return out;
    }

    private static boolean isTrue(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    private static String string(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        session.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(shutdown ? 0 : 1);
    }

    /** The input ended without {@code exit}: a client that went away. */
    void inputClosed() {
        exited.complete(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(DidChangeConfigurationParams params) {
                // {"mlx": {"runQueries": true}}: the one setting that may change after start-up
                if (params.getSettings() instanceof JsonObject settings && settings.get("mlx") instanceof JsonObject mlx
                        && mlx.has(WorkspaceTrust.RUN_QUERIES)) {
                    session.trust.runQueries(isTrue(mlx.get(WorkspaceTrust.RUN_QUERIES)));
                    session.recheckAll();
                }
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
                session.recheckAll();
            }
        };
    }
}
