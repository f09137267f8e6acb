package dev.mlx.lsp;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Stmt;
import dev.mlx.check.QueryConsent;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The open documents and the one thread that checks them. A change never waits for a check: it
 * replaces the text and queues the document once; a check takes the newest text when it starts, so
 * a burst of keystrokes costs one check after the one already running (the debounce), and
 * diagnostics of a version that was overtaken are never published. An optional quiet period
 * ({@code debounceMs}) delays a check further. A timer notices data files changed on disk.
 */
final class Session {
    /** {@code MLX_LSP_TIMING=1}: one line on stderr per check with its wall and CPU time (bench/lsp.sh reads it). */
    private static final boolean TIMING = "1".equals(System.getenv("MLX_LSP_TIMING"));
    /** Only with {@link #TIMING}: the management classes would cost the server's start otherwise. */
    private static final java.lang.management.ThreadMXBean THREADS = TIMING
            ? java.lang.management.ManagementFactory.getThreadMXBean() : null;
    private final Map<String, Doc> docs = new ConcurrentHashMap<>();
    final ProfileStore profiles = new ProfileStore(8, TimeUnit.MINUTES.toMillis(5));
    /** Which files' data the server reads and which queries it runs (docs/lsp.md, "Workspace trust"). */
    final WorkspaceTrust trust = new WorkspaceTrust(QueryConsent.user());
    private final Analyzer analyzer = new Analyzer(profiles, trust);
    private final ExecutorService checker = Executors.newSingleThreadExecutor(daemon("mlx-lsp-check"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("mlx-lsp-timer"));
    /** Answers requests; not the common pool, which has one thread on a two-core machine. */
    final ExecutorService requests = Executors.newCachedThreadPool(daemon("mlx-lsp-request"));
    private final String version;
    volatile LanguageClient client;
    volatile ExplainLinks links;
    volatile long debounceMillis;

    Session(String version) {
        this.version = version;
        timer.scheduleWithFixedDelay(this::watchData, 1, 1, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static Path pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static Snapshot snapshot(String uri, Path path, int version, String text) {
        return new Snapshot(version, new SourceFile(path != null ? path.toString() : uri, path, text));
    }

    void open(String uri, String text, int version) {
        Path path = pathOf(uri);
        Doc d = new Doc(uri, path, snapshot(uri, path, version, text));
        Doc old = docs.put(uri, d);
        if (old != null) {
            synchronized (old) {
                old.open = false;
            }
        }
        schedule(d);
    }

    void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        Doc d = docs.get(uri);
        if (d == null) {
            return;
        }
        synchronized (d) {
            String text = d.snapshot.text();
            for (TextDocumentContentChangeEvent c : changes) {
                if (c.getRange() == null) {
                    text = c.getText();
                } else {
                    SourceFile f = SourceFile.of("", text);
                    int start = Protocol.offset(f, c.getRange().getStart());
                    int end = Math.max(start, Protocol.offset(f, c.getRange().getEnd()));
                    text = text.substring(0, start) + c.getText() + text.substring(end);
                }
            }
            d.snapshot = snapshot(uri, d.path, version, text);
        }
        schedule(d);
    }

    void close(String uri) {
        Doc d = docs.remove(uri);
        if (d != null) {
            synchronized (d) {
                d.open = false;
            }
            LanguageClient c = client;
            if (c != null) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
        }
    }

    Doc doc(String uri) {
        return docs.get(uri);
    }

    void recheckAll() {
        docs.values().forEach(this::schedule);
    }

    void schedule(Doc d) {
        synchronized (d) {
            if (d.queued || !d.open) {
                return;
            }
            d.queued = true;
        }
        long delay = debounceMillis;
        try {
            if (delay > 0) {
                timer.schedule(() -> checker.execute(() -> check(d)), delay, TimeUnit.MILLISECONDS);
            } else {
                checker.execute(() -> check(d));
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // after shutdown: edits are still accepted, nothing is checked any more
        }
    }

    private void check(Doc d) {
        Snapshot snap;
        Analysis previous;
        synchronized (d) {
            d.queued = false;
            if (!d.open) {
                return;
            }
            snap = d.snapshot;
            previous = d.analysis;
        }
        Analysis a;
        List<Diagnostic> diagnostics;
        long wall = System.nanoTime();
        long cpu = TIMING ? THREADS.getCurrentThreadCpuTime() : 0;
        try {
            a = analyzer.analyze(snap, previous);
            diagnostics = a.diagnostics();
        } catch (RuntimeException | StackOverflowError e) {
            // A bug, not the user's mistake: say so where they look, and keep serving.
            System.err.println("mlx lsp: internal error checking " + d.uri + ": " + e);
            if (System.getenv("MLX_DEBUG") != null) {
                e.printStackTrace();
            }
            a = null;
            diagnostics = List.of(Diagnostic.error(Code.MLX0999, "internal error — please report (mlx " + version + "): " + e)
                    .file(snap.file).build());
        }
        boolean current;
        synchronized (d) {
            if (a != null && (d.analysis == null || d.analysis.version() <= a.version())) {
                d.analysis = a;
            }
            current = d.open && d.snapshot.version == snap.version;
        }
        d.analysed.complete(null);
        if (current) {
            publish(d.uri, snap.version, diagnostics, a == null ? null : withheld(a));
        }
        if (TIMING) {
            System.err.printf(java.util.Locale.ROOT, "mlx lsp: checked %s v%d in %.2f ms (cpu %.2f ms)%s%n", d.uri,
                    snap.version, (System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6,
                    current ? "" : ", overtaken");
        }
    }

    /** Why the data was not read, as information on the data source (or the file's start); null when it was. */
    static org.eclipse.lsp4j.Diagnostic withheld(Analysis a) {
        if (a.dataWithheld() == null) {
            return null;
        }
        Span at = new Span(0, 0);
        if (a.tree() != null) {
            Stmt source = a.tree().first(BlockKind.DATA, Stmt.JdbcSource.class);
            if (source == null) {
                source = a.tree().first(BlockKind.DATA, Stmt.CsvSource.class);
            }
            if (source == null) {
                source = a.tree().first(BlockKind.DATA, Stmt.FileSource.class);
            }
            if (source != null) {
                at = source.span();
            }
        }
        org.eclipse.lsp4j.Diagnostic out = new org.eclipse.lsp4j.Diagnostic(Protocol.range(a.snapshot().file, at),
                a.dataWithheld() + "; columns are not checked against the data", DiagnosticSeverity.Information, "mlx");
        return out;
    }

    private void publish(String uri, int version, List<Diagnostic> diagnostics, org.eclipse.lsp4j.Diagnostic notice) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        ExplainLinks l = links;
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            out.add(Protocol.diagnostic(d, uri, code -> l == null ? null : l.link(code)));
        }
        if (notice != null) {
            out.add(notice);
        }
        c.publishDiagnostics(new PublishDiagnosticsParams(uri, out, version));
    }

    /** Rechecks documents whose data file changed on disk (modification time or size). */
    private void watchData() {
        for (Doc d : docs.values()) {
            Analysis a = d.analysis();
            if (a != null && a.dataFile() != null && !java.util.Objects.equals(dev.mlx.check.DataFiles.stamp(a.dataFile()), a.dataStamp())) {
                schedule(d);
            }
        }
    }

    void close() {
        requests.shutdown();
        timer.shutdownNow();
        checker.shutdownNow();
    }
}
