package dev.mlx.runtime.serve;

import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * The embedding API: a trained model used in process, where an HTTP hop costs too much. It applies
 * the same fitted pipeline and the same input validation as {@code serve}.
 *
 * <pre>{@code
 * MlxModel model = MlxModel.load(Path.of("out/penguins"));          // a model folder written by a run
 * MlxModel.Prediction p = model.predict(Map.of(
 *         "island", "Biscoe", "beak_length_mm", 45.1, "beak_depth_mm", 14.5,
 *         "flipper_length_mm", 215, "body_mass_g", 5000, "sex", "FEMALE"));
 * p.label();            // "Gentoo"
 * p.probabilities();    // {Adelie=0.0007, Chinstrap=0.0014, Gentoo=0.9979}
 * }</pre>
 *
 * Values are Strings, Numbers, Booleans or null (missing); a value that does not fit the training
 * schema throws {@link InvalidInput}, which names every bad field. An instance is immutable and
 * safe to share between threads. docs/serve.md has the details.
 */
public final class MlxModel {
    /** One prediction: the label (classification), value (regression) or cluster; warnings as in /predict. */
    public record Prediction(String label, Map<String, Double> probabilities, Double value, Integer cluster,
                             List<String> warnings) {
        public Prediction {
            warnings = List.copyOf(warnings);
        }
    }

    /** Input that does not fit the training schema; {@link #fields()} says which field and why. */
    public static final class InvalidInput extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> fields;

        InvalidInput(String message, List<String> fields) {
            super(message + (fields.isEmpty() ? "" : ": " + String.join("; ", fields)), null, false, false);
            this.fields = List.copyOf(fields);
        }

        /** One line per bad field: {@code row 0: body_mass_g: missing required field}. */
        public List<String> fields() {
            return fields;
        }
    }

    private final Served served;
    private final Scorer scorer;

    private MlxModel(Served served) {
        this.served = served;
        this.scorer = served.primary();
    }

    /**
     * Loads a model folder (the {@code --out} folder of a run: {@code serving.json} and the models),
     * or a compiled experiment jar, whose model is then read from {@code out/NAME/} under the
     * working folder, where {@code java -jar X.jar} writes it by default.
     */
    public static MlxModel load(Path folderOrJar) {
        if (Files.isRegularFile(folderOrJar) && folderOrJar.toString().endsWith(".jar")) {
            return load(folderOrJar, Path.of("out", experimentName(folderOrJar)));
        }
        if (!Files.isDirectory(folderOrJar)) {
            throw new RunException("no model folder or experiment jar at " + folderOrJar);
        }
        return new MlxModel(Served.load(folderOrJar));
    }

    /** Loads the model of a compiled experiment jar from the run's output folder {@code out}. */
    public static MlxModel load(Path jar, Path out) {
        String name = experimentName(jar);
        Served s = Served.load(out);
        if (!s.profile.experiment.equals(name)) {
            throw new RunException(out + " holds a model of experiment `" + s.profile.experiment + "`, not `" + name + "`");
        }
        return new MlxModel(s);
    }

    private static String experimentName(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            String name = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes().getValue("Mlx-Experiment");
            if (name == null) {
                throw new RunException(jar + " is not a compiled mlx experiment (no Mlx-Experiment in its manifest)");
            }
            return name;
        } catch (IOException e) {
            throw new RunException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** The experiment's name. */
    public String experiment() {
        return served.profile.experiment;
    }

    /** The model that answers: the selected one (or the champion of an A/B test). */
    public String model() {
        return scorer.name();
    }

    /** The columns a row must carry (the pipeline's inputs). */
    public List<String> requiredColumns() {
        List<String> out = new ArrayList<>();
        served.profile.columns.stream().filter(Profile.Col::required).forEach(c -> out.add(c.name()));
        return out;
    }

    /** Scores one row. */
    public Prediction predict(Map<String, ?> row) {
        return predictAll(List.of(row)).get(0);
    }

    /** Scores rows in one pass through the pipeline. */
    public List<Prediction> predictAll(List<? extends Map<String, ?>> rows) {
        String body = ModelServer.GSON.toJson(rows);
        Requests.Parsed parsed;
        try {
            parsed = Requests.parse(body, served.profile, Integer.MAX_VALUE);
        } catch (ApiError e) {
            List<String> fields = new ArrayList<>();
            for (ApiError.Field f : e.fields) {
                fields.add((f.row() == null ? "" : "row " + f.row() + ": ") + f.field() + ": " + f.problem());
            }
            throw new InvalidInput(e.getMessage(), fields);
        }
        List<Scorer.Scored> scored = scorer.score(parsed.table());
        List<Prediction> out = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            List<String> warnings = new ArrayList<>();
            for (ApiError.Field w : parsed.warnings()) {
                if (w.row() == null || w.row() == i) {
                    warnings.add(w.field() + ": " + w.problem());
                }
            }
            Scorer.Scored s = scored.get(i);
            out.add(new Prediction(served.profile.task == dev.mlx.catalog.Task.CLASSIFICATION ? s.prediction() : null,
                    s.probabilities(), s.value(), s.cluster(), warnings));
        }
        return out;
    }
}
