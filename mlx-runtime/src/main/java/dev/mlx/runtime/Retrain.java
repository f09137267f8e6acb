package dev.mlx.runtime;

import dev.mlx.runtime.base.JsonFiles;
import dev.mlx.runtime.base.RunException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.data.RowTable;
import dev.mlx.runtime.eval.Compare;
import dev.mlx.runtime.serve.Profile;
import dev.mlx.runtime.serve.Scorer;
import dev.mlx.runtime.serve.Served;
import dev.mlx.runtime.serve.Store;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * {@code retrain}: the labelled feedback (inputs of answered predictions joined with their true
 * outcome) is appended to the training data, the experiment runs again into
 * {@code retrain/candidate/}, and the new model replaces the serving one only when that run passed
 * (checks, feature review, release gates) and the new model beats the serving one on the deciding
 * metric over the same holdout rows (the new run's holdout). Every decision is written to
 * {@code retrain/retrain.json}; the replaced model is kept in {@code retrain/previous/}.
 */
final class Retrain {
    static final String DIR = "retrain";

    private Retrain() {
    }

    static int run(Experiment e, Path base, Path outDir, String storeUrl, PrintStream out) {
        if (e.scope().task() == Task.CLUSTERING) {
            throw new RunException("retrain needs true outcomes, and clustering has none");
        }
        if (storeUrl == null) {
            throw new RunException("retrain needs the feedback store: drop --no-store");
        }
        Served serving = Served.load(outDir);
        List<String[]> labelled;
        try (Store store = Store.open(storeUrl)) {
            labelled = store.labelled();
        }
        Path work = outDir.resolve(DIR);
        JsonObject record = new JsonObject();
        record.addProperty("time", Instant.now().toString());
        record.addProperty("feedback_rows", labelled.size());
        if (labelled.isEmpty()) {
            out.println("no labelled feedback in the store yet: nothing to retrain on");
            return decide(work, record, false, "no labelled feedback", out);
        }
        Table original = DataLoader.load(e.data(), base);
        Table extra = feedbackRows(e, labelled);
        Table combined;
        try {
            combined = original.copy().append(extra);
        } catch (RuntimeException ex) {
            throw new RunException("cannot add the feedback to the training data: " + ex.getMessage(), ex);
        }
        Path csv = work.resolve("data.csv");
        try {
            Files.createDirectories(work);
            combined.write().csv(csv.toString());
        } catch (IOException | RuntimeException ex) {
            throw new RunException("cannot write " + csv + ": " + ex.getMessage(), ex);
        }
        out.println("retraining on " + original.rowCount() + " training rows + " + extra.rowCount() + " labelled feedback rows");
        Experiment next = withData(e, csv);
        Path candidate = work.resolve("candidate");
        int code = new Stages(next, base, candidate, out).run();
        record.addProperty("candidate_run", code == Runner.OK ? "passed" : "failed");
        if (code != Runner.OK) {
            return decide(work, record, false, "the new run did not pass (see " + candidate.resolve("run.json") + ")", out);
        }
        Served fresh = Served.load(candidate);
        // the same holdout rows for both: the new run's split of the combined data
        Table all = DataLoader.load(next.data(), base);
        String target = e.scope().target();
        all = all.dropWhere(all.column(target).isMissing());
        Split.Rows rows = Split.rows(all, next.data(), target, e.scope().task() == Task.CLASSIFICATION);
        Table test = all.rows(rows.test());
        String metric = e.scope().metric();
        Scorer now = serving.primary();
        Scorer cand = fresh.primary();
        double before = Compare.holdout(now.model(), now.pipeline(), test, e.scope().task(), metric,
                e.scope().positive(), e.seed());
        double after = Compare.holdout(cand.model(), cand.pipeline(), test, e.scope().task(), metric,
                e.scope().positive(), e.seed());
        boolean higher = Compare.higherIsBetter(metric);
        boolean better = !Double.isNaN(after) && (Double.isNaN(before) || (higher ? after > before : after < before));
        record.addProperty("metric", metric);
        record.addProperty("holdout_rows", test.rowCount());
        record.addProperty("serving", num(before));
        record.addProperty("candidate", num(after));
        out.println(String.format(Locale.ROOT, "  %s on the same %d holdout rows: serving %.4f, new %.4f", metric,
                test.rowCount(), before, after));
        if (!better) {
            return decide(work, record, false, "the new model is not better on " + metric, out);
        }
        promote(candidate, outDir, work.resolve("previous"));
        return decide(work, record, true, "the new run passed its gates and the new model is better on " + metric, out);
    }

    private static Double num(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /** The labelled feedback as rows of the data schema: the logged inputs plus the outcome as the target. */
    private static Table feedbackRows(Experiment e, List<String[]> labelled) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String[] l : labelled) {
            Map<String, Object> row = new LinkedHashMap<>();
            JsonElement inputs = JsonParser.parseString(l[0]);
            if (inputs.isJsonObject()) {
                for (Map.Entry<String, JsonElement> en : inputs.getAsJsonObject().entrySet()) {
                    JsonElement v = en.getValue();
                    if (v.isJsonPrimitive()) {
                        JsonPrimitive p = v.getAsJsonPrimitive();
                        row.put(en.getKey(), p.isNumber() ? (Object) p.getAsDouble() : p.isBoolean() ? (Object) p.getAsBoolean()
                                : p.getAsString());
                    }
                }
            }
            row.put(e.scope().target(), l[1]);
            rows.add(row);
        }
        RowTable.Result r = RowTable.build(e.data().columns(), e.data().missing(), rows);
        if (!r.problems().isEmpty()) {
            RowTable.Problem p = r.problems().get(0);
            throw new RunException("feedback row " + (p.row() + 1) + " does not fit the training schema: `" + p.column() + "` "
                    + p.message());
        }
        return r.table();
    }

    /** The experiment reading the combined CSV (ISO dates, empty cells missing) instead of its source. */
    private static Experiment withData(Experiment e, Path csv) {
        Data d = e.data();
        List<Data.Column> cols = new ArrayList<>();
        d.columns().forEach(c -> cols.add(new Data.Column(c.name(), c.type(), null)));
        List<String> missing = new ArrayList<>(d.missing());
        if (!missing.contains("")) {
            missing.add("");
        }
        Data next = new Data(csv.toAbsolutePath().toString(), ",", null, null, cols, missing, d.id(), d.split());
        // the candidate must not overwrite the deploy block's export files before it is chosen
        dev.mlx.runtime.spec.Deploy deploy = e.deploy() == null ? null
                : new dev.mlx.runtime.spec.Deploy(List.of(), e.deploy().port(), e.deploy().unknownPolicy());
        return new Experiment(e.name(), e.question(), e.source(), e.scope(), next, e.review(), e.checks(), e.features(),
                e.inspect(), e.models(), e.tunes(), e.evaluate(), e.explain(), deploy, e.feedback(), e.report(), e.seed());
    }

    /** Moves the serving files aside and the candidate's in; serving.json last, so a server never sees half a model. */
    private static void promote(Path candidate, Path outDir, Path previous) {
        try {
            if (Files.exists(previous)) {
                try (Stream<Path> s = Files.walk(previous)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            copyTree(outDir, previous, List.of(DIR));
            copyTree(candidate, outDir, List.of(Profile.FILE));
            Files.copy(candidate.resolve(Profile.FILE), outDir.resolve(Profile.FILE + ".tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(outDir.resolve(Profile.FILE + ".tmp"), outDir.resolve(Profile.FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new RunException("cannot promote the new model into " + outDir + ": " + ex.getMessage(), ex);
        }
    }

    private static void copyTree(Path from, Path to, List<String> skip) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (skip.contains(name) || name.endsWith(".db") || name.endsWith(".db-wal") || name.endsWith(".db-shm")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    copyTree(p, to.resolve(name), List.of());
                } else {
                    Files.copy(p, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int decide(Path work, JsonObject record, boolean promoted, String why, PrintStream out) {
        record.addProperty("promoted", promoted);
        record.addProperty("reason", why);
        JsonFiles.write(work.resolve("retrain.json"), record);
        out.println((promoted ? "promoted: " : "kept the serving model: ") + why);
        return Runner.OK;
    }
}
