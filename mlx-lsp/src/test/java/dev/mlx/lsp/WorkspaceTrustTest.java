package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.check.QueryConsent;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server's workspace trust: data only for files inside the workspace folders, a
 * database query only after {@code mlx check} ran it (or with the setting), CSV as before.
 */
class WorkspaceTrustTest {
    @TempDir
    Path dir;
    private Path workspace;
    private QueryConsent consent;
    private WorkspaceTrust trust;

    @BeforeEach
    void workspace() throws IOException, SQLException {
        workspace = Files.createDirectories(dir.resolve("project"));
        consent = new QueryConsent(dir.resolve("config").resolve(QueryConsent.FILE));
        trust = new WorkspaceTrust(consent);
        trust.folders(List.of(workspace));
        Files.writeString(workspace.resolve("d.csv"), "a,y\n1,2\n2,4\n3,6\n", StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + workspace.resolve("shop.db"));
             Statement st = c.createStatement()) {
            st.execute("create table t (a integer, y integer)");
            st.execute("insert into t values (1, 2), (2, 4), (3, 6)");
        }
    }

    private static String experiment(String source) {
        return "experiment x {\n  scope {\n    task regression\n    target y\n    metric rmse\n  }\n"
                + "  data {\n    " + source + "\n  }\n  models {\n    baseline mean\n  }\n}\n";
    }

    private static final String JDBC = "source jdbc \"jdbc:sqlite:shop.db\" query \"select a, y from t\"";

    private Analysis analyze(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new Analyzer(new ProfileStore(4, 60_000), trust).analyze(new Snapshot(1, SourceFile.read(file)), null);
    }

    @Test
    void csvInsideTheWorkspaceIsReadAsBefore() throws IOException {
        Analysis a = analyze(workspace.resolve("x.mlx"), experiment("source csv \"d.csv\""));
        assertEquals(List.of("a", "y"), a.data().names());
        assertNull(a.dataWithheld());
        assertNull(Session.withheld(a));
    }

    @Test
    void nothingIsReadForAFileOutsideTheWorkspace() throws IOException {
        Path outside = dir.resolve("elsewhere");
        Files.createDirectories(outside);
        Files.copy(workspace.resolve("d.csv"), outside.resolve("d.csv"));
        Analysis a = analyze(outside.resolve("x.mlx"), experiment("source csv \"d.csv\""));
        assertNull(a.data());
        assertTrue(a.dataWithheld().contains("outside the workspace folders"), a.dataWithheld());
        org.eclipse.lsp4j.Diagnostic notice = Session.withheld(a);
        assertNotNull(notice);
        assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Information, notice.getSeverity());
        assertEquals(7, notice.getRange().getStart().getLine(), "on the source statement");
        trust.folders(List.of());
        assertTrue(analyze(outside.resolve("x.mlx"), experiment("source csv \"d.csv\"")).dataWithheld()
                .contains("no workspace folder"));
    }

    @Test
    void aQueryRunsOnlyAfterMlxCheckRanIt() throws IOException {
        Path file = workspace.resolve("x.mlx");
        Analysis before = analyze(file, experiment(JDBC));
        assertNull(before.data(), "no query before consent");
        assertTrue(before.dataWithheld().contains("mlx check x.mlx"), before.dataWithheld());
        assertTrue(before.diagnostics().stream().noneMatch(d -> d.isError()), before.diagnostics().toString());

        // What `mlx check x.mlx` does: check with the recording trust of the same store.
        SourceFile onDisk = SourceFile.read(file);
        Checker.check(onDisk, new CheckOptions(false, Map.of(), true, ProfileCache.NONE, List.of(), consent.recording()),
                new Diagnostics(onDisk));
        assertTrue(Files.isRegularFile(consent.store()));

        Analysis after = analyze(file, experiment(JDBC));
        assertEquals(List.of("a", "y"), after.data().names());
        assertNull(after.dataWithheld());

        Analysis edited = analyze(file, experiment(JDBC.replace("from t", "from t where a > 1")));
        assertNull(edited.data(), "consent covers the query that was checked, not an edited one");
        assertNotNull(edited.dataWithheld());
    }

    @Test
    void theSettingRunsQueriesWithoutConsent() throws IOException {
        trust.runQueries(true);
        Analysis a = analyze(workspace.resolve("x.mlx"), experiment(JDBC));
        assertEquals(List.of("a", "y"), a.data().names());
        trust.runQueries(false);
        assertNull(analyze(workspace.resolve("x.mlx"), experiment(JDBC)).data());
    }

    @Test
    void theWorkspaceComesFromTheClientsFolders() {
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "project")));
        assertEquals(List.of(workspace), MlxLanguageServer.workspaceFolders(params));
        InitializeParams old = new InitializeParams();
        old.setRootUri(dir.toUri().toString());
        assertEquals(List.of(dir), MlxLanguageServer.workspaceFolders(old));
        assertEquals(List.of(), MlxLanguageServer.workspaceFolders(new InitializeParams()));
    }
}
