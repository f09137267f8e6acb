package dev.mlx.lsp;

import dev.mlx.check.DataTrust;
import dev.mlx.check.QueryConsent;
import dev.mlx.source.SourceFile;
import java.nio.file.Path;
import java.util.List;

/**
 * What the server may read for a file merely because an editor opened it, like an editor's
 * workspace trust (docs/lsp.md): data only for files inside the workspace folders the client named,
 * and a database query only once the user ran {@code mlx check} on that file with that query (the
 * consent {@link QueryConsent} records) or turned on the {@code runQueries} setting. CSV files in
 * the workspace are read as before.
 */
final class WorkspaceTrust implements DataTrust {
    /** The setting, in initializationOptions and in the {@code mlx} section of the configuration. */
    static final String RUN_QUERIES = "runQueries";

    private final QueryConsent consent;
    private volatile List<Path> folders = List.of();
    private volatile boolean runQueries;

    WorkspaceTrust(QueryConsent consent) {
        this.consent = consent;
    }

    void folders(List<Path> workspace) {
        this.folders = workspace.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    List<Path> folders() {
        return folders;
    }

    void runQueries(boolean on) {
        this.runQueries = on;
    }

    private boolean inside(Path file) {
        if (file == null) {
            return false;
        }
        Path p = file.toAbsolutePath().normalize();
        return folders.stream().anyMatch(p::startsWith);
    }

    @Override
    public String refuseData(SourceFile file) {
        if (inside(file.path())) {
            return null;
        }
        return folders.isEmpty()
                ? "data not read: the editor opened no workspace folder, and mlx reads data only for files inside one"
                : "data not read: this file is outside the workspace folders, and mlx reads data only for files "
                        + "inside them";
    }

    @Override
    public String refuseQuery(SourceFile file, String url, String query) {
        if (runQueries || consent.granted(file.path(), url, query)) {
            return null;
        }
        return "query not run: mlx runs a file's database query in the editor only after `mlx check "
                + file.path().getFileName() + "` ran it once (or with the setting `mlx." + RUN_QUERIES + "`)";
    }
}
