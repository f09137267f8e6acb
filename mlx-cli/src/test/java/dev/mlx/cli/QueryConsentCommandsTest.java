package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.QueryConsent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the language server runs a file's database query once the user ran {@code mlx check} on
 * that file (docs/lsp.md, "Workspace trust"). The real command records the consent where the
 * server looks ({@link QueryConsent#user()}); {@code mlx run} and {@code mlx compile} run the query
 * too but record nothing: consent is given by the command that exists to look at a file.
 */
class QueryConsentCommandsTest {
    private static final String URL = "jdbc:sqlite:shop.db";
    private static final String QUERY = "select a, y from t";

    private static int mlx(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text, true);
        int exit = Main.run(args, w, w);
        assertTrue(exit == 0, String.join(" ", args) + ": " + text);
        return exit;
    }

    @Test
    void mlxCheckRecordsConsentAndRunOrCompileDoNot(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("shop.db"));
             Statement st = c.createStatement()) {
            st.execute("create table t (a integer, y integer)");
            for (int i = 0; i < 40; i++) {
                st.execute("insert into t values (" + i + ", " + (2 * i + i % 3) + ")");
            }
        }
        Path file = dir.resolve("x.mlx");
        Files.writeString(file, "experiment x {\n  scope { task regression; target y; metric rmse }\n"
                + "  data { source jdbc \"" + URL + "\" query \"" + QUERY + "\"; split holdout 25% seed 1 }\n"
                + "  models { baseline mean }\n  evaluate { holdout; metrics rmse; select best by rmse }\n}\n");
        QueryConsent consent = QueryConsent.user();
        assertFalse(consent.granted(file, URL, QUERY));

        mlx("run", file.toString(), "--out", dir.resolve("out").toString());
        mlx("compile", file.toString(), "-o", dir.resolve("x.jar").toString());
        assertFalse(consent.granted(file, URL, QUERY), "run and compile give no consent");

        mlx("check", file.toString());
        assertTrue(consent.granted(file, URL, QUERY), "mlx check recorded the consent the server reads");
        assertFalse(consent.granted(file, URL, QUERY + " where a > 1"), "for that query only");
        long lines = Files.readAllLines(consent.store()).size();
        mlx("check", file.toString());
        assertEquals(lines, Files.readAllLines(consent.store()).size(), "checking again records nothing new");
    }
}
