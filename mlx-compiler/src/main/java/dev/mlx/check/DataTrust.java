package dev.mlx.check;

import dev.mlx.source.SourceFile;

/**
 * Whether the checker may touch a file's data. {@code mlx check} is asked by the user to read it, so
 * it may; the language server checks files merely because an editor opened them, so it reads data
 * only for files in the workspace and runs a database query only once the user agreed to it (see
 * docs/lsp.md). A refusal is a reason the caller shows; the checker then checks without the data.
 */
public interface DataTrust {
    /** Trusts everything: the command line, where the user asked for the check. */
    DataTrust ALL = new DataTrust() {
    };

    /**
     * Why the file's data may not be read at all (CSV or database), or null when it may.
     *
     * @param file the file being checked
     * @return the reason, or null
     */
    default String refuseData(SourceFile file) {
        return null;
    }

    /**
     * Why this query may not be run, or null when it may. Only asked for a URL the runtime's
     * rule ({@link dev.mlx.runtime.data.JdbcSources}) already accepts.
     *
     * @param file the file being checked
     * @param url the JDBC URL as written
     * @param query the query as written
     * @return the reason, or null
     */
    default String refuseQuery(SourceFile file, String url, String query) {
        return null;
    }
}
