package dev.mlx.runtime;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.history.Comparisons;
import dev.mlx.runtime.history.GitCommit;
import dev.mlx.runtime.history.OutputTree;
import dev.mlx.runtime.history.RunIds;
import dev.mlx.runtime.history.RunStore;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.RunComparison;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunRecord;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run in the experiment's history: it gets an id and its own folder {@code DIR/runs/ID/}, the
 * tracking store records it when it begins and when it ends, its run.json says how it compares with
 * the run before it and with the promoted one, and once it reaches a status it is promoted: the
 * output folder's top holds its files ({@link OutputTree}). A run that stops on an error is recorded
 * as {@code error} with the message and leaves the promoted run in place. The Spark engine's runs are
 * recorded here too ({@link TrackedStages}).
 */
public final class TrackedRun {
    /** The environment variable that names the tracking store when {@code --runs-store} does not. */
    public static final String STORE_VARIABLE = "MLX_RUNS_STORE";

    private TrackedRun() {
    }

    /** What the run is given beside the stages: its parameters, the store, and where its console goes. */
    public record Setup(Path outDir, Path base, Map<String, Double> parameters, Map<String, String> set, String storeUrl,
                 PrintStream console) {
    }

    /**
     * The store's URL: {@code given} ({@code --runs-store}; a path is an SQLite file), else
     * {@value #STORE_VARIABLE}, else {@code runs.db} in the output folder.
     */
    public static String storeUrl(String given, Path outDir) {
        String url = given != null ? given : System.getenv(STORE_VARIABLE);
        if (url == null || url.isBlank()) {
            return RunStore.defaultUrl(outDir);
        }
        return url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + Path.of(url).toAbsolutePath().normalize();
    }

    /** A recorded run: the stages' exit code, the run's id and its folder. */
    record Outcome(int code, String id, Path folder) {
    }

    /**
     * Runs {@code e} as {@code stagesFor} makes its stages for a run folder, recording it and
     * promoting it once it reaches a status; returns the stages' exit code. What the stages throw is
     * recorded and thrown on.
     */
    public static int run(Experiment e, Setup setup, java.util.function.Function<Path, ? extends TrackedStages> stagesFor) {
        return run(e, setup, stagesFor, true).code();
    }

    /**
     * Like {@link #run(Experiment, Setup, java.util.function.Function)}, promoting the run only when
     * {@code promote} (a retrain's candidate is promoted by the retrain's decision, {@link #promote}).
     */
    static Outcome run(Experiment e, Setup setup, java.util.function.Function<Path, ? extends TrackedStages> stagesFor,
                       boolean promote) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        Path outDir = setup.outDir();
        try (RunStore store = RunStore.open(setup.storeUrl())) {
            List<RunStore.Entry> earlier = store.runs(e.name());
            String id;
            try {
                id = RunIds.claim(outDir.resolve(OutputTree.RUNS), start);
            } catch (IOException ex) {
                throw new RunException("cannot make a run folder in " + outDir.resolve(OutputTree.RUNS) + ": " + ex.getMessage(), ex);
            }
            Path folder = OutputTree.runFolder(outDir, id);
            String git = GitCommit.of(setup.base());
            RunRecord record = new RunRecord(id, start.toString(), setup.parameters(), setup.set(), git, List.of());
            store.begin(new RunStore.Entry(e.name(), id, start.toEpochMilli(), null, "running",
                    folder.toAbsolutePath().normalize().toString(), e.source().fileName(), e.source().sha256(), null, null, null,
                    null, null, null, git, e.source().mlxVersion(), null, false, setup.parameters(),
                    new ArrayList<>(setup.set().keySet()), List.of(), null));
            setup.console().println("run " + id + " of `" + e.name() + "` in " + folder);
            TrackedStages stages = stagesFor.apply(folder).history(record, run -> run.withRun(record.withCompared(
                    compare(run, setup.parameters(), earlier, OutputTree.promoted(outDir), setup.console()))));
            store.engine(e.name(), id, stages.engine());
            int code;
            try {
                code = stages.run();
            } catch (RuntimeException | Error ex) {
                String message = ex instanceof RunException ? ex.getMessage() : "internal error: " + ex;
                store.finish(e.name(), id, "error", elapsed(t0), null, null, null, null, null, null, message, List.of());
                throw ex;
            }
            RunResult written = stages.written();
            if (written == null) { // cannot happen: the stages write run.json before they return
                store.finish(e.name(), id, "error", elapsed(t0), null, null, null, null, null, null, "no run.json", List.of());
                return new Outcome(code, id, folder);
            }
            Evaluation ev = written.evaluation();
            store.finish(e.name(), id, written.status(), elapsed(t0), written.data().source(), written.data().sha256(),
                    written.data().rows(), written.data().columns(), ev == null ? null : ev.selection().selected(),
                    ev == null ? null : ev.metric(), null, metrics(ev));
            if (promote) {
                OutputTree.promote(outDir, id, () -> store.promote(e.name(), id));
            }
            return new Outcome(code, id, folder);
        }
    }

    /** Makes run {@code id} of {@code experiment} the promoted one, in the output folder and the store together. */
    static void promote(Setup setup, String experiment, String id) {
        try (RunStore store = RunStore.open(setup.storeUrl())) {
            OutputTree.promote(setup.outDir(), id, () -> store.promote(experiment, id));
        }
    }

    /** Records {@code note} as run {@code id}'s message in the store (what a retrain made of its candidate). */
    static void note(Setup setup, String experiment, String id, String note) {
        try (RunStore store = RunStore.open(setup.storeUrl())) {
            store.note(experiment, id, note);
        }
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Every metric of every model, cross-validated and on the holdout, for the store. */
    static List<RunStore.Metric> metrics(Evaluation ev) {
        List<RunStore.Metric> out = new ArrayList<>();
        if (ev == null) {
            return out;
        }
        for (Evaluation.ModelScores m : ev.models()) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>(ev.metrics());
            if (m.cv() != null) {
                names.addAll(m.cv().keySet());
            }
            if (m.holdout() != null) {
                names.addAll(m.holdout().keySet());
            }
            for (String metric : names) {
                Evaluation.CvSummary cv = m.cv() == null ? null : m.cv().get(metric);
                Double holdout = m.holdout() == null ? null : m.holdout().get(metric);
                if (cv != null || holdout != null) {
                    out.add(new RunStore.Metric(m.name(), metric, cv == null ? null : cv.mean(), cv == null ? null : cv.sd(),
                            holdout));
                }
            }
        }
        return out;
    }

    /**
     * This run against the last earlier run that reached a status, and against the promoted run when
     * that is another one. An earlier run whose run.json is gone or cannot be read is passed over with
     * a line on the console: a comparison is worth having, never worth failing a run for.
     */
    private static List<RunComparison> compare(RunResult run, Map<String, Double> parameters, List<RunStore.Entry> earlier,
                                               String promotedId, PrintStream console) {
        List<RunComparison> out = new ArrayList<>();
        RunStore.Entry previous = null;
        for (int i = earlier.size() - 1; i >= 0 && previous == null; i--) {
            if (Files.isRegularFile(Path.of(earlier.get(i).folder()).resolve("run.json"))) {
                previous = earlier.get(i);
            }
        }
        if (previous != null) {
            RunComparison c = against("previous", previous, run, parameters, console);
            if (c != null) {
                out.add(c);
            }
        }
        if (promotedId != null && (previous == null || !promotedId.equals(previous.id()))) {
            for (RunStore.Entry entry : earlier) {
                if (entry.id().equals(promotedId)) {
                    RunComparison c = against("promoted", entry, run, parameters, console);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static RunComparison against(String role, RunStore.Entry entry, RunResult run, Map<String, Double> parameters,
                                         PrintStream console) {
        Path json = Path.of(entry.folder()).resolve("run.json");
        try {
            RunResult before = RunJson.read(json);
            return Comparisons.between(role, entry.id(), before, entry.parameters(), run, parameters);
        } catch (RunException ex) {
            console.println("note: not compared with the " + role + " run " + entry.id() + ": " + ex.getMessage());
            return null;
        }
    }
}
