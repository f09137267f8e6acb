package dev.mlx.runtime.history;

import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The output tree of an experiment (docs/run-json.md, "Where outputs live"). In the output folder
 * {@code DIR}:
 * <ul>
 *   <li>{@code runs/ID/} holds what run {@code ID} wrote (run.json, report.html, the models and their
 *       pipelines, serving.json, predictions.csv, and the files the {@code .mlx} names), never changed
 *       afterwards;</li>
 *   <li>the top of {@code DIR} holds the promoted run's files, as hard links to its folder (copies
 *       where the file system has no links), which {@code serve}, {@code predict}, {@code report} and
 *       {@code retrain} read and add to as before; {@code runs/PROMOTED} names that run;</li>
 *   <li>{@code runs.db} is the tracking store ({@link RunStore}).</li>
 * </ul>
 * A run that reaches a status is promoted, whatever the status (a failed run's folder has no model,
 * so nothing stale is served); a run that stops on an error is recorded but not promoted, so the
 * top of the folder keeps the last complete run.
 */
public final class OutputTree {
    /** The folder of the run folders, in the output folder. */
    public static final String RUNS = "runs";
    /** The file in {@link #RUNS} that names the promoted run. */
    public static final String PROMOTED = "PROMOTED";
    /**
     * The top-level files of a run's output before run folders existed; cleared when a run is promoted
     * so a folder written by an older mlx does not keep files the new run did not write.
     */
    private static final List<String> LEGACY = List.of("run.json", "model.tribuo", "model.tribuo.pipeline", "predictions.csv",
            "provenance.json", "serving.json", "report.html");
    /** What later commands keep at the top of the output folder, which promotion leaves alone. */
    private static final List<String> KEPT = List.of(RUNS, RunStore.FILE, RunStore.FILE + "-journal", RunStore.FILE + "-wal",
            RunStore.FILE + "-shm", "retrain", "feedback.json", "bench.json");

    /** The lock file in {@link #RUNS} that promotions of one output folder take in turn. */
    public static final String LOCK = "LOCK";
    private static final String SERVING = "serving.json";
    /** The promotions of this process by output folder: a file lock is held by a process, not a thread. */
    private static final ConcurrentHashMap<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private OutputTree() {
    }

    /** The folder of run {@code id}. */
    public static Path runFolder(Path outDir, String id) {
        return outDir.resolve(RUNS).resolve(id);
    }

    /** The id of the promoted run, or null when no run was promoted here. */
    public static String promoted(Path outDir) {
        Path pointer = outDir.resolve(RUNS).resolve(PROMOTED);
        try {
            if (Files.isRegularFile(pointer)) {
                String id = Files.readString(pointer, StandardCharsets.UTF_8).strip();
                return RunIds.isId(id) ? id : null;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** What is done while the output folder is locked. */
    public interface Locked {
        void run() throws IOException;
    }

    /**
     * Runs {@code work} while no other promotion of {@code outDir} runs, in this process or another:
     * a lock on {@code runs/LOCK} (which the file system releases when a process dies), and, since
     * that lock belongs to the whole process, a lock per folder for the threads of this one.
     */
    public static void locked(Path outDir, Locked work) throws IOException {
        Path runs = outDir.resolve(RUNS);
        Files.createDirectories(runs);
        ReentrantLock threads = THREADS.computeIfAbsent(runs.toAbsolutePath().normalize(), k -> new ReentrantLock());
        threads.lock();
        try (FileChannel channel = FileChannel.open(runs.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            work.run();
        } finally {
            threads.unlock();
        }
    }

    /**
     * Makes run {@code id} the promoted one, as one step that no other promotion of the folder
     * interleaves with ({@link #locked}): the top of {@code outDir} loses the files of the run
     * promoted before (and the files of a folder from before run folders) and gets this run's files,
     * linked, {@code serving.json} last; {@code runs/PROMOTED} names it; then {@code recorded} runs
     * (the tracking store marks it), so the store and the folder name the same run.
     */
    public static void promote(Path outDir, String id, Runnable recorded) {
        try {
            locked(outDir, () -> {
                promoteFiles(outDir, id);
                recorded.run();
            });
        } catch (IOException e) {
            throw new RunException("cannot make run " + id + " the current one in " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static void promoteFiles(Path outDir, String id) throws IOException {
        Path run = runFolder(outDir, id);
        String before = promoted(outDir);
        List<Path> old = new ArrayList<>();
        if (before != null && Files.isDirectory(runFolder(outDir, before))) {
            old.addAll(files(runFolder(outDir, before)));
        }
        LEGACY.forEach(name -> old.add(Path.of(name)));
        old.add(Path.of("variants"));
        for (Path relative : old) {
            if (!KEPT.contains(relative.getName(0).toString())) {
                delete(outDir.resolve(relative));
            }
        }
        List<Path> linked = new ArrayList<>(files(run));
        // a server that reloads on serving.json finds every file it names already in place
        linked.sort(Comparator.comparing((Path p) -> p.toString().equals(SERVING)));
        for (Path relative : linked) {
            Path top = outDir.resolve(relative);
            Files.createDirectories(top.toAbsolutePath().getParent());
            Files.deleteIfExists(top);
            link(top, run.resolve(relative));
        }
        Path pointer = outDir.resolve(RUNS).resolve(PROMOTED);
        Path tmp = pointer.resolveSibling(PROMOTED + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The id of the run whose folder holds {@code file} ({@code .../runs/ID/...}), or null: a
     * command that writes a file the user names refuses one there, since a run folder keeps what its
     * run wrote.
     */
    public static String storedRun(Path file) {
        Path p = file.toAbsolutePath().normalize();
        for (Path folder = p.getParent(); folder != null && folder.getParent() != null; folder = folder.getParent()) {
            Path name = folder.getFileName();
            if (name != null && RunIds.isId(name.toString()) && folder.getParent().getFileName() != null
                    && folder.getParent().getFileName().toString().equals(RUNS)) {
                return name.toString();
            }
        }
        return null;
    }

    /** Deletes a run's folder (prune). */
    public static void deleteRun(Path outDir, String id) {
        try {
            delete(runFolder(outDir, id));
        } catch (IOException e) {
            throw new RunException("cannot delete " + runFolder(outDir, id) + ": " + e.getMessage(), e);
        }
    }

    /** The regular files under {@code folder}, relative to it, sorted. */
    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(target, link, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }
}
