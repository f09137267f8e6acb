package dev.mlx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * A compiled experiment jar holds the generated class and the runtime, never a class of the
 * compiler, language-server or command-line modules: the classes those modules build are listed
 * from their own outputs on this test's classpath and looked for in a real compiled example.
 */
class ExperimentJarContentsTest {
    /** The tool's own modules whose classes must stay out of users' jars. */
    private static final List<String> TOOL_MODULES = List.of("mlx-compiler", "mlx-lsp", "mlx-cli");

    @Test
    void noClassOfTheToolModulesInACompiledExample() throws Exception {
        Path dir = Repo.module("target/e2e/jar-contents");
        Files.createDirectories(dir);
        Path jar = CompiledExamplesTest.compile(Path.of("examples/penguins/penguins.mlx"), dir.resolve("penguins.jar"));

        Set<String> toolClasses = toolModuleClasses();
        assertTrue(toolClasses.contains("dev/mlx/check/Checker.class"), "the compiler's classes were found: " + toolClasses.size());
        assertTrue(toolClasses.stream().anyMatch(c -> c.startsWith("dev/mlx/lsp/")), "the language server's classes were found");
        assertTrue(toolClasses.contains("dev/mlx/cli/Main.class"), "the command line's classes were found");

        List<String> leaked = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertNotNull(jf.getManifest().getMainAttributes().getValue("Main-Class"), "the jar runs with java -jar");
            assertNotNull(jf.getEntry("dev/mlx/runtime/Runner.class"), "the runtime is there");
            jf.stream().map(ZipEntry::getName).filter(toolClasses::contains).limit(20).forEach(leaked::add);
            List<String> foreign = jf.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("org/antlr/") || n.startsWith("org/eclipse/lsp4j/") || n.startsWith("org/junit/"))
                    .limit(10).toList();
            assertEquals(List.of(), foreign, "the compiler's libraries stay out too");
        }
        assertEquals(List.of(), leaked);
        // readable by everyone, like any build output (a temporary file's 0600 is not kept)
        if (Files.getFileStore(jar).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)));
        }
        long size = Files.size(jar);
        assertTrue(size < 40L << 20, "a compiled example is " + size + " bytes; bench/README records the target of 35 MB");
    }

    /** Every class file the tool modules build, read from their classes folders or jars on the classpath. */
    private static Set<String> toolModuleClasses() throws IOException {
        Set<String> out = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean tool = TOOL_MODULES.stream().anyMatch(m -> entry.contains(File.separator + m + File.separator));
            if (!tool || entry.contains("test-classes")) {
                continue;
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> out.add(p.relativize(f).toString().replace(File.separatorChar, '/')));
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (ZipFile z = new ZipFile(p.toFile())) {
                    z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(out::add);
                }
            }
        }
        return out;
    }
}
