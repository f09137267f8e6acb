package dev.mlx.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the server on a pair of streams until the client says {@code exit} or goes away. */
public final class LanguageServerLauncher {
    private LanguageServerLauncher() {
    }

    /** The exit code: 0 after shutdown and exit, 1 when the client left without shutting down. */
    public static int serve(InputStream in, OutputStream out, String version) throws InterruptedException {
        MlxLanguageServer server = new MlxLanguageServer(version);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        Thread watcher = new Thread(() -> {
            try {
                listening.get();
            } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
                // the stream ended either way
            }
            server.inputClosed();
        }, "mlx-lsp-input");
        watcher.setDaemon(true);
        watcher.start();
        try {
            return server.exited.get();
        } catch (ExecutionException e) {
            return 1;
        }
    }
}
