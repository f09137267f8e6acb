package dev.mlx.runtime.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.base.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output tree's promotion and the files written over it: promotions of one folder from many
 * threads at once leave the top of the folder one whole run, the one {@code runs/PROMOTED} and the
 * store name; a file written over a file of the top replaces it and leaves the run folder's bytes as
 * the run wrote them; a file inside a run folder is known as one.
 */
class OutputTreeTest {
    private static final String[] IDS = {"20261207-100000-001", "20261207-100000-002", "20261207-100000-003",
        "20261207-100000-004"};

    /** Four runs whose files differ in name as well as in bytes, so a mix of two shows. */
    private static void runs(Path out) throws Exception {
        for (int r = 0; r < IDS.length; r++) {
            Path run = OutputTree.runFolder(out, IDS[r]);
            Files.createDirectories(run);
            Files.writeString(run.resolve("run.json"), "{\"id\": \"" + IDS[r] + "\"}\n");
            Files.writeString(run.resolve("model.tribuo"), "model of " + IDS[r]);
            Files.writeString(run.resolve("serving.json"), "{\"run\": \"" + IDS[r] + "\"}\n");
            Files.writeString(run.resolve("only-" + r + ".csv"), "rows of " + IDS[r]);
            if (r % 2 == 0) {
                Files.createDirectories(run.resolve("variants"));
                Files.writeString(run.resolve("variants").resolve("v" + r + ".tribuo"), "variant of " + IDS[r]);
            }
        }
    }

    /** The regular files of the top of {@code out}, outside runs/, relative, with their text. */
    private static Map<String, String> top(Path out) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path relative = out.relativize(p);
                if (!relative.getName(0).toString().equals(OutputTree.RUNS)) {
                    files.put(relative.toString(), Files.readString(p));
                }
            }
        }
        return files;
    }

    private static Map<String, String> files(Path run) throws Exception {
        Map<String, String> files = new TreeMap<>();
        for (Path relative : OutputTree.files(run)) {
            files.put(relative.toString(), Files.readString(run.resolve(relative)));
        }
        return files;
    }

    @Test
    void concurrentPromotionsLeaveOneWholeRunThatTheStoreAlsoNames(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        runs(out);
        AtomicReference<String> store = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        String id = IDS[random.nextInt(IDS.length)];
                        OutputTree.promote(out, id, () -> store.set(id));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String promoted = OutputTree.promoted(out);
        assertEquals(store.get(), promoted, "the store and the folder name the same run");
        assertEquals(files(OutputTree.runFolder(out, promoted)), top(out), "the top of the folder is exactly run " + promoted);
        for (Path relative : OutputTree.files(OutputTree.runFolder(out, promoted))) {
            assertTrue(Files.isSameFile(out.resolve(relative), OutputTree.runFolder(out, promoted).resolve(relative)),
                    "linked, not copied: " + relative);
        }
    }

    @Test
    void aFileWrittenOverTheTopLeavesTheRunsBytes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        runs(out);
        OutputTree.promote(out, IDS[1], () -> { });
        Path stored = OutputTree.runFolder(out, IDS[1]).resolve("model.tribuo");
        byte[] before = Files.readAllBytes(stored);
        assertTrue(Files.isSameFile(stored, out.resolve("model.tribuo")), "the top holds a link to the run's file");
        AtomicFiles.writeString(out.resolve("model.tribuo"), "something else");
        assertArrayEquals(before, Files.readAllBytes(stored), "the run's model is as the run wrote it");
        assertEquals("something else", Files.readString(out.resolve("model.tribuo")));
        assertFalse(Files.isSameFile(stored, out.resolve("model.tribuo")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file is left");
        }
    }

    @Test
    void knowsAFileInsideARunFolder() {
        assertEquals(IDS[0], OutputTree.storedRun(Path.of("out", "x", "runs", IDS[0], "predictions.csv")));
        assertEquals(IDS[0], OutputTree.storedRun(Path.of("out", "runs", IDS[0], "variants", "a.tribuo")));
        assertNull(OutputTree.storedRun(Path.of("out", "x", "predictions.csv")));
        assertNull(OutputTree.storedRun(Path.of("out", "x", "runs", "PROMOTED")));
        assertNull(OutputTree.storedRun(Path.of("out", "x", IDS[0], "predictions.csv")), "a run id is a run folder only under runs/");
    }
}
