package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.eval.EvaluationResult;
import dev.mlx.runtime.eval.ModelResult;
import dev.mlx.runtime.models.Export;
import dev.mlx.runtime.spec.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model folder loaded for serving: the training profile and one {@link Scorer} per variant (the
 * selected model, or the champion and challenger of an A/B test). {@link #write} is the run's side:
 * it exports the variants and writes the profile.
 */
public final class Served {
    public final Path dir;
    public final Profile profile;
    public final Map<String, Scorer> variants;

    private Served(Path dir, Profile profile, Map<String, Scorer> variants) {
        this.dir = dir;
        this.profile = profile;
        this.variants = variants;
    }

    /** A variant with the hashes of its model and pipeline files as they are now in {@code outDir}. */
    private static Profile.Variant variant(String name, String file, Path outDir) {
        Path model = outDir.resolve(file);
        return new Profile.Variant(name, file, Export.sha256(model), Export.sha256(Export.pipelinePath(model)));
    }

    /**
     * Loads a model folder written by a run: each variant's model and pipeline must hash to what
     * {@code serving.json} recorded, and the pipeline's features must be the model's.
     */
    public static Served load(Path dir) {
        Profile p = Profile.read(dir);
        Map<String, Scorer> scorers = new LinkedHashMap<>();
        for (Profile.Variant v : p.variants) {
            Path file = dir.resolve(v.file());
            if (!Files.exists(file)) {
                throw new RunException("the model of variant `" + v.name() + "` is missing (" + file
                        + "): run the experiment again");
            }
            if (v.sha256() == null || v.pipelineSha256() == null) {
                throw new RunException(Profile.FILE + " in " + dir + " records no checksums for the model of variant `" + v.name()
                        + "` (written by an older mlx): run the experiment again");
            }
            Export.Loaded l = Export.load(file, v.expected());
            scorers.put(v.name(), new Scorer(v.name(), l.model(), l.pipeline(), p.task));
        }
        return new Served(dir, p, scorers);
    }

    /** The model that answers when there is no A/B test: the selected one, or the champion. */
    public Scorer primary() {
        Scorer s = variants.get(profile.selected);
        return s != null ? s : variants.values().iterator().next();
    }

    /**
     * Writes the variants' models (A/B tests only: the selected model is already {@code model.tribuo})
     * and {@code serving.json}, whose input columns ({@link Profile#columns}) the run has computed;
     * returns the profile's path.
     */
    public static Path write(Experiment e, EvaluationResult r, JsonArray columns, Path outDir) {
        List<Profile.Variant> variants = new ArrayList<>();
        String selected = r.selected().name();
        if (e.feedback() != null && e.feedback().abtest() != null) {
            for (String name : List.of(e.feedback().abtest().champion(), e.feedback().abtest().challenger())) {
                ModelResult m = r.model(name);
                if (m == null || m.model() == null) {
                    throw new RunException("the A/B test needs model `" + name + "`, but "
                            + (m == null ? "the ladder has no such model" : "its training failed: " + m.error()));
                }
                String file = Profile.VARIANTS_DIR + "/" + name + ".tribuo";
                Export.tribuo(m.model(), r.pipeline(), outDir.resolve(file));
                variants.add(variant(name, file, outDir));
            }
            selected = e.feedback().abtest().champion();
        } else {
            variants.add(variant(selected, "model.tribuo", outDir));
        }
        JsonObject metrics = new JsonObject();
        ModelResult sel = r.model(selected);
        sel.holdout().forEach((k, v) -> metrics.addProperty(k, v.isNaN() ? null : v));
        JsonObject profile = Profile.build(e, columns, r.classes(), selected, variants, metrics);
        Path file = outDir.resolve(Profile.FILE);
        dev.mlx.runtime.base.JsonFiles.write(file, profile);
        return file;
    }
}
