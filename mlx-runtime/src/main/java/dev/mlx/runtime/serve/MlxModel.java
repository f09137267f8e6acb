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
 * MlxModel model = MlxModel.load(Path.of("out/penguins"));          // the output folder of a run
 * MlxModel.Prediction p = model.predict(Map.of(
 *         "island", "Biscoe", "beak_length_mm", 45.1, "beak_depth_mm", 14.5,
 *         "flipper_length_mm", 215, "body_mass_g", 5000, "sex", MlxModel.MISSING));
 * p.label();            // "Gentoo"
 * p.probabilities();    // {Adelie=0.0007, Chinstrap=0.0014, Gentoo=0.9979}
 * }</pre>
 *
 * The model lives in the output folder a run wrote, not in the experiment jar: the jar holds the
 * code (the runtime and the experiment), which is why it goes on the classpath. Values are Strings,
 * Numbers, Booleans, or a missing value: {@link #MISSING} (which {@code Map.of} accepts) or null in
 * a map that allows it; missing values are handled as in training. A value that does not fit the
 * training schema throws {@link InvalidInput}, which names every bad field. An instance is immutable
 * and safe to share between threads. docs/serve.md has the details.
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

        /**
         * One line per bad field: {@code body_mass_g: missing required field} from {@code predict},
         * {@code row 3: body_mass_g: missing required field} from {@code predictAll}.
         */
        public List<String> fields() {
            return fields;
        }
    }

    /** A missing value, for maps that cannot hold null ({@code Map.of}): the same as a null value or {@code "NA"} in training. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "MISSING";
        }
    };

    private final Served served;
    private final Scorer scorer;

    private MlxModel(Served served) {
        this.served = served;
        this.scorer = served.primary();
    }

    /**
     * Loads the model of a run from its output folder ({@code --out}, by default {@code out/NAME/}:
     * {@code serving.json} and the models). A jar holds no model: given one, this says where to look.
     */
    public static MlxModel load(Path folder) {
        if (Files.isRegularFile(folder) && folder.toString().endsWith(".jar")) {
            String name = experimentName(folder);
            throw new RunException(folder + " holds the experiment's code, not a model: load the output folder of its run (by "
                    + "default out/" + name + "), or MlxModel.load(jar, folder) to check that the folder's model is this jar's");
        }
        if (!Files.isDirectory(folder)) {
            throw new RunException("no model folder at " + folder + ": give the output folder of a run");
        }
        return new MlxModel(Served.load(folder));
    }

    /**
     * Loads the model of a compiled experiment jar's run from that run's output folder {@code out},
     * refusing a folder that holds another experiment's model.
     */
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

    /** Scores one row; an {@link InvalidInput} names its bad fields without a row number. */
    public Prediction predict(Map<String, ?> row) {
        return score(List.of(row), true).get(0);
    }

    /** Scores rows in one pass through the pipeline; an {@link InvalidInput} names each bad field's row (from 0). */
    public List<Prediction> predictAll(List<? extends Map<String, ?>> rows) {
        return score(rows, false);
    }

    private List<Prediction> score(List<? extends Map<String, ?>> rows, boolean single) {
        List<Map<String, Object>> plain = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            row.forEach((k, v) -> copy.put(k, v == MISSING ? null : v));
            plain.add(copy);
        }
        String body = ModelServer.GSON.toJson(plain);
        Requests.Parsed parsed;
        try {
            parsed = Requests.parse(body, served.profile, Integer.MAX_VALUE);
        } catch (ApiError e) {
            List<String> fields = new ArrayList<>();
            for (ApiError.Field f : e.fields) {
                fields.add((f.row() == null || single ? "" : "row " + f.row() + ": ") + f.field() + ": " + f.problem());
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
