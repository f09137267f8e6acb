package dev.mlx.lsp;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** An open document: its current snapshot, its latest analysis, and whether a check is queued. Guarded by itself. */
final class Doc {
    final String uri;
    final Path path;
    Snapshot snapshot;
    Analysis analysis;
    boolean queued;
    boolean open = true;
    /** Completed by the first analysis, so a request right after opening can wait for the data. */
    final CompletableFuture<Void> analysed = new CompletableFuture<>();

    Doc(String uri, Path path, Snapshot snapshot) {
        this.uri = uri;
        this.path = path;
        this.snapshot = snapshot;
    }

    synchronized Snapshot snapshot() {
        return snapshot;
    }

    synchronized Analysis analysis() {
        return analysis;
    }
}
