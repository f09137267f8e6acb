package dev.mlx.runtime;

import dev.mlx.runtime.base.JsonFiles;
import dev.mlx.runtime.base.RunException;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.data.RowTable;
import dev.mlx.runtime.data.Tables;
import dev.mlx.runtime.eval.Compare;
import dev.mlx.runtime.result.Retraining;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * {@code retrain}: the labelled feedback (inputs of answered predictions joined with their true
 * outcome) is appended to the training data and the experiment runs again into
 * {@code retrain/candidate/}. The new model replaces the serving one only when that run passed
 * (checks, feature review, release gates) and the model that would answer requests — the A/B test's
 * champion, else the selected model; the same rule that chooses what is served — is better than the
 * serving one by the scope's metric on the same rows: the new run's holdout rows that neither model
 * trained on. Better means the 95% interval of the difference (paired bootstrap) lies wholly on the
 * better side, or, with the feedback block's {@code retrain within M}, that its worse end is within M.
 * The decision with its evidence goes to {@code retrain/retrain.json} and to run.json and report.html
 * of both the candidate and the serving folder; the replaced model is kept in {@code retrain/previous/}.
 * Exit codes: 0 promoted, 4 kept, 1 the new run failed (or retraining could not run).
 */
final class Retrain {
    static final String DIR = "retrain";
    private static final String CANDIDATE = dev.mlx.runtime.history.RunStore.RETRAIN_CANDIDATE;

    private Retrain() {
    }

    /**
     * @param allowOutside the {@code --allow-outside} folders, which the candidate run may write the
     *     file's report and exports into, as the serving run could
     */
    static int run(Experiment e, TrackedRun.Setup setup, String storeUrl, List<Path> allowOutside) {
        Path base = setup.base();
        Path outDir = setup.outDir();
        PrintStream out = setup.console();
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
        String time = Instant.now().toString();
        Table original = DataLoader.load(e.data(), base);
        if (labelled.isEmpty()) {
            out.println("no labelled feedback in the store yet: nothing to retrain on");
            return decide(outDir, null, new Retraining(time, "kept", "no labelled feedback to retrain on", 0, original.rowCount(),
                    null, null, null), out);
        }
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
        out.println("retraining on " + original.rowCount() + " data rows + " + extra.rowCount() + " labelled feedback rows");
        Experiment next = withData(e, csv);
        // the candidate is a run of the history like any other (mlx runs lists it, mlx diff compares it), promoted only below
        TrackedRun.Outcome ran = TrackedRun.run(next, setup, folder -> new Stages(next, base, folder, out).allowOutside(allowOutside),
                false);
        Path candidate = ran.folder();
        int code = ran.code();
        TrackedRun.note(setup, e.name(), ran.id(), CANDIDATE);
        RunResult candidateRun = Files.isRegularFile(candidate.resolve("run.json")) ? RunJson.read(candidate.resolve("run.json")) : null;
        String status = candidateRun == null ? "failed" : candidateRun.status();
        String candidateSelected = candidateRun == null || candidateRun.evaluation() == null || candidateRun.evaluation().selected() == null
                ? null : candidateRun.evaluation().selected().name();
        if (code != Runner.OK) {
            TrackedRun.note(setup, e.name(), ran.id(), CANDIDATE + ": failed");
            return decide(outDir, candidate, new Retraining(time, "failed", "the new run did not pass (" + status + "; see "
                    + candidate.resolve("run.json") + ")", extra.rowCount(), original.rowCount(), status, candidateSelected, null), out);
        }
        Served fresh = Served.load(candidate);
        Retraining.Comparison c = compare(e, next, base, outDir, serving, fresh, original.rowCount());
        out.println(String.format(Locale.ROOT, "  comparing the model that answers requests (%s): serving `%s`, new `%s`",
                c.role().equals("champion") ? "the A/B test's champion" : "the selected model", c.servingModel(), c.candidateModel()));
        out.println(String.format(Locale.ROOT, "  %s on the %d rows neither trained on (%d from feedback): serving %.4f, new %.4f, "
                + "difference %+.4f (95%% interval %+.4f to %+.4f; %s is better)", c.metric(), c.rows(), c.rowsFromFeedback(),
                nan(c.serving()), nan(c.candidate()), nan(c.difference()), nan(c.ciLow()), nan(c.ciHigh()),
                c.higherIsBetter() ? "higher" : "lower"));
        if (candidateSelected != null && !candidateSelected.equals(c.candidateModel())) {
            out.println("  (the new run's release gates were checked on its selected model `" + candidateSelected + "`)");
        }
        String why;
        if (c.rows() == 0) {
            why = "no rows that neither model trained on: nothing to compare them on";
        } else if (c.significant()) {
            why = "the new run passed its gates and its model is significantly better on " + c.metric();
        } else if (c.notWorse()) {
            why = "the new run passed its gates and its model is not worse on " + c.metric() + " by more than the margin "
                    + text(c.margin());
        } else {
            why = "the new model is not significantly better on " + c.metric()
                    + (c.margin() > 0 ? " nor within the margin " + text(c.margin()) : " (no `retrain within` margin is set)");
        }
        boolean promote = c.rows() > 0 && (c.significant() || c.notWorse());
        Retraining decision = new Retraining(time, promote ? "promoted" : "kept", why, extra.rowCount(), original.rowCount(), status,
                candidateSelected, c);
        record(candidate, decision);
        if (promote) {
            keepPrevious(outDir, work.resolve("previous"));
            TrackedRun.promote(setup, e.name(), ran.id());
        }
        TrackedRun.note(setup, e.name(), ran.id(), CANDIDATE + ": " + decision.outcome());
        return decide(outDir, null, decision, out);
    }

    /**
     * The serving run's model that answers requests against the candidate's, by the scope's metric,
     * on the candidate's holdout rows that the serving model did not train on either: feedback rows
     * newer than its data, and rows of its own holdout (its predictions.csv names them).
     */
    private static Retraining.Comparison compare(Experiment e, Experiment next, Path base, Path outDir, Served serving, Served fresh,
                                                 int originalRows) {
        String target = e.scope().target();
        Table combined = DataLoader.load(next.data(), base);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < combined.rowCount(); i++) {
            if (!combined.column(target).isMissing(i)) {
                kept.add(i);
            }
        }
        Table all = combined.rows(kept.stream().mapToInt(Integer::intValue).toArray());
        Split.Rows split = Split.rows(all, next.data(), target, e.scope().task() == Task.CLASSIFICATION);
        int servingRows = servingDataRows(outDir, originalRows);
        Set<Integer> servingHoldout = servingHoldout(outDir);
        List<Integer> rows = new ArrayList<>();
        int fromFeedback = 0;
        for (int t : split.test()) {
            int dataRow = kept.get(t);
            if (dataRow >= servingRows || servingHoldout.contains(dataRow)) {
                rows.add(t);
                fromFeedback += dataRow >= originalRows ? 1 : 0;
            }
        }
        Table test = Tables.rows(all, rows.stream().mapToInt(Integer::intValue).toArray());
        String metric = e.scope().metric();
        Scorer now = serving.primary();
        Scorer cand = fresh.primary();
        boolean higher = Compare.higherIsBetter(metric);
        double margin = e.feedback() == null ? 0 : e.feedback().retrainMargin();
        String role = e.feedback() != null && e.feedback().abtest() != null ? "champion" : "selected";
        if (rows.isEmpty()) {
            return new Retraining.Comparison(now.name(), cand.name(), role, metric, higher, 0, 0, null, null, null, null, null, 0,
                    margin, null, false, false);
        }
        Compare.Paired p = Compare.paired(now.model(), now.pipeline(), cand.model(), cand.pipeline(), test, e.scope().task(), metric,
                e.scope().positive(), e.seed());
        double gain = higher ? p.difference() : -p.difference();
        double worst = higher ? p.lo() : -p.hi();
        boolean significant = !Double.isNaN(worst) && worst > 0;
        boolean notWorse = margin > 0 && !Double.isNaN(worst) && worst >= -margin;
        return new Retraining.Comparison(now.name(), cand.name(), role, metric, higher, rows.size(), fromFeedback, finite(p.first()),
                finite(p.second()), finite(p.difference()), finite(p.lo()), finite(p.hi()), p.resamples(), margin, finite(gain), significant, notWorse);
    }

    /** Rows of the data the serving run read (its run.json); without one, the experiment's own data. */
    private static int servingDataRows(Path outDir, int originalRows) {
        Path runJson = outDir.resolve("run.json");
        return Files.isRegularFile(runJson) ? RunJson.read(runJson).data().rows() : originalRows;
    }

    /** The data rows (from 0) of the serving run's holdout, from the {@code row} column of its predictions.csv. */
    private static Set<Integer> servingHoldout(Path outDir) {
        Set<Integer> rows = new HashSet<>();
        Path file = outDir.resolve("predictions.csv");
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try (Stream<String> lines = Files.lines(file)) {
            lines.skip(1).forEach(line -> {
                int comma = line.indexOf(',');
                rows.add(Integer.parseInt(comma < 0 ? line : line.substring(0, comma)) - 1);
            });
        } catch (IOException | NumberFormatException ex) {
            throw new RunException("cannot read the serving run's holdout rows from " + file + ": " + ex.getMessage(), ex);
        }
        return rows;
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String text(double d) {
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static Double finite(double d) {
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

    /**
     * Copies the serving files (the top of the output folder, with what report and retrain added to
     * them) to {@code previous}, before the candidate's run is promoted over them.
     */
    private static void keepPrevious(Path outDir, Path previous) {
        try {
            if (Files.exists(previous)) {
                try (Stream<Path> s = Files.walk(previous)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            copyTree(outDir, previous, List.of(DIR, dev.mlx.runtime.history.OutputTree.RUNS));
        } catch (IOException ex) {
            throw new RunException("cannot keep the serving model in " + previous + ": " + ex.getMessage(), ex);
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

    /** The decision into a run folder's run.json and report.html, when it has a run.json. */
    private static void record(Path runDir, Retraining decision) {
        Path runJson = runDir.resolve("run.json");
        if (Files.isRegularFile(runJson)) {
            Serving.rewrite(runDir, RunJson.read(runJson).withRetrain(decision));
        }
    }

    /** Writes the decision (retrain.json, the serving folder's and the candidate's run records), prints it, returns the exit code. */
    private static int decide(Path outDir, Path candidate, Retraining decision, PrintStream out) {
        RunJson.write(outDir.resolve(DIR).resolve("retrain.json"), decision);
        if (candidate != null) {
            record(candidate, decision);
        }
        record(outDir, decision);
        out.println(switch (decision.outcome()) {
            case "promoted" -> "promoted: ";
            case "kept" -> "kept the serving model: ";
            default -> "failed: kept the serving model: ";
        } + decision.reason());
        return switch (decision.outcome()) {
            case "promoted" -> Runner.OK;
            case "kept" -> Runner.KEPT;
            default -> Runner.FAILED;
        };
    }
}
