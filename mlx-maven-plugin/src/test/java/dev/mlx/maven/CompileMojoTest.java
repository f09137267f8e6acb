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

    @Test
    void aJarWhoseInputsDidNotChangeIsLeftAloneAndAChangeWritesItAgain() throws Exception {
        MojoFixture f = new MojoFixture(project);
        f.mlx("flowers.mlx", MojoFixture.iris("flowers", "baseline; cart { max_depth 4 }").replace("cv 3 folds", "cv $folds folds")
                .replace("{\n  scope", "{\n  params { folds = 3 }\n  scope"));
        Path jar = project.resolve("target/mlx/flowers.jar");
        CompileMojo first = f.configure(new CompileMojo());
        first.outputDirectory = jar.getParent().toFile();
        first.execute();
        long written = Files.getLastModifiedTime(jar).toMillis();
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(written - 10_000));

        CompileMojo again = f.configure(new CompileMojo());
        again.outputDirectory = jar.getParent().toFile();
        again.execute();
        assertEquals(written - 10_000, Files.getLastModifiedTime(jar).toMillis(), "an up-to-date jar is not written again");
        assertTrue(f.log.lines.contains("[INFO] target/mlx/flowers.jar is up to date with src/main/mlx/flowers.mlx"), f.log.text());

        CompileMojo changed = f.configure(new CompileMojo());
        changed.outputDirectory = jar.getParent().toFile();
        changed.params = java.util.Map.of("folds", "4"); // compiled into the program: a new jar
        changed.execute();
        assertTrue(Files.getLastModifiedTime(jar).toMillis() > written - 10_000, "a changed parameter writes the jar again");

        CompileMojo forced = f.configure(new CompileMojo());
        forced.outputDirectory = jar.getParent().toFile();
        forced.params = java.util.Map.of("folds", "4");
        forced.incremental = false;
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(written - 20_000));
        forced.execute();
        assertTrue(Files.getLastModifiedTime(jar).toMillis() > written - 20_000, "incremental false always writes");
    }
}
