package dev.mlx.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' jars carry the runtime, never the compiler's tools: no language server, no lsp4j. */
class UserJarContentsTest {
    @TempDir
    Path dir;

    @Test
    void noLanguageServerInUsersJars() throws Exception {
        Path jar = dir.resolve("x.jar");
        JarBuilder.write(jar, new JarBuilder.Contents("Main", Map.of(), "Main.java", "class Main {}",
                "experiment x {}", Map.of()));
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertNotNull(jf.getEntry("dev/mlx/runtime/Runner.class"), "the runtime is there");
            List<String> leaked = jf.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("org/eclipse/lsp4j/") || n.startsWith("dev/mlx/lsp/")).limit(5).toList();
            assertEquals(List.of(), leaked);
        }
    }
}
