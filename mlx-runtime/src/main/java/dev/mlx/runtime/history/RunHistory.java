package dev.mlx.runtime.history;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.RunComparison;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runs of one experiment as {@code mlx runs} and {@code mlx diff} see them: read from the tracking
 * store, named by id, unique id prefix, {@code latest}, {@code latest~N} or {@code promoted}, listed
 * as an aligned table or JSON, compared, and pruned. Every problem a user can cause (an unknown run,
 * an ambiguous prefix, a run without run.json) is a {@link RunException} that says what to write.
 *
 * @param outDir     the experiment's output folder
 * @param experiment the experiment's name
 * @param runs       its runs, oldest first
 * @param promoted   the id of the run the output folder holds, or null
 */
public record RunHistory(Path outDir, String experiment, List<RunStore.Entry> runs, String promoted) {
    public RunHistory {
        runs = List.copyOf(runs);
    }

    /** The runs of {@code experiment} in {@code store}, with the promoted run of {@code outDir}. */
    public static RunHistory of(RunStore store, Path outDir, String experiment) {
        return new RunHistory(outDir, experiment, store.runs(experiment), OutputTree.promoted(outDir));
    }

    /** The run a reference names: an id, a unique prefix of one, {@code latest}, {@code latest~N} or {@code promoted}. */
    public RunStore.Entry resolve(String ref) {
        if (runs.isEmpty()) {
            throw new RunException("no runs of `" + experiment + "` are recorded in " + outDir + ": run the experiment first");
        }
        String r = ref.strip();
        if (r.equals("promoted")) {
            return runs.stream().filter(e -> e.id().equals(promoted)).findFirst().orElseThrow(
                    () -> new RunException("no run of `" + experiment + "` is promoted in " + outDir));
        }
        if (r.equals("latest") || r.startsWith("latest~")) {
            int back;
            try {
                back = r.equals("latest") ? 0 : Integer.parseInt(r.substring("latest~".length()));
            } catch (NumberFormatException e) {
                throw new RunException("`" + ref + "` is not a run: write latest, latest~N (N runs before it), promoted, "
                        + "an id or the start of one");
            }
            if (back < 0 || back >= runs.size()) {
                throw new RunException("`" + ref + "`: `" + experiment + "` has " + runs.size() + " run"
                        + (runs.size() == 1 ? "" : "s") + " recorded, so latest~" + (runs.size() - 1) + " is the oldest");
            }
            return runs.get(runs.size() - 1 - back);
        }
        List<RunStore.Entry> matches = runs.stream().filter(e -> e.id().startsWith(r)).toList();
        if (!r.isEmpty() && matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new RunException("`" + ref + "` is the start of " + matches.size() + " runs ("
                    + String.join(", ", matches.stream().limit(5).map(RunStore.Entry::id).toList())
                    + (matches.size() > 5 ? ", ..." : "") + "): write more of the id");
        }
        throw new RunException("no run `" + ref + "` of `" + experiment + "`: write latest, latest~N, promoted, an id or the "
                + "start of one (`mlx runs` lists them; the newest is " + runs.get(runs.size() - 1).id() + ")");
    }

    /** The folder of a run: where the store says, else where it would be under this output folder. */
    public Path folder(RunStore.Entry run) {
        Path recorded = Path.of(run.folder());
        return Files.isDirectory(recorded) ? recorded : OutputTree.runFolder(outDir, run.id());
    }

    /** A run's run.json, read strictly; a run that wrote none is a {@link RunException} saying why. */
    public RunResult result(RunStore.Entry run) {
        Path json = folder(run).resolve("run.json");
        if (!Files.isRegularFile(json)) {
            throw new RunException("run " + run.id() + " has no run.json (" + run.status()
                    + (run.message() == null ? "" : ": " + run.message()) + "), so there is nothing to compare");
        }
        return RunJson.read(json);
    }

    /** What changed from run {@code a} to run {@code b}. */
    public RunComparison diff(RunStore.Entry a, RunStore.Entry b) {
        return Comparisons.between("given", a.id(), result(a), a.parameters(), result(b), b.parameters());
    }

    /**
     * Deletes every run but the newest {@code keep} and the promoted one: first its row in the store,
     * then its folder. Returns the ids deleted, oldest first.
     */
    public List<String> prune(RunStore store, int keep) {
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < runs.size() - keep; i++) {
            RunStore.Entry run = runs.get(i);
            if (run.id().equals(promoted) || run.promoted()) {
                continue;
            }
            store.delete(experiment, run.id());
            Path folder = folder(run);
            if (folder.normalize().startsWith(outDir.resolve(OutputTree.RUNS).toAbsolutePath().normalize())
                    || folder.normalize().startsWith(outDir.resolve(OutputTree.RUNS).normalize())) {
                OutputTree.deleteRun(outDir, run.id());
            }
            deleted.add(run.id());
        }
        return deleted;
    }

    /** The runs as an aligned table, newest last, the promoted run marked. */
    public String table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", "status", "engine", "selected", "metric", "cv", "holdout", "time", "set", "data", "file", "git"));
        for (RunStore.Entry r : runs) {
            RunStore.Metric m = deciding(r);
            String status = r.message() != null && r.message().startsWith(RunStore.RETRAIN_CANDIDATE)
                    ? r.status() + " (" + r.message() + ")" : r.status();
            rows.add(List.of(r.id() + (r.id().equals(promoted) ? " *" : ""), status, orDash(r.engine()), orDash(r.selected()), orDash(r.metric()),
                    m == null || m.cvMean() == null ? "-" : num(m.cvMean()) + (m.cvSd() == null ? "" : " ± " + num(m.cvSd())),
                    m == null || m.holdout() == null ? "-" : num(m.holdout()), duration(r.durationMs()), set(r),
                    shortHash(r.dataSha256()), shortHash(r.fileSha256()), r.gitCommit() == null ? "-" : r.gitCommit().substring(0, 7)));
        }
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row.get(i))).append(i + 1 < row.size() ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (promoted != null) {
            out.append("* promoted: the run ").append(outDir).append(" holds, which serve, predict, report and retrain use\n");
        }
        return out.toString();
    }

    /** The runs as JSON: one object per run, oldest first, every metric of every model. */
    public JsonArray json() {
        JsonArray array = new JsonArray();
        for (RunStore.Entry r : runs) {
            JsonObject o = new JsonObject();
            o.addProperty("id", r.id());
            o.addProperty("experiment", r.experiment());
            o.addProperty("started", Instant.ofEpochMilli(r.started()).toString());
            o.add("duration_ms", r.durationMs() == null ? JsonNull.INSTANCE : new JsonPrimitive(r.durationMs()));
            o.addProperty("status", r.status());
            o.addProperty("engine", r.engine());
            o.addProperty("promoted", r.id().equals(promoted));
            o.addProperty("folder", folder(r).toString());
            o.addProperty("file", r.sourceFile());
            o.addProperty("file_sha256", r.fileSha256());
            o.addProperty("data", r.dataSource());
            o.addProperty("data_sha256", r.dataSha256());
            o.add("data_rows", r.dataRows() == null ? JsonNull.INSTANCE : new JsonPrimitive(r.dataRows()));
            o.add("data_columns", r.dataColumns() == null ? JsonNull.INSTANCE : new JsonPrimitive(r.dataColumns()));
            o.addProperty("selected", r.selected());
            o.addProperty("metric", r.metric());
            o.addProperty("git_commit", r.gitCommit());
            o.addProperty("mlx_version", r.mlxVersion());
            o.addProperty("message", r.message());
            JsonObject params = new JsonObject();
            r.parameters().forEach((k, v) -> params.add(k, v == null ? JsonNull.INSTANCE : new JsonPrimitive(v)));
            o.add("parameters", params);
            JsonArray set = new JsonArray();
            r.overridden().forEach(set::add);
            o.add("set", set);
            JsonArray metrics = new JsonArray();
            for (RunStore.Metric m : r.metrics()) {
                JsonObject mo = new JsonObject();
                mo.addProperty("model", m.model());
                mo.addProperty("metric", m.metric());
                mo.add("cv_mean", number(m.cvMean()));
                mo.add("cv_sd", number(m.cvSd()));
                mo.add("holdout", number(m.holdout()));
                metrics.add(mo);
            }
            o.add("metrics", metrics);
            array.add(o);
        }
        return array;
    }

    /** A comparison as text: the file's diff, the data, the parameters, and every metric with its noise. */
    public static String text(RunComparison c, String afterId) {
        StringBuilder out = new StringBuilder();
        out.append("run ").append(c.id()).append(" (").append(c.status()).append(") -> run ").append(afterId).append('\n');
        out.append('\n').append("file: ").append(c.fileDiff() == null ? "the same" : "changed").append('\n');
        if (c.fileDiff() != null) {
            out.append(c.fileDiff());
        }
        RunComparison.DataChange d = c.data();
        out.append('\n').append("data: ").append(d.same() ? "the same" : "changed").append('\n');
        out.append("  sha256   ").append(shortHash(d.sha256Before())).append(" -> ").append(shortHash(d.sha256After())).append('\n');
        out.append("  rows     ").append(d.rowsBefore()).append(" -> ").append(d.rowsAfter()).append('\n');
        out.append("  columns  ").append(d.columnsBefore()).append(" -> ").append(d.columnsAfter());
        if (!d.columnsAdded().isEmpty()) {
            out.append(", added ").append(String.join(", ", d.columnsAdded()));
        }
        if (!d.columnsRemoved().isEmpty()) {
            out.append(", removed ").append(String.join(", ", d.columnsRemoved()));
        }
        out.append('\n');
        out.append('\n').append("parameters:").append(c.parameters().isEmpty() ? " the same" : "").append('\n');
        for (RunComparison.ParameterChange p : c.parameters()) {
            out.append("  $").append(p.name()).append("  ").append(p.before() == null ? "-" : num(p.before())).append(" -> ")
                    .append(p.after() == null ? "-" : num(p.after())).append('\n');
        }
        out.append('\n').append("selected: ").append(orDash(c.selected().get(0))).append(" -> ")
                .append(orDash(c.selected().get(1))).append('\n');
        out.append('\n').append("metrics (a change is within noise when it is smaller than twice its standard error):\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("model", "metric", "on", "before", "after", "change", "noise", "verdict"));
        for (RunComparison.MetricChange m : c.metrics()) {
            rows.add(List.of(m.model(), m.metric(), m.on(), score(m.before(), m.sdBefore()), score(m.after(), m.sdAfter()),
                    m.difference() == null ? "-" : signed(m.difference()), m.noise() == null ? "-" : "±" + num(m.noise()),
                    m.verdict()));
        }
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row.get(i))).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        long better = c.metrics().stream().filter(m -> m.verdict().equals("better")).count();
        long worse = c.metrics().stream().filter(m -> m.verdict().equals("worse")).count();
        long noise = c.metrics().stream().filter(m -> m.verdict().equals("within noise")).count();
        out.append('\n').append(better).append(" better, ").append(worse).append(" worse beyond noise, ").append(noise)
                .append(" within noise\n");
        return out.toString();
    }

    /** The comparison as JSON, in run.json's form of it. */
    public static JsonElement json(RunComparison c) {
        return RunJson.tree(c, RunComparison.class);
    }

    /** The deciding metric of the selected model, or null. */
    private static RunStore.Metric deciding(RunStore.Entry r) {
        if (r.selected() == null || r.metric() == null) {
            return null;
        }
        return r.metrics().stream().filter(m -> m.model().equals(r.selected()) && m.metric().equals(r.metric())).findFirst()
                .orElse(null);
    }

    private static String set(RunStore.Entry r) {
        if (r.overridden().isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (String name : r.overridden()) {
            parts.add(name + "=" + num(r.parameters().get(name)));
        }
        return String.join(",", parts);
    }

    private static String duration(Long ms) {
        if (ms == null) {
            return "-";
        }
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static String score(Double value, Double sd) {
        return value == null ? "-" : sd == null ? num(value) : num(value) + " ± " + num(sd);
    }

    private static String signed(double d) {
        return (d > 0 ? "+" : "") + num(d);
    }

    static String num(Double d) {
        if (d == null) {
            return "-";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) (double) d);
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private static String shortHash(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static JsonElement number(Double d) {
        return d == null ? JsonNull.INSTANCE : new JsonPrimitive(d);
    }
}
