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
    /** DuckDB's JDBC jar, for experiments that read Parquet (see mlx-compiler's pom). */
    static final String PARQUET_READER = "/dev/mlx/codegen/duckdb-driver.jar";
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L); // 1980-01-01: reproducible jars

    private JarBuilder() {
    }

    /**
     * Everything that goes into a jar besides the runtime; {@code parquetReader}: the experiment reads
     * Parquet, so DuckDB's JDBC driver goes in too (it is not in the runtime bundle: see
     * {@code runtime.data.ParquetFiles}).
     */
    public record Contents(String mainClass, Map<String, byte[]> classes, String sourcePath, String source,
                           String mlxText, Map<String, String> manifest, boolean parquetReader) {
        public Contents {
            classes = Map.copyOf(classes);
            manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
        }

        /** A jar without the Parquet reader. */
        public Contents(String mainClass, Map<String, byte[]> classes, String sourcePath, String source,
                        String mlxText, Map<String, String> manifest) {
            this(mainClass, classes, sourcePath, source, mlxText, manifest, false);
        }
    }

    public static void write(Path jar, Contents contents) throws IOException {
        Path parent = jar.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] generated = generatedPart(contents);
        byte[] runtime = resource(RUNTIME_BUNDLE, "runtime bundle");
        Path tmp = Files.createTempFile(parent, ".mlx-", ".jar.tmp");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                if (contents.parquetReader()) {
                    // the driver's entries after the runtime's: its manifest and JDBC services file give way
                    ByteArrayOutputStream first = new ByteArrayOutputStream(runtime.length + (1 << 20));
                    ZipConcat.write(generated, runtime, first);
                    ZipConcat.write(first.toByteArray(), resource(PARQUET_READER, "Parquet reader"), file);
                } else {
                    ZipConcat.write(generated, runtime, file);
                }
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

    /**
     * A jar the build put among this module's resources: mlx-runtime with its dependency closure (its
     * services files already merged by the build), or the Parquet reader.
     */
    private static byte[] resource(String name, String what) throws IOException {
        try (InputStream bundle = JarBuilder.class.getResourceAsStream(name)) {
            if (bundle == null) {
                throw new IllegalStateException("this build of mlx has no " + what + " (" + name
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
