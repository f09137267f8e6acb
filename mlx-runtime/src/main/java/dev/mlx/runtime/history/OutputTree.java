package dev.mlx.runtime.history;

import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /**
     * Makes run {@code id} the promoted one: the top of {@code outDir} loses the files of the run
     * promoted before (and the files of a folder from before run folders) and gets this run's files,
     * linked; then {@code runs/PROMOTED} names it.
     */
    public static void promote(Path outDir, String id) {
        Path run = runFolder(outDir, id);
        try {
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
            for (Path relative : files(run)) {
                Path top = outDir.resolve(relative);
                Files.createDirectories(top.toAbsolutePath().getParent());
                Files.deleteIfExists(top);
                link(top, run.resolve(relative));
            }
            Path pointer = outDir.resolve(RUNS).resolve(PROMOTED);
            Path tmp = pointer.resolveSibling(PROMOTED + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RunException("cannot make run " + id + " the current one in " + outDir + ": " + e.getMessage(), e);
        }
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
