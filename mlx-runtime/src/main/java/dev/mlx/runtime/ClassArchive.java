package dev.mlx.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive (Java 17's dynamic AppCDS) for the child JVM that {@link HeapSizing}
 * starts: the classes a run loads (Tribuo, Tablesaw, protobuf, the runtime) are parsed, verified and
 * laid out once, by the first run, and mapped from the archive by every later one, which saves about
 * a fifth of a small table's CPU time.
 * <p>
 * The archive lives in the user's cache ({@code $XDG_CACHE_HOME/mlx/cds}, else
 * {@code ~/.cache/mlx/cds}) under a name keyed by the jar (its path, size and modification time) and
 * the JVM (its home and version), so a rebuilt jar or another JDK gets an archive of its own. The
 * first run writes it to a file of its own at exit ({@code -XX:ArchiveClassesAtExit}); the parent
 * moves it into place only after that child ended normally and a JVM has mapped it
 * ({@code -Xshare:on}), because a truncated archive crashes the JVM instead of being ignored. An
 * archive the JVM cannot use (another class path) is skipped without a message. A cache that cannot
 * be written, {@code MLX_CDS=off}, or the user's own sharing options leave the child without one.
 * The cache keeps the {@value #KEEP} archives used last.
 */
final class ClassArchive {
    /** The environment variable that turns the archive off ({@code off}). */
    static final String ENVIRONMENT = "MLX_CDS";
    private static final String SUFFIX = ".jsa";
    /** How many archives the cache keeps. */
    static final int KEEP = 6;

    /** What the child's command line gets, and what to do with the archive once the child has ended. */
    record Plan(List<String> options, Path written, Path archive) {
        Plan {
            options = List.copyOf(options);
        }

        /** Nothing: no archive is used or written. */
        static final Plan NONE = new Plan(List.of(), null, null);
    }

    private ClassArchive() {
    }

    /** The options for a child running {@code jar}, given this JVM's own options; {@link Plan#NONE} when sharing is off. */
    static Plan plan(Path jar, List<String> jvmOptions) {
        if ("off".equalsIgnoreCase(System.getenv(ENVIRONMENT))) {
            return Plan.NONE;
        }
        return plan(jar, jvmOptions, cacheDir());
    }

    /** {@link #plan(Path, List)} with the archives kept in {@code dir} (null: none). */
    static Plan plan(Path jar, List<String> jvmOptions, Path dir) {
        if (dir == null || userSharing(jvmOptions)) {
            return Plan.NONE;
        }
        try {
            Path archive = dir.resolve(key(jar) + SUFFIX);
            if (Files.isRegularFile(archive)) {
                touch(archive); // recently used archives are the ones kept
                return new Plan(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off"),
                        null, archive);
            }
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                return Plan.NONE;
            }
            Path written = dir.resolve(key(jar) + "." + ProcessHandle.current().pid() + ".tmp");
            return new Plan(List.of("-XX:ArchiveClassesAtExit=" + written, "-Xlog:cds=off,cds+dynamic=off"), written, archive);
        } catch (IOException | RuntimeException e) {
            return Plan.NONE; // no cache here: the child runs without an archive
        }
    }

    /**
     * After the child ended with {@code exitCode}: keeps the archive it wrote when it ended normally
     * and the archive maps, else deletes it. Never fails.
     */
    static void finish(Plan plan, Path jar, int exitCode) {
        if (plan.written() == null) {
            return;
        }
        try {
            if (exitCode >= 0 && exitCode < 128 && Files.isRegularFile(plan.written()) && Files.size(plan.written()) > 0
                    && maps(plan.written(), jar)) {
                try {
                    Files.move(plan.written(), plan.archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(plan.written(), plan.archive(), StandardCopyOption.REPLACE_EXISTING);
                }
                prune(plan.archive().getParent());
            }
        } catch (IOException | RuntimeException e) {
            // the next run tries again
        } finally {
            try {
                Files.deleteIfExists(plan.written());
            } catch (IOException e) {
                // a stray file in the cache; the next run's name is different
            }
        }
    }

    /**
     * Whether a JVM with the jar on its class path starts with the archive required ({@code -Xshare:on}).
     * A JVM that fails to map it aborts; its crash report goes into the cache folder and is deleted.
     */
    static boolean maps(Path archive, Path jar) {
        Path crash = archive.resolveSibling(archive.getFileName() + ".crash.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:on");
        command.add("-XX:SharedArchiveFile=" + archive);
        command.add("-Xlog:disable");
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-XX:ErrorFile=" + crash);
        command.add("-cp");
        command.add(jar.toString());
        command.add("-version");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(crash);
            } catch (IOException e) {
                // left in the cache folder
            }
        }
    }

    /**
     * Keeps the {@value #KEEP} most recently used archives of the folder (each is tens of MB, and
     * every rebuilt jar makes a new one) and deletes files left by runs that were stopped over a day ago.
     */
    static void prune(Path dir) {
        try (var files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>();
            long dayAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    archives.add(f);
                } else if (name.endsWith(".tmp") && Files.getLastModifiedTime(f).toMillis() < dayAgo) {
                    Files.deleteIfExists(f);
                }
            }
            archives.sort(java.util.Comparator.comparingLong(ClassArchive::modified).reversed()
                    .thenComparing(Path::toString));
            for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // pruning is best effort
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // a read-only cache still serves its archive
        }
    }

    /** Options by which the user already chose how classes are shared. */
    static boolean userSharing(List<String> jvmOptions) {
        for (String o : jvmOptions) {
            if (o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit")
                    || o.startsWith("-XX:SharedClassListFile") || o.startsWith("-XX:DumpLoadedClassList")) {
                return true;
            }
        }
        return false;
    }

    /** The archive's name: a digest of the jar's path, size and modification time and of the JVM. */
    static String key(Path jar) throws IOException {
        Path real = jar.toRealPath();
        String identity = real + "\n" + Files.size(real) + "\n" + Files.getLastModifiedTime(real).toMillis() + "\n"
                + System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            String name = real.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return name + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The per-user cache folder for archives, or null when the user has no home to keep one in. */
    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "mlx", "cds");
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return null;
        }
        return Path.of(home, ".cache", "mlx", "cds");
    }
}
