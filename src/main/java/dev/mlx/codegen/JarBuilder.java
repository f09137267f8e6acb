package dev.mlx.codegen;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Packs one runnable jar: the generated classes and source, the .mlx file, and the runtime with its
 * dependencies, copied from this process's classpath minus the compiler (which users' jars never
 * need). Service registrations (JDBC drivers) are merged, not overwritten.
 */
public final class JarBuilder {
    public static final String MLX_RESOURCE = "mlx/experiment.mlx";
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L); // 1980-01-01: reproducible jars
    private static final List<String> EXCLUDED = List.of("dev/mlx/syntax/", "dev/mlx/ast/", "dev/mlx/check/",
            "dev/mlx/diag/", "dev/mlx/plan/", "dev/mlx/codegen/", "dev/mlx/cli/", "dev/mlx/lsp/", "dev/mlx/fmt/",
            "dev/mlx/init/", "org/antlr/", "org/eclipse/lsp4j/", "picocli/", "org/junit/", "org/opentest4j/", "org/apiguardian/",
            "com/code_intelligence/", "META-INF/maven/", "META-INF/MANIFEST.MF", "META-INF/INDEX.LIST");

    private JarBuilder() {
    }

    /** Everything that goes into a jar besides the runtime. */
    public record Contents(String mainClass, Map<String, byte[]> classes, String sourcePath, String source,
                           String mlxText, Map<String, String> manifest) {
    }

    public static void write(Path jar, Contents contents) throws IOException {
        Path parent = jar.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".mlx-", ".jar.tmp");
        try {
            Manifest mf = new Manifest();
            Attributes main = mf.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.put(Attributes.Name.MAIN_CLASS, contents.mainClass());
            main.put(new Attributes.Name("Multi-Release"), "true");
            contents.manifest().forEach((k, v) -> main.put(new Attributes.Name(k), v));
            Set<String> seen = new HashSet<>();
            Map<String, StringBuilder> services = new TreeMap<>();
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, mf)) {
                out.setLevel(Deflater.BEST_SPEED);
                seen.add("META-INF/");
                seen.add("META-INF/MANIFEST.MF");
                for (Map.Entry<String, byte[]> c : contents.classes().entrySet()) {
                    put(out, seen, c.getKey().replace('.', '/') + ".class", c.getValue());
                }
                put(out, seen, contents.sourcePath(), contents.source().getBytes(StandardCharsets.UTF_8));
                put(out, seen, MLX_RESOURCE, contents.mlxText().getBytes(StandardCharsets.UTF_8));
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    // Under a test runner the classpath also holds test classes: users' jars never do.
                    if (!entry.isEmpty() && !entry.contains("test-classes") && !entry.endsWith("-tests.jar")) {
                        copy(Path.of(entry), out, seen, services);
                    }
                }
                for (Map.Entry<String, StringBuilder> s : services.entrySet()) {
                    put(out, seen, s.getKey(), s.getValue().toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean excluded(String name) {
        if (name.endsWith(".SF") || name.endsWith(".DSA") || name.endsWith(".RSA") || name.endsWith("module-info.class")) {
            return true;
        }
        for (String prefix : EXCLUDED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(Path entry, JarOutputStream out, Set<String> seen, Map<String, StringBuilder> services)
            throws IOException {
        if (Files.isDirectory(entry)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(entry)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String name = entry.relativize(f).toString().replace(File.separatorChar, '/');
                add(name, Files.readAllBytes(f), out, seen, services);
            }
        } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                List<ZipEntry> entries = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    entries.add(e.nextElement());
                }
                for (ZipEntry z : entries) {
                    if (z.isDirectory() || excluded(z.getName()) || (seen.contains(z.getName())
                            && !z.getName().startsWith("META-INF/services/"))) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(z)) {
                        add(z.getName(), in.readAllBytes(), out, seen, services);
                    }
                }
            }
        }
    }

    private static void add(String name, byte[] bytes, JarOutputStream out, Set<String> seen,
                            Map<String, StringBuilder> services) throws IOException {
        if (excluded(name)) {
            return;
        }
        if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            StringBuilder sb = services.computeIfAbsent(name, k -> new StringBuilder());
            for (String line : text.split("\n")) {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#") && sb.indexOf(l + "\n") < 0) {
                    sb.append(l).append('\n');
                }
            }
            return;
        }
        put(out, seen, name, bytes);
    }

    private static void put(JarOutputStream out, Set<String> seen, String name, byte[] bytes) throws IOException {
        if (!seen.add(name)) {
            return;
        }
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(EPOCH);
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }
}
