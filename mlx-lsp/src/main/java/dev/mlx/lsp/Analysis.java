package dev.mlx.lsp;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.check.CheckResult;
import dev.mlx.check.data.DataProfile;
import dev.mlx.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * The checker's verdict on one version of a document: the diagnostics exactly as {@code mlx check}
 * reports them, the tree (from a brace-repaired copy of the text when a brace is missing, so the
 * outline and the facts survive), the bound data and the data file to watch for changes on disk;
 * {@code dataWithheld} says why the data was not read (workspace trust), null when it was or there is none.
 */
record Analysis(int version, Snapshot snapshot, CheckResult result, List<Diagnostic> diagnostics, ExperimentNode tree,
                DataProfile data, Path dataFile, String dataStamp, String dataWithheld) {
    Analysis {
        diagnostics = List.copyOf(diagnostics);
    }
}
