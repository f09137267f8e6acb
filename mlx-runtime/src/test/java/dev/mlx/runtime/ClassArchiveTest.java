package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive of a relaunched jar: written by the first child, kept only when that
 * child ended normally and the archive maps, used by the next child, and never a crash when it is bad.
 */
class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theFirstChildWritesTheArchiveAndTheNextOneUsesIt() throws Exception {
        Path jar = jar();
        Path cache = dir.resolve("cache");
        ClassArchive.Plan first = ClassArchive.plan(jar, List.of(), cache);
        assertNotNull(first.written(), "no archive yet: the child writes one");
        assertTrue(first.options().contains("-XX:ArchiveClassesAtExit=" + first.written()), first.options().toString());

        assertEquals(0, java(first.options(), jar));
        ClassArchive.finish(first, jar, 0);
        assertTrue(Files.isRegularFile(first.archive()), "kept after a normal exit");
        assertFalse(Files.exists(first.written()));

        ClassArchive.Plan second = ClassArchive.plan(jar, List.of(), cache);
        assertNull(second.written(), "the archive exists: nothing is written");
        assertTrue(second.options().contains("-XX:SharedArchiveFile=" + first.archive()), second.options().toString());
        assertEquals(0, java(second.options(), jar), "the child starts with the archive");
    }

    @Test
    void aTruncatedArchiveOrAStoppedChildLeavesNothingBehind() throws Exception {
        Path jar = jar();
        Path cache = dir.resolve("cache");
        ClassArchive.Plan plan = ClassArchive.plan(jar, List.of(), cache);
        assertEquals(0, java(plan.options(), jar));
        byte[] whole = Files.readAllBytes(plan.written());
        Files.delete(plan.written()); // the JVM writes it read-only
        Files.write(plan.written(), java.util.Arrays.copyOf(whole, whole.length / 3));
        ClassArchive.finish(plan, jar, 0);
        assertFalse(Files.exists(plan.archive()), "a truncated archive would crash every later run");
        assertFalse(Files.exists(plan.written()));

        assertEquals(0, java(plan.options(), jar));
        ClassArchive.finish(plan, jar, 143); // stopped by a signal while it may have been writing
        assertFalse(Files.exists(plan.archive()));
        assertFalse(Files.exists(plan.written()));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(), left.toList(), "no crash report or temporary file stays in the cache");
        }
    }

    @Test
    void theUsersOwnSharingOptionsOrNoCacheMeanNoArchive() throws IOException {
        Path jar = jar();
        assertEquals(ClassArchive.Plan.NONE, ClassArchive.plan(jar, List.of("-Xshare:off"), dir.resolve("c")));
        assertEquals(ClassArchive.Plan.NONE, ClassArchive.plan(jar, List.of("-XX:SharedArchiveFile=x.jsa"), dir.resolve("c")));
        assertEquals(ClassArchive.Plan.NONE, ClassArchive.plan(jar, List.of(), null));
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertEquals(ClassArchive.Plan.NONE, ClassArchive.plan(jar, List.of(), file.resolve("cds")),
                "a cache that cannot be made is no error");
    }

    @Test
    void anotherJarOrARebuiltJarGetsAnotherArchive() throws IOException {
        Path jar = jar();
        String key = ClassArchive.key(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertFalse(key.equals(ClassArchive.key(jar)), "a rebuilt jar");
        Path other = Files.copy(jar, dir.resolve("other.jar"));
        assertFalse(ClassArchive.key(jar).equals(ClassArchive.key(other)));
        assertTrue(key.startsWith("tiny.jar-"), key);
    }

    @Test
    void theCacheKeepsTheArchivesUsedLast() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        long now = System.currentTimeMillis();
        for (int i = 0; i < ClassArchive.KEEP + 3; i++) {
            Path a = Files.writeString(cache.resolve("a" + i + ".jsa"), "x");
            Files.setLastModifiedTime(a, FileTime.fromMillis(now - i * 60_000L));
        }
        Path stale = Files.writeString(cache.resolve("b.123.tmp"), "x");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(now - TimeUnit.DAYS.toMillis(2)));
        Path running = Files.writeString(cache.resolve("b.124.tmp"), "x");
        ClassArchive.prune(cache);
        for (int i = 0; i < ClassArchive.KEEP + 3; i++) {
            assertEquals(i < ClassArchive.KEEP, Files.exists(cache.resolve("a" + i + ".jsa")), "archive " + i);
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(running), "another run may still be writing it");
    }

    /** An empty jar: what the class path needs for an archive, without compiling anything. */
    private Path jar() throws IOException {
        Path jar = dir.resolve("tiny.jar");
        if (!Files.exists(jar)) {
            Manifest m = new Manifest();
            m.getMainAttributes().putValue("Manifest-Version", "1.0");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
                j.flush();
            }
        }
        return jar;
    }

    /** A JVM with the options and the jar on its class path that prints its version (and loads classes). */
    private int java(List<String> options, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), "-version"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the JVM hung");
        return p.exitValue();
    }
}
