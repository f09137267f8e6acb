package dev.mlx.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileMojoTest {
    @TempDir
    Path project;

    @Test
    void eachCleanExperimentBecomesItsJarAndABrokenOneFailsTheBuild() throws Exception {
        MojoFixture f = new MojoFixture(project);
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline; cart { max_depth 4 }"));
        f.mlx("petals.mlx", MojoFixture.iris("petals", "baseline; cart { max_dept 4 }"));
        f.mlx("same-name.mlx", MojoFixture.iris("flowers", "baseline"));
        CompileMojo mojo = f.configure(new CompileMojo());
        mojo.outputDirectory = project.resolve("target/mlx").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("error: 1 error; 2 of 3 files not compiled", failure.getMessage());

        Path jar = project.resolve("target/mlx/flowers.jar");
        try (JarFile written = new JarFile(jar.toFile())) {
            assertEquals("flowers", written.getManifest().getMainAttributes().getValue("Mlx-Experiment"));
            assertEquals(project.resolve("src/main/mlx").toString(),
                    written.getManifest().getMainAttributes().getValue("Mlx-Base-Dir"));
        }
        assertFalse(Files.exists(project.resolve("target/mlx/petals.jar")));
        String log = f.log.text();
        assertTrue(log.contains("[INFO] compiled src/main/mlx/flowers.mlx -> target/mlx/flowers.jar"), log);
        assertTrue(log.contains("[ERROR] error[MLX0311]: unknown hyperparameter `max_dept` for model `cart`"), log);
        assertTrue(log.contains("[ERROR] src/main/mlx/same-name.mlx: experiment `flowers` is also the name of "
                + "src/main/mlx/flowers.mlx, and both would be flowers.jar; rename one of them"), log);
    }
}
