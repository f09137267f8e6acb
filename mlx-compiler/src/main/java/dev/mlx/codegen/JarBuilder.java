package dev.mlx.codegen;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Packs one runnable jar: the generated classes and source, the .mlx file, and the runtime bundle —
 * mlx-runtime with its whole dependency closure, built by that module and carried here as a resource.
 * What a user's jar holds therefore follows from mlx-runtime's dependencies (an allow-list), never from
 * whatever this process happens to have on its classpath.
 */
public final class JarBuilder {
    public static final String MLX_RESOURCE = "mlx/experiment.mlx";
    /** Where the build puts mlx-runtime's bundle (see mlx-compiler's pom). */
    static final String RUNTIME_BUNDLE = "/dev/mlx/codegen/runtime-bundle.jar";
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L); // 1980-01-01: reproducible jars

    private JarBuilder() {
    }

    /** Everything that goes into a jar besides the runtime. */
    public record Contents(String mainClass, Map<String, byte[]> classes, String sourcePath, String source,
                           String mlxText, Map<String, String> manifest) {
    }

    public static void write(Path jar, Contents contents) throws IOException {
        Path parent = jar.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] generated = generatedPart(contents);
        byte[] runtime = runtimeBundle();
        Path tmp = Files.createTempFile(parent, ".mlx-", ".jar.tmp");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                ZipConcat.write(generated, runtime, file);
            }
            // a temporary file is private (0600); the jar is shared like any build output
            if (Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The manifest (first, as {@code JarInputStream} expects), the generated classes and source, the .mlx text. */
    private static byte[] generatedPart(Contents contents) throws IOException {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, contents.mainClass());
        main.put(new Attributes.Name("Multi-Release"), "true");
        contents.manifest().forEach((k, v) -> main.put(new Attributes.Name(k), v));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> seen = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
            seen.add("META-INF/MANIFEST.MF");
            for (Map.Entry<String, byte[]> c : contents.classes().entrySet()) {
                put(out, seen, c.getKey().replace('.', '/') + ".class", c.getValue());
            }
            put(out, seen, contents.sourcePath(), contents.source().getBytes(StandardCharsets.UTF_8));
            put(out, seen, MLX_RESOURCE, contents.mlxText().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** mlx-runtime with its dependency closure; its services files are already merged by the build. */
    private static byte[] runtimeBundle() throws IOException {
        try (InputStream bundle = JarBuilder.class.getResourceAsStream(RUNTIME_BUNDLE)) {
            if (bundle == null) {
                throw new IllegalStateException("this build of mlx has no runtime bundle (" + RUNTIME_BUNDLE
                        + "): build it with `mvn -B package` from the repository's top folder");
            }
            return bundle.readAllBytes();
        }
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
