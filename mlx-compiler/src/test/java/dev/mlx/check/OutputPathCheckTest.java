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

/** Issue 15, failure 7: `report` and `export` paths stay in the output folder unless the command line allows more. */
class OutputPathCheckTest {
    @TempDir
    Path dir;

    private List<Diagnostic> check(String report, String export, List<Path> allowOutside) throws IOException {
        Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n2,4\n3,6\n4,8\n5,10\n");
        String text = "experiment x {\n  scope {\n    task regression\n    target y\n    metric rmse\n  }\n"
                + "  data {\n    source csv \"d.csv\"\n  }\n  models {\n    baseline mean\n  }\n"
                + "  deploy {\n    export tribuo \"" + export + "\"\n  }\n"
                + "  report \"" + report + "\"\n}\n";
        Path mlx = dir.resolve("x.mlx");
        Files.writeString(mlx, text);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE, allowOutside), d);
        return d.sorted().stream().filter(x -> x.code() == Code.MLX0412).toList();
    }

    @Test
    void pathsInsideTheOutputFolderAreFine() throws IOException {
        assertEquals(List.of(), check("x.html", "models/x.tribuo", List.of()));
    }

    @Test
    void absoluteAndClimbingPathsAreErrorsAtTheirString() throws IOException {
        String victim = dir.resolve("victim.html").toString();
        List<Diagnostic> found = check(victim, "../../x.tribuo", List.of());
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).message().equals("the export `../../x.tribuo` is outside the run's output folder"),
                found.get(0).message());
        assertTrue(found.get(1).message().equals("the report `" + victim + "` is outside the run's output folder"),
                found.get(1).message());
        assertTrue(found.get(1).helps().get(0).contains("\"victim.html\""), found.get(1).helps().toString());
    }

    @Test
    void theFlagAcceptsAbsolutePathsInsideItsFolder() throws IOException {
        Path shared = dir.resolve("shared");
        assertEquals(List.of(), check(shared.resolve("x.html").toString(), "x.tribuo", List.of(shared)));
        assertEquals(1, check(dir.resolve("x.html").toString(), "x.tribuo", List.of(shared)).size());
        assertEquals(1, check("../shared/x.html", "x.tribuo", List.of(shared)).size(),
                "a relative path never leaves the output folder");
    }
}
