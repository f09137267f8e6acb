package dev.mlx.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Golden;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {
    @TempDir
    Path project;

    private MojoFixture fixture() throws IOException {
        return new MojoFixture(project);
    }

    @Test
    void aCleanFilePasses() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline; cart { max_depth 4 }"));
        f.configure(new CheckMojo()).execute();
        assertEquals(List.of("[INFO] checked 1 file: no errors, no warnings"), f.log.lines);
    }

    @Test
    void anErrorFailsTheBuildWithTheDiagnosticAsMlxCheckPrintsIt() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline; cart { max_dept 4 }"));
        f.mlx("other.mlx", MojoFixture.iris("other", "baseline"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> f.configure(new CheckMojo()).execute());
        assertEquals("error: 1 error in 1 of 2 files (mlx explain CODE describes each code)", failure.getMessage());
        Golden.assertMatches(Repo.module("src/test/resources/check/error.log"), f.log.text());
    }

    @Test
    void theShortFormatIsOneLinePerDiagnostic() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline; cart { max_dept 4 }"));
        CheckMojo mojo = f.configure(new CheckMojo());
        mojo.format = "short";
        assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(List.of("[ERROR] src/main/mlx/flowers.mlx:4:29: error[MLX0311]: unknown hyperparameter `max_dept` for model `cart`"),
                f.log.lines);
    }

    @Test
    void warningsPassUnlessFailOnWarning() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "cart { max_depth 4 }")); // no baseline: MLX0602
        f.configure(new CheckMojo()).execute();
        assertTrue(f.log.text().contains("[WARNING] warning[MLX0602]"), f.log.text());
        assertTrue(f.log.lines.contains("[WARNING] warning: 1 warning in 1 file"), f.log.text());

        MojoFixture strict = new MojoFixture(project.resolve("strict"));
        strict.mlx("flowers.mlx", MojoFixture.iris("flowers", "cart { max_depth 4 }"));
        CheckMojo mojo = strict.configure(new CheckMojo());
        mojo.failOnWarning = true;
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("error: 1 error in 1 of 1 file (mlx explain CODE describes each code)", failure.getMessage());
        assertTrue(strict.log.text().contains("[ERROR] error[MLX0602]"), strict.log.text());
    }

    @Test
    void paramsAreCheckedAsSetValues() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline"));
        CheckMojo mojo = f.configure(new CheckMojo());
        mojo.params = Map.of("foldz", "3");
        assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(f.log.text().contains("foldz"), f.log.text());
    }

    @Test
    void dataIsReadUnlessNoData() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline").replace("target species", "target specie"));
        assertThrows(MojoFailureException.class, () -> f.configure(new CheckMojo()).execute());
        assertTrue(f.log.text().contains("`specie`"), f.log.text());

        MojoFixture blind = new MojoFixture(project.resolve("blind"));
        blind.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline").replace("target species", "target specie"));
        CheckMojo mojo = blind.configure(new CheckMojo());
        mojo.noData = true;
        mojo.execute();
    }

    @Test
    void skipChecksNothingAndNoFilesIsAChoice() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", "experiment {");
        CheckMojo skipped = f.configure(new CheckMojo());
        skipped.skip = true;
        skipped.execute();
        assertEquals(List.of("[INFO] mlx:check skipped"), f.log.lines);

        CheckMojo elsewhere = f.configure(new CheckMojo());
        elsewhere.sourceDirectory = project.resolve("src/mlx").toFile();
        elsewhere.execute();
        elsewhere.failIfNoFiles = true;
        MojoFailureException failure = assertThrows(MojoFailureException.class, elsewhere::execute);
        assertEquals("no .mlx files in src/mlx", failure.getMessage());
    }

    @Test
    void anUnknownFormatIsRefused() throws Exception {
        MojoFixture f = fixture();
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline"));
        CheckMojo mojo = f.configure(new CheckMojo());
        mojo.format = "json";
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("unknown format `json` (expected human or short)", failure.getMessage());
    }
}
