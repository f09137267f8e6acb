package dev.mlx.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime bundle that every experiment jar carries (mlx-runtime's shaded closure). The build
 * drops weight from it (whole libraries we never call, and helper classes nothing reaches); this
 * test proves with the JDK's own class-level dependency analysis (jdeps) that no class left in the
 * bundle refers to a class that our dependencies have but the bundle lost, except the deliberate
 * leftovers listed here with the reason each is never loaded.
 */
class RuntimeBundleTest {
    /** Dropped on purpose: the referring classes are never loaded by mlx. */
    private static final Map<String, String> DELIBERATELY_DROPPED = Map.of(
            "com.ibm.icu.", "tech.tablesaw.io.Source guesses charsets for Tablesaw's own readers; mlx reads with its own",
            "org.jline.", "OLCUT's interactive command shell, which Tribuo never starts",
            "org.fusesource.jansi.", "the terminal colours of that same shell",
            "org.objectweb.asm.", "reflectasm, Kryo's optional fast reflection: XGBoost boosters are never Kryo-serialised here",
            "org.eclipse.jetty.ee10.webapp.", "web-application deployment; the server registers its handlers in code",
            "org.eclipse.jetty.ee10.annotations.", "servlet annotation scanning, for web applications only",
            "org.eclipse.jetty.plus.", "JNDI resources for web applications",
            "org.eclipse.jetty.xml.", "Jetty's XML configuration files");

    @TempDir
    Path dir;

    private Path bundle() throws Exception {
        Path jar = dir.resolve("runtime-bundle.jar");
        try (InputStream in = JarBuilder.class.getResourceAsStream(JarBuilder.RUNTIME_BUNDLE)) {
            assertNotNull(in, "the build put no runtime bundle at " + JarBuilder.RUNTIME_BUNDLE);
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }

    @Test
    void holdsTheRuntimeAndNothingOfTheCompiler() throws Exception {
        try (ZipFile zip = new ZipFile(bundle().toFile())) {
            assertNotNull(zip.getEntry("dev/mlx/runtime/Runner.class"), "the runtime is there");
            assertNotNull(zip.getEntry("dev/mlx/catalog/Catalog.class"), "the catalog is there");
            assertNotNull(zip.getEntry("org/tribuo/Model.class"), "Tribuo is there");
            List<String> leaked = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/antlr/") || n.startsWith("org/eclipse/lsp4j/")
                            || n.startsWith("dev/mlx/syntax/") || n.startsWith("dev/mlx/check/")
                            || n.startsWith("dev/mlx/codegen/") || n.startsWith("dev/mlx/cli/")
                            || n.startsWith("dev/mlx/lsp/") || n.startsWith("org/junit/"))
                    .limit(10).toList();
            assertEquals(List.of(), leaked);
        }
    }

    @Test
    void nothingLeftNeedsWhatTheBuildDropped() throws Exception {
        Path jar = bundle();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", "17", "--missing-deps",
                jar.toString());
        assertEquals(0, code, out.toString());
        String report = out.toString();
        assertTrue(report.contains(" -> "), "jdeps listed no dependencies at all:\n" + report);
        TreeSet<String> lost = new TreeSet<>();
        int deliberate = 0;
        for (String line : report.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 3 || !parts[1].equals("->") || !line.startsWith(" ")) {
                continue;
            }
            String from = parts[0];
            String to = parts[2];
            if (!onOurClasspath(to)) {
                continue; // an optional dependency of a library, missing from the full closure too
            }
            if (isAnnotation(to)) {
                continue; // the JVM ignores annotations whose classes are absent
            }
            if (DELIBERATELY_DROPPED.keySet().stream().anyMatch(to::startsWith)) {
                deliberate++;
                continue;
            }
            lost.add(from + " -> " + to);
        }
        assertEquals(new TreeSet<>(), lost, "classes the bundle lost although something in it refers to them");
        assertTrue(deliberate > 0, "the deliberate drops are no longer seen: update DELIBERATELY_DROPPED");
    }

    private static boolean isAnnotation(String className) {
        try {
            return Class.forName(className, false, ClassLoader.getSystemClassLoader()).isAnnotation();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when the class exists among this module's dependencies (which include the runtime's). */
    private static boolean onOurClasspath(String className) {
        String resource = className.replace('.', '/') + ".class";
        return ClassLoader.getSystemClassLoader().getResource(resource) != null;
    }
}
