package dev.mlx.maven;

import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.codegen.SourceGenerator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a compiled jar is made of, as one digest, so {@code mlx:compile} can leave a jar that is up to
 * date alone: the generated program (which holds the whole plan, data types included, and is
 * byte-identical for the same input), the .mlx text, the folder data paths resolve against, and the
 * compiler with its runtime bundle (the mlx version and the jar or folder it was loaded from). The
 * digest is kept beside the jar as {@code .NAME.jar.inputs}, with the jar's size, so a jar changed or
 * replaced by hand is written again.
 */
final class JarInputs {
    private JarInputs() {
    }

    static String digest(SourceGenerator.Generated generated, String mlxText, Path baseDir, String version) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : new String[] {version, toolchain(), baseDir.toAbsolutePath().normalize().toString(),
                generated.qualifiedName(), generated.source(), mlxText}) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** True when the jar is there, as big as when it was written, from the same inputs. */
    static boolean upToDate(Path jar, String digest) {
        try {
            return Files.isRegularFile(jar) && Files.readString(stamp(jar)).equals(line(jar, digest));
        } catch (IOException e) {
            return false;
        }
    }

    static void record(Path jar, String digest) throws IOException {
        Files.writeString(stamp(jar), line(jar, digest));
    }

    static Path stamp(Path jar) {
        return jar.resolveSibling("." + jar.getFileName() + ".inputs");
    }

    private static String line(Path jar, String digest) throws IOException {
        return digest + " " + Files.size(jar) + "\n";
    }

    /** The compiler's jar (or classes folder, with its runtime bundle) by size and time: a rebuilt mlx compiles again. */
    private static String toolchain() {
        try {
            Path where = Path.of(ExperimentCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path file = Files.isDirectory(where) ? where.resolve("dev/mlx/codegen/runtime-bundle.jar") : where;
            return file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown " + System.nanoTime(); // unknown: never up to date
        }
    }
}
