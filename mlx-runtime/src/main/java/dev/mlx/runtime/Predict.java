package dev.mlx.runtime;

import dev.mlx.runtime.base.AtomicFiles;
import dev.mlx.runtime.base.RunException;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.data.CsvRecords;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.eval.EvaluationResult;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.models.Predictions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import tech.tablesaw.api.Table;

/**
 * Scoring: the holdout predictions written at the end of a run, and {@code predict IN.csv -o OUT.csv}
 * with the model of the last run. Both go through the same fitted pipeline and the same code, so
 * the predict round trip equals the in-run predictions.
 */
final class Predict {
    private Predict() {
    }

    /**
     * predictions.csv of the holdout: from the predictions the evaluation already made with the
     * selected model when they say the same as a fresh prediction would (same rows, same class
     * columns), else by predicting again. {@code dataRows[i]} is the data row in the source (from 0)
     * of row i of {@code test}: the file's {@code row} column, so a prediction can be joined back to
     * its row.
     */
    static void writeHoldout(EvaluationResult r, Table test, int[] dataRows, Experiment e, Path out) {
        EvaluationResult.HoldoutPredictions h = r.holdoutPredictions();
        Model<?> model = r.selectedModel();
        Task task = e.scope().task();
        List<String> classes = classes(model, task);
        boolean sameRows = h != null && h.rowIds().length == test.rowCount();
        boolean sameColumns = h != null && (task != Task.CLASSIFICATION
                || (classes.isEmpty() ? h.probabilities() == null : h.probabilities() != null && classes.equals(h.classes())));
        if (!sameRows || !sameColumns || (task == Task.REGRESSION && h.values() == null)
                || (task == Task.CLUSTERING && h.clusters() == null)) {
            write(model, r.pipeline(), test, dataRows, e, out);
            return;
        }
        writeCsv(out, test, dataRows, e, classes, rows(h, task));
    }

    /**
     * predictions.csv with {@code split none}: every row of {@code rows} as the cross-validation fold
     * that did not train on it predicted it ({@link EvaluationResult#outOfFold()}). Never predicted
     * again by the final model, which trained on every row: when the folds' predictions were not kept
     * (or do not cover the rows) nothing is written, and false is returned.
     */
    static boolean writeOutOfFold(EvaluationResult r, Table rows, int[] dataRows, Experiment e, Path out) {
        EvaluationResult.HoldoutPredictions h = r.holdoutPredictions();
        Task task = e.scope().task();
        if (!r.outOfFold() || h == null || h.rowIds().length != rows.rowCount()
                || (task == Task.REGRESSION ? h.values() == null : task != Task.CLASSIFICATION || h.predicted() == null)) {
            return false;
        }
        List<String> classes = h.probabilities() == null ? List.of() : h.classes();
        writeCsv(out, rows, dataRows, e, classes, rows(h, task));
        return true;
    }

    /** The evaluation's kept predictions as the rows of a predictions file. */
    private static Rows rows(EvaluationResult.HoldoutPredictions h, Task task) {
        return new Rows() {
            @Override
            public int size() {
                return h.rowIds().length;
            }

            @Override
            public int row(int i) {
                return h.rowIds()[i];
            }

            @Override
            public String label(int i) {
                return switch (task) {
                    case CLASSIFICATION -> h.predicted()[i];
                    case REGRESSION -> fixed6(h.values()[i]);
                    default -> String.valueOf(h.clusters()[i]);
                };
            }

            @Override
            public double probability(int i, int c) {
                return h.probabilities()[i][c];
            }
        };
    }

    /** The rows of a predictions file: which table row, what was predicted, class probabilities. */
    private interface Rows {
        int size();

        int row(int i);

        String label(int i);

        double probability(int i, int c);
    }

    /** Class-probability columns of a model's predictions: its classes, sorted; none without probabilities. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> classes(Model<?> model, Task task) {
        List<String> classes = new ArrayList<>();
        if (model.generatesProbabilities() && task == Task.CLASSIFICATION) {
            model.getOutputIDInfo().getDomain().forEach(o -> classes.add(((Output) o).toString()));
            classes.sort(null);
        }
        return classes;
    }

    /**
     * Why {@code input} is not UTF-8 text, naming the line and the byte, or null when it is (or
     * cannot be read: the reader says why). One pass over the bytes, before anything is parsed.
     */
    static String notUtf8(Path input) {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
            long offset = 0;
            long line = 1;
            int need = 0;
            long start = 0; // where the character being read began, and its first byte
            int lead = 0;
            for (int b; (b = in.read()) != -1; offset++) {
                long badAt = -1;
                int badByte = b;
                if (need > 0 && (b & 0xC0) == 0x80) {
                    need--;
                    continue;
                } else if (need > 0) {
                    // a character cut short: the byte that began it is the one that is not UTF-8
                    badAt = start;
                    badByte = lead;
                } else if (b < 0x80) {
                    if (b == '\n') {
                        line++;
                    }
                    continue;
                } else if (b >= 0xC2 && b <= 0xF4) {
                    need = b <= 0xDF ? 1 : b <= 0xEF ? 2 : 3;
                    start = offset;
                    lead = b;
                    continue;
                } else {
                    badAt = offset;
                }
                return input + " is not UTF-8 text: line " + line + " has the byte 0x"
                        + String.format(Locale.ROOT, "%02X", badByte) + " (byte " + (badAt + 1) + " of the file) where UTF-8 "
                        + "allows none; save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")";
            }
            return need > 0 ? input + " is not UTF-8 text: it ends in the middle of a character (line " + line + ")" : null;
        } catch (IOException ex) {
            return null;
        }
    }

    /**
     * What the run recorded for {@code model.tribuo} and its pipeline: predict checks the files
     * against it. serving.json's entry when it lists the file; else run.json's {@code exports} entry
     * (an A/B folder serves variants/, and a folder may hold run.json without serving.json). Without
     * either, the hashes are unknown and predict refuses the folder.
     */
    private static Export.Expected expected(Path outDir) {
        Path profile = outDir.resolve(dev.mlx.runtime.serve.Profile.FILE);
        if (Files.isRegularFile(profile)) {
            for (dev.mlx.runtime.serve.Profile.Variant v : dev.mlx.runtime.serve.Profile.read(outDir).variants) {
                if (v.file().equals(Stages.MODEL_FILE)) {
                    return v.expected();
                }
            }
        }
        Path runJson = outDir.resolve("run.json");
        if (Files.isRegularFile(runJson)) {
            var exports = dev.mlx.runtime.result.RunJson.read(runJson).exports();
            for (var x : exports == null ? List.<dev.mlx.runtime.result.RunResult.ExportedFile>of() : exports) {
                if (x.written() && x.sha256() != null && Path.of(x.path()).getFileName().toString().equals(Stages.MODEL_FILE)
                        && (x.variant() != null || x == exports.get(0))) {
                    return new Export.Expected(x.sha256(), x.pipelineSha256());
                }
            }
        }
        if (!Files.isRegularFile(profile)) {
            throw new RunException("neither " + dev.mlx.runtime.serve.Profile.FILE + " nor run.json in " + outDir
                    + " records the model's checksums; run the experiment again");
        }
        return Export.Expected.NONE;
    }

    static int run(Experiment e, Path outDir, Path input, Path output, PrintStream console) {
        String stored = dev.mlx.runtime.history.OutputTree.storedRun(output);
        if (stored != null) {
            throw new RunException("-o " + output + " is inside the folder of run " + stored + ", which keeps what that run wrote: "
                    + "write the predictions elsewhere (the top of the output folder, or any other file)");
        }
        String notUtf8 = notUtf8(input);
        if (notUtf8 != null) {
            throw new RunException(notUtf8);
        }
        Path modelFile = outDir.resolve(Stages.MODEL_FILE);
        if (!Files.exists(modelFile)) {
            throw new RunException("no model in " + outDir + ": run the experiment first (java -jar JAR --out " + outDir + ")");
        }
        Export.Loaded loaded = Export.load(modelFile, expected(outDir));
        Table rows = DataLoader.load(schemaFor(e, input, loaded.pipeline()), Path.of("").toAbsolutePath());
        write(loaded.model(), loaded.pipeline(), rows, null, e, output);
        console.println("scored " + rows.rowCount() + " rows -> " + output);
        return Runner.OK;
    }

    /**
     * The columns of the input file, typed as in training. Every input column the pipeline needs
     * must be there; the target and the id may be; anything else is refused by name.
     */
    private static Data schemaFor(Experiment e, Path input, FittedPipeline pipeline) {
        List<String> header = header(input, e.data().delimiter());
        Map<String, Data.Column> known = new TreeMap<>();
        e.data().columns().forEach(c -> known.put(c.name(), c));
        List<Data.Column> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String h : header) {
            Data.Column c = known.get(h);
            if (c == null) {
                unknown.add("`" + h + "`");
            } else {
                columns.add(c);
            }
        }
        Set<String> present = new HashSet<>(header);
        List<String> missing = new ArrayList<>();
        for (String needed : pipeline.inputColumns()) {
            if (!present.contains(needed)) {
                missing.add("`" + needed + "`");
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new RunException(input + " does not fit the training schema:"
                    + (missing.isEmpty() ? "" : " missing " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : (missing.isEmpty() ? "" : ";") + " not in the training data "
                    + String.join(", ", unknown)));
        }
        return new Data(input.toAbsolutePath().toString(), e.data().delimiter(), null, null, columns, e.data().missing(),
                null, e.data().split());
    }

    private static List<String> header(Path input, String delimiter) {
        if (!Files.isRegularFile(input)) {
            throw new RunException("no file " + input);
        }
        try (java.io.InputStream in = Files.newInputStream(input)) {
            CsvRecords records = new CsvRecords(in, CsvRecords.delimiter(delimiter), input.toString());
            if (!records.next()) {
                throw new RunException(input + " is empty");
            }
            List<String> out = new ArrayList<>();
            for (String f : records.fields()) {
                out.add(f.strip());
            }
            return out;
        } catch (IOException ex) {
            throw new RunException("cannot read " + input + ": " + ex.getMessage(), ex);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void write(Model<?> model, FittedPipeline pipeline, Table rows, int[] dataRows, Experiment e,
            Path out) {
        Task task = e.scope().task();
        String target = e.scope().target() != null && rows.containsColumn(e.scope().target()) ? e.scope().target() : null;
        // Scoring never looks at the answer: a row is predicted whether or not its target is known.
        FeatureMatrix m = pipeline.transform(target == null ? rows : rows.rejectColumns(target));
        List<String> classes = classes(model, task);
        Datasets.Encoder encoder = Datasets.encoder(m.names()); // sorts the feature names once, not per row
        List<Example> examples = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            examples.add(encoder.example(m, i, task));
        }
        // in parallel where the model can; a row of features the model never saw is its all-zero row
        List<Prediction<?>> preds = Predictions.of((Model) model, (List) examples);
        writeCsv(out, rows, dataRows, e, classes, new Rows() {
            @Override
            public int size() {
                return m.rows();
            }

            @Override
            public int row(int i) {
                return m.rowIds()[i];
            }

            @Override
            public String label(int i) {
                return Predict.label(preds.get(i).getOutput(), task);
            }

            @Override
            public double probability(int i, int c) {
                Output<?> o = ((Map<String, ? extends Output<?>>) preds.get(i).getOutputScores()).get(classes.get(c));
                return o == null ? Double.NaN : score(o);
            }
        });
    }

    /** {@code dataRows} maps a row of {@code rows} to the data row it names; null when they are the same. */
    private static void writeCsv(Path out, Table rows, int[] dataRows, Experiment e, List<String> classes, Rows r) {
        Task task = e.scope().task();
        String id = e.data().id() != null && rows.containsColumn(e.data().id()) ? e.data().id() : null;
        String target = e.scope().target() != null && rows.containsColumn(e.scope().target()) ? e.scope().target() : null;
        try {
            // a new file moved over the old: `-o` may name a file of the output folder's top, a link to a run's own file
            AtomicFiles.write(out, bytes -> {
                BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
                List<String> head = new ArrayList<>();
                head.add("row");
                if (id != null) {
                    head.add(id);
                }
                if (target != null) {
                    head.add("actual");
                }
                head.add(task == Task.CLUSTERING ? "cluster" : "predicted");
                classes.forEach(c -> head.add("p(" + c + ")"));
                w.write(csvLine(head));
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    int row = r.row(i);
                    cells.clear();
                    cells.add(String.valueOf((dataRows == null ? row : dataRows[row]) + 1));
                    if (id != null) {
                        cells.add(rows.column(id).getString(row));
                    }
                    if (target != null) {
                        cells.add(rows.column(target).getString(row));
                    }
                    cells.add(r.label(i));
                    for (int c = 0; c < classes.size(); c++) {
                        double p = r.probability(i, c);
                        cells.add(Double.isNaN(p) ? "" : fixed6(p));
                    }
                    w.write(csvLine(cells));
                }
                w.flush();
            });
        } catch (IOException ex) {
            throw new RunException("cannot write " + out + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * {@code v} with six decimals, rounded half-up from the double's exact value, without a
     * Formatter per number (the holdout file and {@code predict} both write numbers this way).
     */
    static String fixed6(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
            return String.format(Locale.ROOT, "%.6f", v);
        }
        double a = Math.abs(v);
        if (a < 1e6) { // a * 1e6 < 1e12 is within 1e-4 of the exact product: only near-ties need exact arithmetic
            double scaled = a * 1e6;
            double floor = Math.floor(scaled);
            double frac = scaled - floor;
            if (Math.abs(frac - 0.5) > 1e-3) {
                long units = (long) floor + (frac > 0.5 ? 1 : 0);
                StringBuilder sb = new StringBuilder(16);
                if (v < 0 && units != 0) {
                    sb.append('-');
                }
                sb.append(units / 1_000_000).append('.');
                String fraction = Long.toString(units % 1_000_000);
                for (int k = fraction.length(); k < 6; k++) {
                    sb.append('0');
                }
                return sb.append(fraction).toString();
            }
        }
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static double score(Output<?> o) {
        if (o instanceof org.tribuo.classification.Label l) {
            return l.getScore();
        }
        return Double.NaN;
    }

    private static String label(Output<?> o, Task task) {
        if (o instanceof org.tribuo.classification.Label l) {
            return l.getLabel();
        } else if (o instanceof org.tribuo.regression.Regressor r) {
            return fixed6(r.getValues()[0]);
        } else if (o instanceof org.tribuo.clustering.ClusterID c) {
            return String.valueOf(c.getID());
        }
        return o.toString();
    }

    static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append('\n').toString();
    }
}
