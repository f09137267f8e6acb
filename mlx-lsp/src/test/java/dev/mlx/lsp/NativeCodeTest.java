package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.check.QueryConsent;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.runtime.data.JdbcSources;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, failure 1: checking a file (or opening it in an editor) loaded a shared library through
 * SQLite's {@code enable_load_extension}. The fixture is a real library, compiled here with gcc,
 * whose constructor writes a marker file; the first test shows it does run when a connection allows
 * extensions, so the others, which assert the marker never appears, can fail.
 */
class NativeCodeTest {
    @TempDir
    Path dir;
    private Path library;
    private Path marker;

    @BeforeEach
    void compileTheLibrary() throws IOException, InterruptedException {
        marker = dir.resolve("constructor-ran");
        Path source = dir.resolve("evil.c");
        Files.writeString(source, """
                #include <stdio.h>
                __attribute__((constructor)) static void evil(void) {
                    FILE *f = fopen(MARKER, "w");
                    if (f) { fputs("ran", f); fclose(f); }
                }
                int sqlite3_extension_init(void *db, char **err, const void *api) { return 0; }
                """, StandardCharsets.UTF_8);
        library = dir.resolve("evil.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(),
                "-DMARKER=\"" + marker + "\"", source.toString()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed: " + output);
    }

    private String issueFile() {
        return "experiment evil {\n  scope {\n    task regression\n    target y\n    metric rmse\n  }\n"
                + "  data {\n    source jdbc \"jdbc:sqlite::memory:?enable_load_extension=true\" query \"select load_extension('"
                + library + "') as z, 1 as y\"\n  }\n  models {\n    baseline mean\n  }\n}\n";
    }

    private List<Diagnostic> check(String text, CheckOptions options) throws IOException {
        Path mlx = dir.resolve("evil.mlx");
        Files.writeString(mlx, text, StandardCharsets.UTF_8);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        Checker.check(file, options, d);
        return d.sorted();
    }

    @Test
    void theFixtureRunsItsConstructorWhenTheDriverAllowsExtensions() throws Exception {
        // A copy: the dynamic loader runs a library's constructor once per file it loads.
        Path copy = Files.copy(library, dir.resolve("sanity.so"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:?enable_load_extension=true");
             Statement st = c.createStatement()) {
            st.executeQuery("select load_extension('" + copy + "')").close();
        }
        assertTrue(Files.exists(marker), "the attack of the issue works against the bare driver");
        Files.delete(marker);
    }

    @Test
    void checkRefusesTheIssuesUrlAndLoadsNothing() throws IOException {
        List<Diagnostic> found = check(issueFile(), new CheckOptions(false, java.util.Map.of(), true,
                dev.mlx.check.ProfileCache.NONE, List.of(), new QueryConsent(dir.resolve("consent")).recording()));
        Diagnostic d = found.stream().filter(x -> x.code() == Code.MLX0411).findFirst().orElseThrow(
                () -> new AssertionError(found.toString()));
        assertTrue(d.message().contains("`enable_load_extension`"), d.message());
        assertFalse(Files.exists(marker), "check ran the library's constructor");
    }

    @Test
    void checkRefusesLoadExtensionInTheQueryOfAnAcceptedUrl() throws IOException {
        for (String call : List.of("load_extension", "LOAD_EXTENSION", "Load_Extension")) {
            String text = issueFile().replace("?enable_load_extension=true", "").replace("load_extension", call);
            List<Diagnostic> found = check(text, CheckOptions.defaults());
            assertTrue(found.stream().anyMatch(x -> x.code() == Code.MLX0411), found.toString());
        }
        assertFalse(Files.exists(marker));
    }

    @Test
    void everySpellingOfTheParameterIsRefused() throws IOException {
        for (String param : List.of("ENABLE_LOAD_EXTENSION=true", " enable_load_extension =1", "open_mode=6",
                "temp_store_directory=/tmp", "date_class=text&enable_load_extension=true")) {
            String text = issueFile().replace("enable_load_extension=true", param);
            List<Diagnostic> found = check(text, CheckOptions.defaults());
            assertTrue(found.stream().anyMatch(x -> x.code() == Code.MLX0411), param + ": " + found);
        }
        assertFalse(Files.exists(marker));
    }

    @Test
    void theConnectionItselfHasExtensionsOff() throws SQLException {
        // Even a query the URL check never saw cannot load the library through this connection.
        try (Connection c = JdbcSources.openReadOnly("jdbc:sqlite::memory:", "select 1");
             Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeQuery("select load_extension('" + library + "')").close());
            assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
            assertThrows(SQLException.class, () -> st.execute("attach database '" + dir.resolve("other.db") + "' as o"),
                    "no ATTACH: the query reads this database only");
        }
        assertFalse(Files.exists(marker));
        assertFalse(Files.exists(dir.resolve("other.db")));
    }

    @Test
    void theLanguageServerNeverLoadsItEvenWhenQueriesAreTrusted() throws IOException {
        Path mlx = dir.resolve("evil.mlx");
        Files.writeString(mlx, issueFile(), StandardCharsets.UTF_8);
        WorkspaceTrust trust = new WorkspaceTrust(new QueryConsent(dir.resolve("consent")));
        trust.folders(List.of(dir));
        for (boolean runQueries : new boolean[] {false, true}) {
            trust.runQueries(runQueries);
            Analysis a = new Analyzer(new ProfileStore(2, 60_000), trust)
                    .analyze(new Snapshot(1, SourceFile.read(mlx)), null);
            assertTrue(a.diagnostics().stream().anyMatch(x -> x.code() == Code.MLX0411), a.diagnostics().toString());
            String clean = issueFile().replace("?enable_load_extension=true", "");
            Files.writeString(mlx, clean, StandardCharsets.UTF_8);
            a = new Analyzer(new ProfileStore(2, 60_000), trust).analyze(new Snapshot(2, SourceFile.read(mlx)), null);
            assertTrue(a.diagnostics().stream().anyMatch(x -> x.code() == Code.MLX0411), a.diagnostics().toString());
            Files.writeString(mlx, issueFile(), StandardCharsets.UTF_8);
        }
        assertFalse(Files.exists(marker), "opening the file in an editor ran the library's constructor");
    }

    @Test
    void postgresqlClassAndFileParametersAreRefusedWithoutConnecting() throws IOException {
        for (String param : List.of("socketFactory=org.example.Evil", "sslfactory=org.example.Evil",
                "sslhostnameverifier=x.Y", "sslpasswordcallback=x.Y", "loggerFile=pg.log",
                "authenticationPluginClassName=x.Y", "connectExecutor=x.Y", "xmlFactoryFactory=x.Y", "service=evil",
                "sslrootcert=/etc/passwd", "readOnly=false", "options=-c%20default_transaction_read_only=off")) {
            String text = issueFile().replace("jdbc:sqlite::memory:?enable_load_extension=true",
                    "jdbc:postgresql://127.0.0.1:1/db?user=mlx&" + param).replaceAll("load_extension\\('[^']*'\\)", "1");
            List<Diagnostic> found = check(text, CheckOptions.defaults());
            String name = param.substring(0, param.indexOf('='));
            assertEquals(1, found.stream().filter(x -> x.code() == Code.MLX0411
                    && x.message().contains("`" + name + "`")).count(), param + ": " + found);
            assertTrue(found.stream().noneMatch(x -> x.code() == Code.MLX0402), "no connection was tried: " + found);
        }
    }
}
