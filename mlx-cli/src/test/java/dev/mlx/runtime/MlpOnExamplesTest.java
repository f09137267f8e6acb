package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import dev.mlx.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neural network keeps up with the linear model on every bundled supervised example: each
 * example's own data, checks, split, features block and cross-validation, with its ladder replaced
 * by {@code logistic} (or {@code linear}) and an {@code mlp} at the catalog's defaults, the logistic
 * regression trained as the network is, by SGD ({@code solver sgd}; the default L-BFGS converges fully,
 * which the network at its defaults does not). The mlp's cross-validated deciding metric must reach the
 * linear model's, within 0.02.
 */
class MlpOnExamplesTest {
    private static final double SLACK = 0.02;

    /** The ladder here has other models than the example's A/B test names. */
    private static dev.mlx.runtime.spec.Feedback withoutAbTest(dev.mlx.runtime.spec.Feedback f) {
        return f == null ? null : new dev.mlx.runtime.spec.Feedback(f.store(), f.location(), null, f.onlineMetric(),
                f.windowDays(), f.retrainMargin());
    }

    @TestFactory
    Stream<DynamicTest> mlpReachesTheLinearModelOnEachBundledExample(@TempDir Path tmp) {
        return Stream.of("iris", "breast-cancer", "penguins", "cars").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path mlx = Path.of("examples", name, name + ".mlx");
            SourceFile file = SourceFile.read(mlx);
            Diagnostics d = new Diagnostics(file);
            CheckResult checked = Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE), d);
            assertFalse(d.hasErrors(), name + " checks clean");
            Experiment e = Planner.plan(file, checked, "test").experiment();
            String linear = e.scope().task() == dev.mlx.catalog.Task.REGRESSION ? "linear" : "logistic";
            // the example's release gates are for its own ladder, not for this pair of models
            dev.mlx.runtime.spec.Scope s = e.scope();
            dev.mlx.runtime.spec.Scope noGates = new dev.mlx.runtime.spec.Scope(s.task(), s.target(), s.positive(), s.metric(),
                    List.of(), s.retrain(), s.intendedUse(), s.limitations());
            Experiment ladder = new Experiment(e.name(), e.question(), e.source(), noGates, e.data(), e.review(),
                    e.checks(), e.features(), e.inspect(),
                    List.of(new Model("linear_model", linear, linear.equals("logistic") ? Map.of("solver", "sgd") : Map.of()),
                            new Model("net", "mlp", Map.of())),
                    List.of(), e.evaluate(), null, e.deploy(), withoutAbTest(e.feedback()), e.report(), e.seed());
            Path out = tmp.resolve(name);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            int code = new Stages(ladder, mlx.getParent(), out, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
            assertEquals(Runner.OK, code, console.toString(StandardCharsets.UTF_8));

            JsonObject ev = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject()
                    .getAsJsonObject("evaluation");
            String metric = ev.get("metric").getAsString();
            boolean higher = ev.get("higher_is_better").getAsBoolean();
            double lin = Double.NaN;
            double mlp = Double.NaN;
            for (JsonElement m : ev.getAsJsonArray("models")) {
                JsonObject o = m.getAsJsonObject();
                assertTrue(o.get("error").isJsonNull(), o.toString());
                double score = o.getAsJsonObject("cv").getAsJsonObject(metric).get("mean").getAsDouble();
                if (o.get("name").getAsString().equals("net")) {
                    mlp = score;
                } else {
                    lin = score;
                }
            }
            String what = name + ": " + metric + " mlp " + mlp + " vs " + linear + " " + lin;
            // a lower-is-better metric (rmse) is compared relative to its size
            assertTrue(higher ? mlp >= lin - SLACK : mlp <= lin * (1 + SLACK), what);
        }));
    }
}
