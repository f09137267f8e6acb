package dev.mlx.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: the feedback store's URL answers to the data sources' JDBC rule (MLX0411), at the refused parameter. */
class StoreUrlCheckTest {
    @TempDir
    Path dir;

    private String text;

    private List<Diagnostic> check(String store) throws IOException {
        Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n2,4\n3,6\n4,8\n5,10\n");
        text = "experiment x {\n  scope {\n    task regression\n    target y\n    metric rmse\n  }\n"
                + "  data {\n    source csv \"d.csv\"\n  }\n  models {\n    baseline mean\n  }\n"
                + "  feedback {\n    " + store + "\n  }\n}\n";
        Path mlx = dir.resolve("x.mlx");
        Files.writeString(mlx, text);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE), d);
        return d.sorted().stream().filter(Diagnostic::isError).toList();
    }

    private String underlined(Diagnostic d) {
        return text.substring(d.span().start(), d.span().end());
    }

    @Test
    void storesWithAcceptedUrlsCheckClean() throws IOException {
        assertEquals(List.of(), check("store sqlite \"logs/feedback.db\""));
        assertEquals(List.of(), check("store sqlite \"feedback.db?busy_timeout=5000\""));
        assertEquals(List.of(), check("store jdbc \"jdbc:postgresql://db.example/mlx?user=mlx&sslmode=require\""));
    }

    @Test
    void aSqliteStoreThatWouldLoadExtensionsIsRefusedAtTheParameter() throws IOException {
        List<Diagnostic> found = check("store sqlite \"feedback.db?enable_load_extension=true\"");
        assertEquals(1, found.size(), found.toString());
        assertEquals(Code.MLX0411, found.get(0).code());
        assertEquals("the URL parameter `enable_load_extension` is not accepted for `jdbc:sqlite:` feedback stores",
                found.get(0).message());
        assertEquals("enable_load_extension", underlined(found.get(0)));
        assertTrue(found.get(0).helps().get(0).startsWith("accepted: busy_timeout"), found.get(0).helps().toString());

        List<Diagnostic> asUrl = check("store jdbc \"jdbc:sqlite:fb.db?enable_load_extension=true\"");
        assertEquals(1, asUrl.size(), asUrl.toString());
        assertEquals("enable_load_extension", underlined(asUrl.get(0)));
    }

    @Test
    void aPostgresqlStoreWithASocketFactoryIsRefusedAtTheParameter() throws IOException {
        List<Diagnostic> found = check("store jdbc \"jdbc:postgresql://localhost/mlx?socketFactory=org.example.Evil\"");
        assertEquals(1, found.size(), found.toString());
        assertEquals(Code.MLX0411, found.get(0).code());
        assertEquals("socketFactory", underlined(found.get(0)));
        assertTrue(found.get(0).message().contains("`jdbc:postgresql:` feedback stores"), found.get(0).message());

        List<Diagnostic> other = check("store jdbc \"jdbc:h2:mem:feedback\"");
        assertEquals(1, other.size(), other.toString());
        assertEquals("mlx keeps feedback in SQLite or PostgreSQL only, not `jdbc:h2:`", other.get(0).message());
    }
}
