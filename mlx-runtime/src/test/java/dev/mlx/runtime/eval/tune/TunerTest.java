package dev.mlx.runtime.eval.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.catalog.SearchMethod;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.eval.EvaluationResult;
import dev.mlx.runtime.eval.Evaluator;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.models.TestData;
import dev.mlx.runtime.spec.Evaluate;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Scope;
import dev.mlx.runtime.spec.Tune;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tuner on real models: a forest on an XOR pattern, which trees of depth 1 cannot learn. */
class TunerTest {
    private static final long SEED = 17;
    private static final List<String> X = List.of("x1", "x2", "x3");
    private static final Model FOREST = new Model("rf", "forest", Map.of("max_depth", 1L, "trees", 15L));
    private static final Tune DEPTH = new Tune("rf", List.of(new Tune.Range("max_depth", 1.0, 8.0, false)), 8, SearchMethod.GRID, "accuracy", 3);

    /** label "a" when x1 and x2 have the same sign, else "b"; x3 is noise; "id" numbers the rows from 0. */
    static Table xor(int rows, long seed) {
        Random rnd = new Random(seed);
        IntColumn id = IntColumn.create("id");
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        DoubleColumn x3 = DoubleColumn.create("x3");
        StringColumn label = StringColumn.create("label");
        for (int i = 0; i < rows; i++) {
            double a = rnd.nextDouble() * 2 - 1;
            double b = rnd.nextDouble() * 2 - 1;
            id.append(i);
            x1.append(a);
            x2.append(b);
            x3.append(rnd.nextGaussian());
            label.append(a * b > 0 ? "a" : "b");
        }
        return Table.create("xor", id, x1, x2, x3, label);
    }

    static Experiment spec(List<Tune> tunes, int folds) {
        Evaluate evaluate = new Evaluate(folds, true, List.of("accuracy"), Evaluate.Rule.BEST, 0.01, "accuracy", List.of());
        return new Experiment("t", "test", null, new Scope(Task.CLASSIFICATION, "label", null, "accuracy", List.of(), null),
                null, null, List.of(), List.of(), null, List.of(FOREST), tunes, evaluate, null, null, null, null, SEED);
    }

    private static final Function<Table, FittedPipeline> FITTER = TestData.Pipeline.fitter(X, "label", Task.CLASSIFICATION);

    @Test
    void tuningBeatsADeliberatelyBadDefault() {
        Table all = xor(300, 1);
        Table train = all.inRange(0, 220);
        Table test = all.inRange(220, 300);
        EvaluationResult plain = Evaluator.evaluate(spec(List.of(), 0), train, test, FITTER);
        EvaluationResult tuned = Evaluator.evaluate(spec(List.of(DEPTH), 0), train, test, FITTER);
        double before = plain.model("rf").holdout().get("accuracy");
        double after = tuned.model("rf").holdout().get("accuracy");
        assertTrue(before < 0.7, "stumps cannot learn XOR: " + before);
        assertTrue(after > 0.85, "the tuned forest can: " + after);

        TuneResult r = tuned.tuning().get(0);
        assertEquals(8, r.trials().size(), "one trial per depth 1..8");
        assertTrue((Long) r.best().params().get("max_depth") > 1);
        assertEquals(r.best().params().get("max_depth"), r.tuned().params().get("max_depth"));
        assertEquals(15L, r.tuned().params().get("trees"), "untuned values stay as written");
        Trial stumps = r.trials().stream().filter(t -> t.params().get("max_depth").equals(1L)).findFirst().orElseThrow();
        assertTrue(r.best().mean() > stumps.mean() + 0.15, r.best().mean() + " vs stumps " + stumps.mean());
    }

    @Test
    void theTunerNeverSeesAHoldoutRow() {
        Table all = xor(200, 2);
        Table train = all.inRange(0, 150);
        Table test = all.inRange(150, 200);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<Set<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
        Function<Table, FittedPipeline> recording = t -> {
            events.add("fit " + t.rowCount());
            seen.add(ids(t));
            FittedPipeline p = FITTER.apply(t);
            return new FittedPipeline() {
                @Override
                public FeatureMatrix transform(Table table) {
                    events.add("transform " + table.rowCount());
                    seen.add(ids(table));
                    return p.transform(table);
                }

                @Override
                public List<String> featureNames() {
                    return p.featureNames();
                }

                @Override
                public List<String> inputColumns() {
                    return p.inputColumns();
                }
            };
        };
        Tune random = new Tune("rf", List.of(new Tune.Range("max_depth", 1.0, 6.0, false)), 4, SearchMethod.RANDOM, "accuracy", 3);
        EvaluationResult r = Evaluator.evaluate(spec(List.of(random), 0), train, test, recording);
        assertEquals(4, r.tuning().get(0).trials().size());

        // the tuning comes first and ends where the pipeline is fitted on all 150 training rows
        int finalFit = events.indexOf("fit 150");
        assertEquals(9, finalFit, "three folds, each fitted once and transforming its two parts: " + events);
        Set<Integer> holdout = ids(test);
        Set<Integer> validated = new TreeSet<>();
        for (int i = 0; i < finalFit; i++) {
            for (int id : seen.get(i)) {
                assertFalse(holdout.contains(id), "tuning saw holdout row " + id + " at " + events.get(i));
            }
            if (events.get(i).startsWith("transform") && seen.get(i).size() == 50) {
                validated.addAll(seen.get(i));
            }
        }
        assertEquals(ids(train), validated, "every training row validates once");
        // and the recorder does see the holdout when the final model is scored: it would have caught the tuner
        assertTrue(seen.subList(finalFit, seen.size()).stream().anyMatch(s -> s.equals(holdout)));
    }

    /** Trials scored as the evaluation scores a fold of cross-validation. */
    private static FoldScorer crossValidation(Experiment e) {
        return (model, seed, train, validation, metric) -> Evaluator.foldScore(e, model, seed, train, validation, metric);
    }

    @Test
    void parallelTrialsEqualSequentialOnesAndTheSameSeedRepeats() {
        Table train = xor(160, 3);
        Tune tpe = new Tune("rf", List.of(new Tune.Range("max_depth", 1.0, 8.0, false),
                new Tune.Range("fraction_features", 0.3, 0.9, false)), 9, SearchMethod.TPE, "accuracy", 3);
        Experiment e = spec(List.of(tpe), 3);
        TuneResult one = Tuner.tune(e, train, FITTER, tpe, crossValidation(e), 1, line -> { });
        TuneResult two = Tuner.tune(e, train, FITTER, tpe, crossValidation(e), 2, line -> { });
        TuneResult four = Tuner.tune(e, train, FITTER, tpe, crossValidation(e), 4, line -> { });
        for (TuneResult other : List.of(two, four)) {
            assertEquals(one.trials().size(), other.trials().size());
            for (int i = 0; i < one.trials().size(); i++) {
                assertTrue(one.trials().get(i).sameOutcome(other.trials().get(i)), "trial " + (i + 1));
            }
            assertEquals(one.best().number(), other.best().number());
            assertEquals(one.tuned(), other.tuned());
            assertEquals(withoutTimes(dev.mlx.runtime.result.RunJson.tree(one.toResult()).getAsJsonObject()), withoutTimes(dev.mlx.runtime.result.RunJson.tree(other.toResult()).getAsJsonObject()));
        }
        Experiment reseeded = new Experiment("t", "test", null, e.scope(), null, null, List.of(), List.of(), null,
                e.models(), e.tunes(), e.evaluate(), null, null, null, null, SEED + 1);
        TuneResult other = Tuner.tune(reseeded, train, FITTER, tpe, crossValidation(reseeded), 2, line -> { });
        assertNotEquals(one.trials().stream().map(Trial::params).toList(), other.trials().stream().map(Trial::params).toList());
    }

    @Test
    void theResultJsonHasTheDocumentedShape() {
        Table all = xor(200, 4);
        List<String> lines = new ArrayList<>();
        EvaluationResult r = Evaluator.evaluate(spec(List.of(DEPTH), 3), all.inRange(0, 150), all.inRange(150, 200), FITTER,
                lines::add);
        JsonObject evaluation = JsonParser.parseString(dev.mlx.runtime.result.RunJson.text(r.toResult())).getAsJsonObject();
        JsonArray tuning = evaluation.getAsJsonArray("tuning");
        assertEquals(1, tuning.size());
        JsonObject t = tuning.get(0).getAsJsonObject();
        assertEquals(new TreeSet<>(List.of("model", "kind", "search", "metric", "higher_is_better", "folds", "stratified",
                "seed", "trials_requested", "trials_run", "space", "trials", "best", "tuned_params", "ms")), t.keySet());
        assertEquals("rf", t.get("model").getAsString());
        assertEquals(8, t.get("trials_run").getAsInt());
        JsonObject trial = t.getAsJsonArray("trials").get(0).getAsJsonObject();
        assertEquals(new TreeSet<>(List.of("trial", "params", "seed", "mean", "sd", "folds", "ms", "error")), trial.keySet());
        assertEquals(3, trial.getAsJsonArray("folds").size());
        JsonObject best = t.getAsJsonObject("best");
        assertEquals(best.getAsJsonObject("params").get("max_depth"), t.getAsJsonObject("tuned_params").get("max_depth"));
        JsonObject dim = t.getAsJsonArray("space").get(0).getAsJsonObject();
        assertTrue(dim.get("integer").getAsBoolean());
        // the model's CV in the evaluation is that of the tuned model
        assertNotNull(r.model("rf").cv().get("accuracy"));
        // xor is at chance (0.5) for a stump; 15 trees on 100 training rows a fold vary by a few hundredths per fold
        assertTrue(r.model("rf").cv().get("accuracy").mean() > 0.7, "tuned forest cv accuracy " + r.model("rf").cv().get("accuracy")
                + ", tuning " + t);
        assertEquals(8, lines.stream().filter(l -> l.matches("tune +rf +trial .*")).count(), "progress hears of every trial: " + lines);
    }

    @Test
    void withoutTuneStatementsTheTuningListIsEmpty() {
        Table all = xor(100, 5);
        EvaluationResult r = Evaluator.evaluate(spec(List.of(), 0), all.inRange(0, 80), all.inRange(80, 100), FITTER);
        assertTrue(r.tuning().isEmpty());
        assertEquals(0, JsonParser.parseString(dev.mlx.runtime.result.RunJson.text(r.toResult())).getAsJsonObject().getAsJsonArray("tuning").size());
    }

    private static JsonObject withoutTimes(JsonObject o) {
        JsonObject c = o.deepCopy();
        c.remove("ms");
        c.getAsJsonArray("trials").forEach(t -> t.getAsJsonObject().remove("ms"));
        return c;
    }

    private static Set<Integer> ids(Table t) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            out.add(t.intColumn("id").get(i));
        }
        return out;
    }
}
